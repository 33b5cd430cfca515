// @ts-check
// (being written: the facebook adapter, issue 4)
