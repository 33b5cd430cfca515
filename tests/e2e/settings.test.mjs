// The user's settings across browsers and upgrades: what the user sets is copied to
// chrome.storage.sync (in chunks that fit its quotas), a change arriving through sync from another
// browser applies on an open tab without a reload, and an upgrade from 0.1.0's unversioned layout
// keeps every setting. (The pure parts of extension/settings.js: tests/unit/settings.test.mjs.)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stopServiceWorker } from './browser.mjs';
import { sharedBrowser, waitForVerdict, redraft } from './helpers.mjs';

const EDITOR = '[data-testid="tweetTextarea_0"]';
let x;
// Fast tier only: the semantic tier's messages from the timeline would wake a worker the upgrade
// test stops.
const browser = sharedBrowser(async (launched) => {
  x = await launched.page('/home');
}, { tiers: 'fast' });

/** Replaces the draft on the X tab and waits for its verdict for that text. */
const draft = (text) => redraft(x, EDITOR, text);

/** The settings in chrome.storage.sync, read the way another browser would: header, then chunks. */
async function synced() {
  const worker = await browser.worker();
  const items = await worker.evaluate(() => chrome.storage.sync.get(null));
  const header = items.settings;
  if (!header) return null;
  const chunks = Array.from({ length: header.chunks }, (_, i) => items[`settings.${i}`]);
  return { header, chunks, items, settings: JSON.parse(chunks.join('')) };
}

/** Waits until `ok(value)` holds for the value `read()` gives, and returns that value. */
async function eventually(read, ok, what) {
  let value;
  for (const deadline = Date.now() + 10_000; !ok((value = await read())); ) {
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)?.slice(0, 300)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return value;
}

test('what the user sets reaches chrome.storage.sync; a large Korean policy is split to fit and reads back whole', async () => {
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${browser.extensionId}/popup/popup.html`);
  await popup.locator('#role').selectOption('executive');
  const afterRole = await eventually(synced, (s) => s?.settings.role === 'executive', 'the role in sync');
  assert.equal(afterRole.header.version, 1);
  await popup.close();

  // A policy of about 30 KB: dozens of Korean codenames, more than one sync item (8 KB) holds.
  const codenames = Array.from({ length: 1200 }, (_, i) => `프로젝트 매${i}호`);
  const policy = JSON.stringify({ confidential: { codenames: ['Project Falcon', ...codenames] } }, null, 2);
  const worker = await browser.worker();
  await worker.evaluate((text) => chrome.storage.local.set({ policy: text }), policy);
  const big = await eventually(synced, (s) => s?.settings.policy === policy, 'the large policy in sync');
  assert.ok(big.chunks.length >= 4, `${big.chunks.length} chunks`);
  const bytes = (key, value) => Buffer.byteLength(key) + Buffer.byteLength(JSON.stringify(value));
  for (const [key, value] of Object.entries(big.items)) assert.ok(bytes(key, value) <= 8192, `${key} is ${bytes(key, value)} bytes`);
  assert.equal(await draft('프로젝트 매1199호 다음 주 공개'), 'block', 'the last codename is in force');
  const { syncState } = await worker.evaluate(() => chrome.storage.local.get('syncState'));
  assert.equal(syncState.ok, true);

  // Back to a small policy: the chunks it no longer needs are removed.
  await worker.evaluate(() => chrome.storage.local.remove('policy'));
  const small = await eventually(synced, (s) => s && s.settings.policy === undefined, 'the policy removed from sync');
  assert.deepEqual(Object.keys(small.items).sort(), ['settings', ...small.chunks.map((_, i) => `settings.${i}`)].sort());
});

test('a change synced from another browser applies on an open tab, without a reload', async () => {
  assert.equal(await draft('Project Nightingale ships in June'), 'ok');
  const worker = await browser.worker();
  const settings = { role: 'pr', policy: '{"confidential": {"codenames": ["Project Nightingale"]}}' };
  // What the other browser's riskhint writes: a header saying when, and the settings in one chunk.
  await worker.evaluate((text) => chrome.storage.sync.set({
    settings: { version: 1, changedAt: Date.now() + 1000, chunks: 1, length: text.length },
    'settings.0': text,
  }), JSON.stringify(settings));
  await waitForVerdict(x, EDITOR, 'block');
  const local = await worker.evaluate(() => chrome.storage.local.get(['role', 'policy', 'settingsBackup']));
  assert.equal(local.role, 'pr');
  assert.equal(local.policy, settings.policy);
  assert.equal(local.settingsBackup.settings.role, 'executive', 'what was replaced is kept');
});

test('an upgrade from 0.1.0 keeps every setting, repairs what it can and drops only what it cannot read', async () => {
  const worker = await browser.worker();
  // 0.1.0's layout: the same keys, no settingsVersion, nothing in sync.
  await worker.evaluate(() => Promise.all([chrome.storage.sync.clear(), chrome.storage.local.clear()]));
  await worker.evaluate(() => chrome.storage.local.set({
    policy: '{"confidential": {"codenames": ["Project Kestrel"]}}',
    role: 'executive',
    rulesOff: ['PII004', 'PII004'],
    language: 'fr',
    pausedSites: ['www.facebook.com'],
  }));
  // Let the running worker finish with these changes (it copies them to sync), so that it can be
  // stopped; then the upgraded worker starts (the browser restarts it for the next message).
  await eventually(synced, (s) => s?.settings.role === 'executive', 'the running worker settled');
  assert.ok(await stopServiceWorker(browser.context, browser.extensionId));
  await x.reload();
  assert.equal(await draft('Project Kestrel lands Monday, call 010-1234-5678'), 'block', 'the policy is still in force');
  assert.equal(await x.locator(EDITOR).getAttribute('data-riskhint-findings'), '1', 'PII004 is still off');
  const after = await (await browser.worker()).evaluate(() => chrome.storage.local.get(null));
  assert.equal(after.settingsVersion, 1);
  assert.deepEqual(after.rulesOff, ['PII004']);
  assert.equal(after.role, 'executive');
  assert.deepEqual(after.pausedSites, ['www.facebook.com']);
  assert.equal(after.language, undefined, 'an unreadable language is dropped');
  const inSync = await eventually(synced, (s) => s?.settings.role === 'executive', 'the upgraded settings in sync');
  assert.equal(inSync.settings.policy, after.policy);
});
