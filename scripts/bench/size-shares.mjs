// The WASM engine's size, raw and gzipped, and the share of each dependency, from twiggy (crates.io)
// on the engine without its models, optimised as shipped but keeping function names. Code is
// attributed to the first crate its function name mentions, most specific first (generic code of
// `core` instantiated for serde_json counts as serde_json); data segments cannot be attributed and
// are shown together. Not a test: prints a table and writes its section of bench/results.json.
//   node scripts/bench/size-shares.mjs SHIPPED.wasm WITHOUT-MODELS.wasm NAMED-WITHOUT-MODELS.wasm

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { record } from './results.mjs';

const [shipped, withoutModels, named] = process.argv.slice(2);
const KB = 1024;
const gz = (file) => execFileSync('gzip', ['-9', '-c', file], { maxBuffer: 64 << 20 }).length;

// Most specific first: a name mentioning serde_json and core belongs to serde_json.
const CRATES = ['serde_path_to_error', 'serde_json', 'serde_core', 'serde', 'regex_syntax', 'regex_automata', 'regex', 'aho_corasick',
  'memchr', 'unicode_normalization', 'riskhint_text', 'riskhint', 'wasm_bindgen', 'dlmalloc', 'hashbrown', 'zmij', 'itoa', 'std', 'alloc', 'core'];

const csv = execFileSync('twiggy', ['top', '-n', '1000000', '-f', 'csv', named], { encoding: 'utf8', maxBuffer: 64 << 20 });
const shares = {};
for (const line of csv.trim().split('\n').slice(1)) {
  // Name,ShallowSize,ShallowSizePercent,...: a name holding commas or quotes is quoted.
  const match = /^"((?:[^"]|"")*)",(\d+),/.exec(line) ?? /^([^",]*),(\d+),/.exec(line);
  if (!match) continue;
  const name = match[1].replaceAll('""', '"');
  const bytes = Number(match[2]);
  let owner;
  if (name.startsWith('data segment')) owner = 'data (lexicons, rule texts, Unicode tables)';
  else if (name.includes('subsection') || name.startsWith('custom section')) continue; // names: not shipped
  else owner = CRATES.find((crate) => new RegExp(`\\b${crate}\\b`).test(name)) ?? 'other';
  shares[owner] = (shares[owner] ?? 0) + bytes;
}
const total = Object.values(shares).reduce((a, b) => a + b, 0);

const results = {
  shipped: { raw_kb: readFileSync(shipped).length / KB, gzip_kb: gz(shipped) / KB },
  without_models: { raw_kb: readFileSync(withoutModels).length / KB, gzip_kb: gz(withoutModels) / KB, budget_gzip_kb: 400 },
  shares_kb_raw: Object.fromEntries(Object.entries(shares).sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, v / KB])),
};

console.log(`WASM engine: ${results.shipped.raw_kb.toFixed(0)} KB raw, ${results.shipped.gzip_kb.toFixed(0)} KB gzipped; without models ${results.without_models.raw_kb.toFixed(0)} KB raw, ${results.without_models.gzip_kb.toFixed(0)} KB gzipped (budget 400 KB)`);
console.log('share of the engine without models (raw bytes after wasm-opt, from twiggy):');
for (const [owner, kb] of Object.entries(results.shares_kb_raw)) {
  console.log(`  ${owner.padEnd(46)} ${kb.toFixed(1).padStart(7)} KB  ${((kb * KB * 100) / total).toFixed(1).padStart(5)}%`);
}
record('wasm_size', results);
