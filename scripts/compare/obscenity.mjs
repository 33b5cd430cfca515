// obscenity (npm) on a labelled TSV: precision, recall, F1 of the positive class and rows/s, one
// line of JSON. Used by scripts/compare/compare.sh.
//   node obscenity.mjs FILE.tsv TEXT_COL LABEL_COL POSITIVE[,POSITIVE]

import { readFileSync } from 'node:fs';
import { RegExpMatcher, englishDataset, englishRecommendedTransformers } from 'obscenity';

const [path, textCol, labelCol, positive] = process.argv.slice(2);
const wanted = new Set(positive.split(','));

/** Rows of a TSV with standard quoting (a quoted field may hold tabs, quotes and newlines). */
function readTsv(text) {
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

const rows = readTsv(readFileSync(path, 'utf8'));
const matcher = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });
const started = performance.now();
const flagged = rows.map((r) => matcher.hasMatch(r[textCol]));
const seconds = (performance.now() - started) / 1000;
let tp = 0, fp = 0, fn = 0;
rows.forEach((r, k) => {
  const truth = r[labelCol].split(',').some((l) => wanted.has(l.trim()));
  if (flagged[k] && truth) tp++; else if (flagged[k]) fp++; else if (truth) fn++;
});
const precision = tp + fp ? tp / (tp + fp) : 0;
const recall = tp + fn ? tp / (tp + fn) : 0;
const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
console.log(JSON.stringify({ tool: 'obscenity', rows: rows.length, precision, recall, f1, rows_per_s: rows.length / seconds }));
