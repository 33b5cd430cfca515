// The extension's protocol (extension/protocol.js, types in extension/types.d.ts): every message
// and storage key has one name, the worker is the only writer of settings, and it refuses what a
// sender may not ask or a value that is not valid.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { SYNCED_KEYS, validSetting } from '../../extension/settings.js';

const EXTENSION = new URL('../../extension/', import.meta.url).pathname;
const context = vm.createContext({});
vm.runInContext(readFileSync(path.join(EXTENSION, 'protocol.js'), 'utf8'), context, { filename: 'protocol.js' });
const protocol = context.riskhintProtocol;

/** Each JavaScript file of the extension (not the generated engine), by its path. */
const files = (() => {
  /** @type {Map<string, string>} */
  const found = new Map();
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'engine') walk(full);
      else if (entry.name.endsWith('.js')) found.set(path.relative(EXTENSION, full), readFileSync(full, 'utf8'));
    }
  };
  walk(EXTENSION);
  return found;
})();

test('each name is its own value, and the tables are frozen', () => {
  for (const table of [protocol.request, protocol.tabRequest, protocol.key]) {
    assert.ok(Object.isFrozen(table));
    for (const [name, value] of Object.entries(table)) assert.equal(value, name);
  }
  assert.ok(Object.isFrozen(protocol));
});

test('every synced setting is a key of the protocol', () => {
  for (const key of SYNCED_KEYS) assert.equal(protocol.key[key], key);
});

test('types.d.ts declares a payload for every request and a value for every key', () => {
  const types = readFileSync(path.join(EXTENSION, 'types.d.ts'), 'utf8');
  const requests = types.slice(types.indexOf('interface WorkerRequests {'), types.indexOf('type WorkerRequest ='));
  for (const type of Object.keys(protocol.request)) assert.match(requests, new RegExp(`\\b${type}: \\{ type: '${type}'`), type);
  for (const key of Object.keys(protocol.key)) assert.match(types, new RegExp(`\\b${key}\\?: `), key);
});

test('no message type or storage key is spelled out outside protocol.js', () => {
  const keys = Object.keys(protocol.key).join('|');
  for (const [file, code] of files) {
    if (file === 'protocol.js') continue;
    assert.doesNotMatch(code, /sendMessage\([^)]*\{\s*type:\s*'/, `${file} names a request by a string`);
    assert.doesNotMatch(code, /\?\.type === '|\.type === '/, `${file} compares a request with a string`);
    assert.doesNotMatch(code, new RegExp(`storage\\.local\\.(?:get|remove)\\(\\s*\\[?\\s*'(?:${keys})'`), `${file} reads a key by a string`);
  }
});

test('only the worker writes chrome.storage.local', () => {
  for (const [file, code] of files) {
    if (file === 'background.js' || file === 'settings.js') continue;
    assert.doesNotMatch(code, /storage\.local\.(?:set|remove)\(/, `${file} writes storage itself`);
  }
});

test('the worker checks every value it is asked to store', () => {
  assert.ok(validSetting('role', 'executive'));
  assert.ok(!validSetting('role', 'ceo'));
  assert.ok(validSetting('rulesOff', ['TONE003']));
  assert.ok(!validSetting('rulesOff', 'TONE003'));
  assert.ok(validSetting('pausedSites', ['x.com']));
  assert.ok(!validSetting('pausedSites', [1]));
  assert.ok(!validSetting('policyState', {}), 'what the worker derives is not a setting');
  assert.ok(!validSetting('toString', () => true), 'inherited names are not settings');
  const worker = files.get('background.js') ?? '';
  assert.match(worker, /function allowed\(type, sender\)/);
  assert.match(worker, /sender\.id !== chrome\.runtime\.id/, 'messages from outside the extension are refused');
  assert.match(worker, /REQUEST\.saveSettings\) return .*EXTENSION_ORIGIN/, "only the extension's pages change settings in general");
});

test('no file decides locks itself: the engine marks each finding', () => {
  for (const [file, code] of files) assert.doesNotMatch(code, /ruleLocked|path === 'rules'|l\.startsWith\(`\$\{path\}\.`\)/, file);
  assert.match(files.get('content/overlay.js') ?? '', /finding\.locked/);
});

test('no type in the extension is `any` (tsc checks with noImplicitAny; this catches explicit ones)', () => {
  const jsconfig = readFileSync(path.join(EXTENSION, 'jsconfig.json'), 'utf8');
  assert.match(jsconfig, /"noImplicitAny": true/);
  const types = readFileSync(path.join(EXTENSION, 'types.d.ts'), 'utf8');
  assert.doesNotMatch(types, /[:<(|,]\s*any\b|\bany\s*[\]>|,;)]/, 'types.d.ts');
  for (const [file, code] of files) {
    // A JSDoc type is the text between the braces after @type, @param, @returns, @typedef, @template.
    const jsdocTypes = [...code.matchAll(/@(?:type|param|returns?|typedef|template)\s*\{((?:[^{}]|\{[^{}]*\})*)\}/g)].map((m) => m[1]);
    for (const type of jsdocTypes) assert.doesNotMatch(type, /\bany\b/, `${file}: {${type}}`);
  }
});
