// @ts-check
// (being written: the linkedin-main adapter, issue 4)
