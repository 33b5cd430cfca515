// Labelled TSV files as ../shared/data writes them (tab-separated, a header row, standard CSV
// quoting: a quoted field may hold tabs, quotes and newlines), for the scripts under scripts/.

import { readFileSync } from 'node:fs';

/** Rows of a TSV with standard quoting (a quoted field may hold tabs, quotes and newlines). */
export function readTsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === '\t') { row.push(field); field = ''; } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  const [header, ...body] = rows;
  return body.filter((r) => r.length >= header.length).map((r) => Object.fromEntries(header.map((h, k) => [h, r[k]])));
}

/**
 * The texts of a TSV file's column `column`.
 * @param {string} path
 * @param {string} column
 */
export const texts = (path, column) => readTsv(readFileSync(path, 'utf8')).map((row) => row[column]);
