// Times the worker's calls into the engine two ways, in one Node process, on the same texts:
//   json    what background.js does: JSON.stringify the request, Checker.check_draft or
//           classify_posts, JSON.parse the report
//   values  ValueChecker: the request object in, the report object out (serde-wasm-bindgen)
// and checks that both give the same reports. Prints ns per call (the fastest and the median of
// alternating rounds, after a warm-up pass: on a shared machine the fastest round is the one
// least disturbed) and each module's size gzipped. Not a test.
//   node scripts/bench/serde-wasm-bindgen/bench.mjs BUILD_DIR DATA_DIR
//   node … BUILD_DIR DATA_DIR --calls json|values WORKLOAD PASSES
//     only makes the calls, PASSES times over WORKLOAD's texts, for counting instructions under
//     callgrind (serde-wasm-bindgen.sh --instructions), which repeat where wall-clock time does not
// BUILD_DIR holds json/ and values/ (wasm-bindgen --target nodejs) and json.wasm, values.wasm.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { texts } from '../../tsv.mjs';

const [buildDir, data, mode, way, workload, passes] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const POLICY = readFileSync(new URL('../../../examples/hanbit-policy.jsonc', import.meta.url), 'utf8');
const ROUNDS = 15;
const ROUND_MS = 200;
const BATCH = 40;

const { Checker, ValueChecker } = require(path.resolve(buildDir, 'values/values.js'));
const checker = new Checker();
const outcome = JSON.parse(checker.configure(undefined, POLICY, undefined, []));
assert.ok(outcome.ok, `the example policy was rejected: ${JSON.stringify(outcome)}`);
const valueChecker = new ValueChecker(POLICY);

// The request exactly as background.js builds it.
const request = { role: 'executive', today: '2026-12-22', platform: 'x', reply_to: null, lang: null, ignored: [] };

const english = texts(path.join(data, 'en/tweeteval-offensive/val.tsv'), 'text');
const korean = texts(path.join(data, 'ko/k-mhas/valid.tsv'), 'document');
const flagged = [
  "Q3 revenue already beat $2B internally. Can't say more about Project Falcon 🤐",
  '노바 X1 진짜 최고예요 강추!',
  'My Nova X1 caught fire while charging. @HanbitElec recall this now!',
  '오늘 팰컨 프로젝트 회의 끝! 대외비라 자세히는 못 말하지만 곧 발표합니다 ㅋㅋ',
];
const long = english.join(' ').slice(0, 25_000);

const drafts = {
  json: (text) => JSON.parse(checker.check_draft(text, JSON.stringify(request))),
  values: (text) => valueChecker.check_draft(text, request),
};
const batchesOf = (set) => {
  const batches = [];
  for (let i = 0; i < set.length && batches.length < 25; i += BATCH) batches.push(set.slice(i, i + BATCH).map((text, k) => ({ id: String(i + k), text })));
  return batches;
};
const posts = {
  json: (batch) => JSON.parse(checker.classify_posts(JSON.stringify(batch), 'en')),
  values: (batch) => valueChecker.classify_posts(batch, 'en'),
};

if (mode === '--calls') {
  const workloads = {
    'drafts-english': [drafts, english.slice(0, 200)],
    'drafts-flagged': [drafts, flagged],
    'posts-english': [posts, batchesOf(english).slice(0, 5)],
  };
  const [calls, items] = workloads[workload];
  for (let pass = 0; pass < Number(passes); pass++) for (const item of items) calls[way](item);
  process.exit(0);
}

/** ns per item of `call` over `items`, repeated for about ROUND_MS. */
function round(call, items, perItem) {
  let done = 0;
  const begin = performance.now();
  do {
    for (const item of items) call(item);
    done += items.length;
  } while (performance.now() - begin < ROUND_MS);
  return ((performance.now() - begin) * 1e6) / (done * perItem);
}

/** Median ns per item both ways, rounds alternating so a slow spell of the machine hits both. */
function compare(name, calls, items, perItem = 1) {
  for (const item of items.slice(0, 20)) assert.deepEqual(calls.values(item), calls.json(item), `${name}: the two bindings disagree`);
  for (const item of items) { calls.json(item); calls.values(item); } // warm-up: V8 optimises the hot code
  const times = { json: [], values: [] };
  for (let r = 0; r < ROUNDS; r++) for (const way of r % 2 ? ['values', 'json'] : ['json', 'values']) times[way].push(round(calls[way], items, perItem));
  const sorted = (values) => [...values].sort((a, b) => a - b);
  const [json, values] = [sorted(times.json), sorted(times.values)];
  const change = (a, b) => `${((b / a - 1) * 100).toFixed(1)}%`.padStart(7);
  const ns = (value) => value.toFixed(0).padStart(9);
  const [mid, midValues] = [json[json.length >> 1], values[values.length >> 1]];
  console.log(`${name.padEnd(48)}${ns(json[0])}${ns(values[0])} ${change(json[0], values[0])}   ${ns(mid)}${ns(midValues)} ${change(mid, midValues)}`);
}

console.log(`${'ns per call (per post for batches)'.padEnd(48)}${'fastest: json'.padStart(18)}  values   ${'median: json'.padStart(18)}  values`);
compare('check_draft: English tweets', drafts, english.slice(0, 200));
compare('check_draft: Korean comments', drafts, korean.slice(0, 200));
compare('check_draft: drafts with findings', drafts, flagged);
compare('check_draft: 25,000 characters', drafts, [long]);
compare('classify_posts: English tweets, batches of 40', posts, batchesOf(english), BATCH);
compare('classify_posts: Korean comments, batches of 40', posts, batchesOf(korean), BATCH);

const gz = (file) => execFileSync('gzip', ['-9', '-c', file], { maxBuffer: 64 << 20 }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const sizes = Object.fromEntries(['json', 'values'].map((way) => [way, gz(path.join(buildDir, `${way}/${way}_bg.wasm`))]));
console.log(`\nWASM gzipped (gzip -9): json bindings only ${kb(sizes.json)}; both bindings ${kb(sizes.values)} (+${kb(sizes.values - sizes.json)})`);
