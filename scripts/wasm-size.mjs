// The WASM engine's size against its budgets (./build.sh runs this after every build): the whole
// engine ≤ 1 MB gzipped, each embedded model or data table ≤ 300 KB gzipped, and the engine without
// them ≤ 452 KB gzipped (400 KB until issue 19: the semantic tier's runtime, tokenizer, Q4×Q8
// kernels and forward pass, adds 24 KB; its weights are a separate file the worker loads later;
// 440 until issue 21: its leak checks — phone numbering plans of 21 countries, IBAN, passports,
// masking in feed reports, leetspeak in policy terms, curses written as numbers — add 18 KB of code,
// and the word lists' documentation left out of the engine gives 6 KB back).
// Embedded tables are blobs the engine reads on first use, like the models (issue 21: SEC001's
// credential formats, compiled from gitleaks' rule set); each is reported with its own figure.
//
//   node scripts/wasm-size.mjs strip RUSTC.wasm OUT.wasm MODEL-OR-TABLE...
//     writes rustc's output with every model's and table's bytes zeroed (include_bytes! embeds them verbatim
//     there; wasm-opt later drops zero runs, so they cannot be found in the final file)
//   node scripts/wasm-size.mjs check FINAL.wasm WITHOUT-MODELS.wasm MODEL...
//     prints the sizes and exits 1 over a budget (WITHOUT-MODELS: the stripped file, optimised)

import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { execFileSync } from 'node:child_process';

const KB = 1024;
// GNU gzip -9, as the budgets have always been measured (zlib's level 9 comes out ~3% larger here).
const gz = (bytes) => execFileSync('gzip', ['-9', '-c'], { input: bytes, maxBuffer: 64 << 20 }).length;
const [command, first, second, ...models] = process.argv.slice(2);

if (command === 'strip') {
  const wasm = readFileSync(first);
  for (const path of models) {
    const model = readFileSync(path);
    const at = wasm.indexOf(model);
    if (at < 0) {
      console.error(`${path} is not embedded in ${first}: rebuild the engine after training`);
      process.exit(1);
    }
    wasm.fill(0, at, at + model.length);
  }
  writeFileSync(second, wasm);
} else if (command === 'check') {
  const over = [];
  for (const path of models) {
    const size = gz(readFileSync(path));
    const kind = path.endsWith('.rhm') ? 'model' : 'table';
    console.log(`  ${kind} ${basename(path).replace(/\.(rhm|bin)$/, '')}: ${(size / KB).toFixed(1)} KB gzipped (budget 300 KB)`);
    if (size > 300 * KB) over.push(`${kind} ${path} is over its 300 KB gzipped budget`);
  }
  const wasm = readFileSync(first);
  const whole = gz(wasm);
  const engine = gz(readFileSync(second));
  console.log(`WASM engine: ${Math.round(wasm.length / KB)} KB, ${Math.round(whole / KB)} KB gzipped (budget 1 MB); without models and tables ${(engine / KB).toFixed(1)} KB gzipped (budget 452 KB)`);
  if (whole > 1024 * KB) over.push('the WASM engine is over its 1 MB gzipped budget');
  if (engine > 452 * KB) over.push('the WASM engine without its models and tables is over its 452 KB gzipped budget');
  for (const problem of over) console.error(problem);
  process.exit(over.length ? 1 : 0);
} else {
  console.error('usage: wasm-size.mjs strip RUSTC.wasm OUT.wasm MODEL... | check FINAL.wasm WITHOUT-MODELS.wasm MODEL...');
  process.exit(2);
}
