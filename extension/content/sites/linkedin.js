// @ts-check
// (being written: the linkedin adapter, issue 4)
