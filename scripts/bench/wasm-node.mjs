// The WASM engine, as the extension ships it, under Node: start-up (instantiating the module and
// compiling the example policy), posts/s classifying the validation texts in batches of 40 (as the
// content scripts send them), and draft-check latency at 280 and 25,000 characters. Prints figures
// and writes its section of bench/results.json. Not a test.
//   node scripts/bench/wasm-node.mjs ENGINE_DIR DATA_DIR
// ENGINE_DIR holds `wasm-bindgen --target nodejs` output of the engine (./build.sh bench makes it).

import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { texts } from '../tsv.mjs';
import { record } from './results.mjs';

const [engineDir, data] = process.argv.slice(2).filter((a) => a !== '--startup-only');
const STARTUP_RUNS = 7; // each in a fresh process: start-up varies by tens of ms on a shared VM
const require = createRequire(import.meta.url);
const POLICY = readFileSync(new URL('../../examples/hanbit-policy.jsonc', import.meta.url), 'utf8');
const BATCH = 40;

const ms = (start) => performance.now() - start;
const percentile = (sorted, p) => sorted[Math.round((sorted.length - 1) * p)];

// Start-up: load and instantiate the module, then build a checker with the policy.
let started = performance.now();
const { Checker } = require(path.resolve(engineDir, 'riskhint.js'));
const instantiate = ms(started);
started = performance.now();
const checker = new Checker();
const outcome = JSON.parse(checker.configure(undefined, POLICY, undefined, []));
const configure = ms(started);
if (!outcome.ok) throw new Error(`the example policy was rejected: ${JSON.stringify(outcome)}`);
// The first check also touches the models and the lexicon index for the first time.
started = performance.now();
checker.check_draft('first words', JSON.stringify({ today: '2026-06-01' }));
const firstCheck = ms(started);
// The first draft holding credentials reads SEC001's table (gitleaks' formats) and compiles the
// patterns of the formats whose keywords it holds, and gitleaks' global allow-list: a cold cost
// paid once, after the first verdict in a session that never meets a key.
started = performance.now();
checker.check_draft('bot posts to https://hooks.slack.com/services/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 and the key is AKIAZ7QK2MW9ZR4TL8VN',
  JSON.stringify({ today: '2026-06-01' }));
const firstCredential = ms(started);
if (process.argv.includes('--startup-only')) {
  console.log(JSON.stringify({ instantiate, configure, firstCheck, firstCredential }));
  process.exit(0);
}
const runs = [{ instantiate, configure, firstCheck, firstCredential }];
for (let i = 1; i < STARTUP_RUNS; i++) {
  runs.push(JSON.parse(execFileSync(process.execPath, [fileURLToPath(import.meta.url), engineDir, data, '--startup-only'], { encoding: 'utf8' })));
}
const median = (values) => percentile([...values].sort((a, b) => a - b), 0.5);
const totals = runs.map((r) => r.instantiate + r.configure + r.firstCheck);
const startup = {
  runs: STARTUP_RUNS,
  instantiate_ms: median(runs.map((r) => r.instantiate)),
  configure_ms: median(runs.map((r) => r.configure)),
  first_check_ms: median(runs.map((r) => r.firstCheck)),
  first_credential_ms: median(runs.map((r) => r.firstCredential)),
  total_ms: { median: median(totals), max: Math.max(...totals) },
};

const results = { machine: `${process.platform} ${process.arch}, node ${process.version}`, at: new Date().toISOString(), startup };

/** Posts/s classifying `set` for about a second. */
function throughput(set) {
  const batches = [];
  for (let i = 0; i < set.length; i += BATCH) batches.push(JSON.stringify(set.slice(i, i + BATCH).map((text, k) => ({ id: String(i + k), text }))));
  // One pass first, unmeasured: V8 compiles the engine with its baseline compiler and optimises
  // the hot functions while they run, and a browser session spends nearly all its time after that.
  for (const batch of batches) checker.classify_posts(batch, 'en');
  let done = 0;
  const begin = performance.now();
  while (ms(begin) < 1000) {
    for (const batch of batches) checker.classify_posts(batch, 'en');
    done += set.length;
  }
  return done / (ms(begin) / 1000);
}

