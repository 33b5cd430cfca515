// obscenity (npm) on a labelled TSV: precision, recall, F1 of the positive class and rows/s, one
// line of JSON. Used by scripts/compare/compare.sh.
//   node obscenity.mjs FILE.tsv TEXT_COL LABEL_COL POSITIVE[,POSITIVE]

import { readFileSync } from 'node:fs';
import { readTsv } from '../tsv.mjs';
import { RegExpMatcher, englishDataset, englishRecommendedTransformers } from 'obscenity';

const [path, textCol, labelCol, positive] = process.argv.slice(2);
const wanted = new Set(positive.split(','));

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
