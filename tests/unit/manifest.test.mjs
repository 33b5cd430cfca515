// The manifest asks for the least it needs, and a change to what it asks for is a decision made
// here, in review: one permission (storage), the four sites' hosts, no resources the pages can
// load, a CSP that allows only the extension's own scripts and its WASM engine, and a Firefox id
// that declares no data collection. web-ext lint (./build.sh test) checks the same dist/ for Firefox.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

const ROOT = new URL('../../', import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'manifest.json'), 'utf8'));

const SITES = ['https://x.com/*', 'https://twitter.com/*', 'https://www.facebook.com/*', 'https://www.linkedin.com/*'];

/** Every JavaScript file of the extension, as text. */
const code = (() => {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.js')) files.push(readFileSync(full, 'utf8'));
    }
  };
  walk(path.join(ROOT, 'extension'));
  return files.join('\n');
})();

test('one permission, storage, and it is used', () => {
  assert.deepEqual(manifest.permissions, ['storage']);
  assert.match(code, /chrome\.storage\.local/);
  for (const key of ['optional_permissions', 'optional_host_permissions']) assert.equal(manifest[key], undefined, key);
});

test('hosts: the four sites riskhint reads, and nothing else', () => {
  assert.deepEqual([...manifest.host_permissions].sort(), [...SITES].sort());
  for (const script of manifest.content_scripts) {
    for (const match of script.matches) assert.ok(SITES.includes(match), `${match} is one of the sites`);
    assert.equal(script.all_frames, undefined, 'top frames only');
  }
  const mainWorld = manifest.content_scripts.filter((s) => s.world === 'MAIN');
  assert.deepEqual(mainWorld.map((s) => [s.matches, s.js]), [[['https://www.linkedin.com/*'], ['content/sites/linkedin-main.js']]],
    "only LinkedIn's editor bridge runs in the page's world");
});

test('the pages can load none of the extension\'s files, and no site or extension may message it', () => {
  assert.equal(manifest.web_accessible_resources, undefined);
  assert.equal(manifest.externally_connectable, undefined);
  assert.doesNotMatch(code, /runtime\.onMessageExternal|runtime\.onConnectExternal/);
});

test("the CSP allows only the extension's own scripts and compiling its WASM engine", () => {
  assert.deepEqual(manifest.content_security_policy, { extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'" });
});

test('one background script, as a service worker in Chromium and an event page in Firefox', () => {
  assert.deepEqual(manifest.background, { service_worker: 'background.js', scripts: ['background.js'], type: 'module' });
  assert.ok(Number(manifest.minimum_chrome_version) >= 121, 'Chromium 121 is the first to accept background.scripts beside the worker');
});

test('Firefox: a fixed add-on id and no data collected', () => {
  const gecko = manifest.browser_specific_settings?.gecko;
  assert.match(gecko?.id ?? '', /^[\w.-]+@[\w.-]+$/);
  assert.deepEqual(gecko.data_collection_permissions, { required: ['none'] });
});

// Content scripts share globals (riskhintProtocol, riskhintClient…), so their order is part of the
// code: it is declared once per site in manifest.json, and checked here rather than trusted.
const ISOLATED = manifest.content_scripts.filter((s) => s.world !== 'MAIN');
const ADAPTER = /^content\/sites\/(?!common\.js$)[\w-]+\.js$/;

test('every site loads the same shared scripts in the same order, protocol.js first and its adapter last', () => {
  assert.ok(ISOLATED.length >= 3, 'one list per site');
  const shared = ISOLATED[0].js.slice(0, -1);
  assert.equal(shared[0], 'protocol.js', 'protocol.js first: every other script reads its names');
  assert.equal(shared.at(-1), 'content/sites/common.js', "common.js just before the adapter that calls it");
  for (const script of ISOLATED) {
    assert.deepEqual(script.js.slice(0, -1), shared, `${script.matches[0]}: the shared scripts, in order`);
    assert.match(script.js.at(-1), ADAPTER, `${script.matches[0]}: its adapter last`);
    assert.deepEqual(script.css, ['content/highlights.css']);
  }
  const adapters = ISOLATED.map((s) => s.js.at(-1));
  assert.equal(new Set(adapters).size, adapters.length, 'one adapter per site');
});

test('every script a list names exists, and every global one reads is defined earlier in its list', () => {
  for (const script of ISOLATED) {
    /** @type {Set<string>} */
    const defined = new Set();
    for (const file of script.js) {
      const text = readFileSync(path.join(ROOT, 'extension', file), 'utf8');
      const uses = new Set([...text.matchAll(/\b(riskhint[A-Z]\w*)\b/g)].map((m) => m[1]));
      const own = new Set([...text.matchAll(/^(?:var (riskhint\w+)|globalThis\.(riskhint\w+))\s*=/gm)].map((m) => m[1] ?? m[2]));
      for (const name of uses) {
        if (!own.has(name)) assert.ok(defined.has(name), `${file} reads ${name}, which no earlier script of ${script.matches[0]} defines`);
      }
      own.forEach((name) => defined.add(name));
    }
  }
});

test('the popup and the options page load protocol.js before their own scripts', () => {
  for (const page of ['popup/popup.html', 'options/options.html']) {
    const html = readFileSync(path.join(ROOT, 'extension', page), 'utf8');
    const scripts = [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]);
    assert.equal(scripts[0], '../protocol.js', page);
  }
  const worker = readFileSync(path.join(ROOT, 'extension', 'background.js'), 'utf8');
  assert.match(worker, /^import '\.\/protocol\.js';$/m, 'the worker imports it');
});
