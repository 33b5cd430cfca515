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
