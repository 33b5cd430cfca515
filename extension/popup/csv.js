// @ts-check
// The popup's CSV export: a report for people, read in a spreadsheet, so it speaks the UI's
// language (headers, label names, yes/no, dates). The JSON export is the machine-readable one: its
// keys, label names and ISO dates stay as they are in every language.

/** The columns, in order; each header is message csv_<column>. */
export const COLUMNS = ['id', 'url', 'author', 'text', 'labels', 'risk', 'replies', 'reposts', 'likes', 'views', 'promoted', 'seenAt'];

/**
 * RFC 4180 CSV with a BOM (spreadsheet software then reads Korean correctly), in the UI's words.
 * @param {ReadonlyArray<object>} rows the popup's rows (SummaryRow, types.d.ts)
 * @param {{t: (key: string) => string, labelName: (label: string) => string, formatDate: (iso: string) => string}} words
 */
export function toCsv(rows, { t, labelName, formatDate }) {
  /** @type {Record<string, (value: unknown) => unknown>} what a column shows, where it is not the value itself */
  const show = {
    labels: (labels) => (Array.isArray(labels) ? labels.map((label) => labelName(String(label))).join(', ') : labels),
    promoted: (promoted) => t(promoted ? 'csvYes' : 'csvNo'),
    seenAt: (at) => (at ? formatDate(String(at)) : ''),
  };
  const cell = (/** @type {unknown} */ value) => {
    const text = String(value ?? '');
    // A leading = + - @ would run as a formula in a spreadsheet.
    const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
    return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const header = COLUMNS.map((c) => cell(t(`csv_${c}`)));
  const lines = rows.map((row) => {
    const values = /** @type {Record<string, unknown>} */ (row);
    return COLUMNS.map((c) => cell(show[c] ? show[c](values[c]) : values[c])).join(',');
  });
  return `\uFEFF${[header.join(','), ...lines].join('\r\n')}\r\n`;
}
