// The worker's engine (dist/engine, as shipped) writes a panic's message to the console before its
// instance traps (console_error_panic_hook, installed by the module's start function in
// src/wasm.rs), so a crash in the field says what went wrong instead of a bare "unreachable".
// Needs `./build.sh` first: it reads the built engine.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';

const engineDir = new URL('../../dist/engine/', import.meta.url);

test('a panic in the engine reaches console.error with its message', async (t) => {
  assert.ok(existsSync(new URL('riskhint_bg.wasm', engineDir)), 'dist/engine is missing: run ./build.sh first');
  const { initSync, panicForTest } = await import(new URL('riskhint.js', engineDir).href);
  initSync({ module: readFileSync(new URL('riskhint_bg.wasm', engineDir)) });

  const logged = [];
  t.mock.method(console, 'error', (...args) => logged.push(args.join(' ')));
  const message = 'panic probe: 엔진 점검 중';
  assert.throws(() => panicForTest(message), WebAssembly.RuntimeError);

  const report = logged.join('\n');
  assert.match(report, /panicked at/, `console.error got: ${JSON.stringify(logged)}`);
  assert.ok(report.includes(message), `the panic's own message is missing from: ${report}`);
});