const english = texts(path.join(data, 'en/tweeteval-offensive/val.tsv'), 'text');
const korean = texts(path.join(data, 'ko/k-mhas/valid.tsv'), 'document');
results.posts_per_s = { english_tweets: throughput(english), korean_comments: throughput(korean) };

const mixed = english.map((e, i) => `${e} ${korean[i % korean.length]}`).join('\n');
const request = JSON.stringify({ today: '2026-06-01', role: 'employee' });
results.check_draft_ms = {};
for (const chars of [280, 25_000]) {
  const draft = [...mixed].slice(0, chars).join('');
  const runs = chars < 1000 ? 3000 : 150;
  for (let i = 0; i < 20; i++) checker.check_draft(draft, request); // warmed up like throughput()
  const times = [];
  for (let i = 0; i < runs; i++) {
    const begin = performance.now();
    checker.check_draft(draft, request);
    times.push(ms(begin));
  }
  times.sort((a, b) => a - b);
  results.check_draft_ms[chars] = { p50: percentile(times, 0.5), p99: percentile(times, 0.99) };
}

// Beside it, in this same process and on the same texts: the npm tools people would otherwise use
// (scripts/bench/peers, installed by ./build.sh bench). Rows/s of each, and riskhint's ratio.
/** Rows/s of `flag` over `set` for about a second. */
function rowsPerSecond(flag, set) {
  for (const text of set) flag(text); // warmed up like riskhint
  let done = 0;
  const begin = performance.now();
  while (ms(begin) < 1000) {
    for (const text of set) flag(text);
    done += set.length;
  }
  return done / (ms(begin) / 1000);
}
const { PEERS } = await import('./peers/index.mjs');
results.peers = {};
for (const [name, flag] of Object.entries(PEERS)) {
  const english_tweets = rowsPerSecond(flag, english);
  const korean_comments = rowsPerSecond(flag, korean);
  results.peers[name] = {
    rows_per_s: { english_tweets, korean_comments },
    riskhint_ratio: { english_tweets: results.posts_per_s.english_tweets / english_tweets, korean_comments: results.posts_per_s.korean_comments / korean_comments },
  };
}

const row = (name, value, budget) => console.log(`${name.padEnd(52)} ${value.padStart(16)}   ${budget}`);
console.log(`riskhint WASM engine in Node (${results.machine})`);
row(`start-up (median of ${STARTUP_RUNS} processes): instantiate the module`, `${startup.instantiate_ms.toFixed(1)} ms`, '');
row('start-up: compile the example policy', `${startup.configure_ms.toFixed(1)} ms`, '');
row('start-up: first check (models, lexicons touched)', `${startup.first_check_ms.toFixed(1)} ms`, '');
row('first draft with credentials (their formats compiled)', `${startup.first_credential_ms.toFixed(1)} ms`, '');
row('start-up in all, median / slowest', `${startup.total_ms.median.toFixed(1)} / ${startup.total_ms.max.toFixed(1)} ms`, '≤ 50 ms (issue 5)');
row('classify English tweets, batches of 40', `${Math.round(results.posts_per_s.english_tweets)} posts/s`, '≥ 20,000');
row('classify Korean comments, batches of 40', `${Math.round(results.posts_per_s.korean_comments)} posts/s`, '≥ 20,000');
for (const [chars, { p50, p99 }] of Object.entries(results.check_draft_ms)) {
  row(`check_draft ${chars} chars p50 / p99`, `${p50.toFixed(2)} / ${p99.toFixed(2)} ms`, chars === '280' ? 'p99 ≤ 0.5 ms' : 'p99 ≤ 10 ms');
}
console.log(`\nbeside the npm tools, same texts, same process (they look for profanity only, in English)`);
for (const [name, { rows_per_s, riskhint_ratio }] of Object.entries(results.peers)) {
  row(`${name}: English tweets`, `${Math.round(rows_per_s.english_tweets)} rows/s`, `riskhint ×${riskhint_ratio.english_tweets.toFixed(2)}`);
  row(`${name}: Korean comments`, `${Math.round(rows_per_s.korean_comments)} rows/s`, `riskhint ×${riskhint_ratio.korean_comments.toFixed(2)}`);
}
record('wasm_in_node', results);
