// The worker as the only writer of settings (extension/protocol.js): it stores what the popup and
// the options page ask for only when the value is valid, refuses a card's Turn off for a rule the
// administrator locked, marks that rule's findings locked in its reports, and raises the
// configuration generation (carried in its replies) once a change is in force.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sharedBrowser } from './helpers.mjs';

let options;
const browser = sharedBrowser(async (launched) => {
  options = await launched.context.newPage();
  await options.goto(`chrome-extension://${launched.extensionId}/options/options.html`);
  await options.locator('#rule-rows details').first().waitFor();
});

/** Sends `message` to the worker from the options page, an extension page. */
const ask = (message) => options.evaluate((m) => chrome.runtime.sendMessage(m), message);
const stored = (key) => options.evaluate(async (k) => (await chrome.storage.local.get(k))[k], key);
const generation = async () => (await stored('policyState'))?.generation ?? 0;

/** Polls `read` until `done(value)`; returns the last value. */
async function until(read, done) {
  let value;
  for (let i = 0; i < 150; i++) {
    value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return value;
}

test('the worker stores a valid setting and refuses an invalid value or a key that is not a setting', async () => {
  const before = await stored('role');
  const wrong = await ask({ type: 'saveSettings', set: { role: 'ceo' } });
  assert.equal(wrong.ok, false);
  assert.match(wrong.error, /role/);
  const derived = await ask({ type: 'saveSettings', set: { policyState: { locked: [] } } });
  assert.equal(derived.ok, false, 'what the worker derives is not the pages\' to write');
  assert.equal(await stored('role'), before);

  const right = await ask({ type: 'saveSettings', set: { role: 'pr' } });
  assert.equal(right.ok, true);
  assert.equal(await stored('role'), 'pr');
  assert.equal((await ask({ type: 'saveSettings', set: {}, remove: ['role'] })).ok, true);
  assert.equal(await stored('role'), undefined);
});

test('a change of settings raises the generation once it is in force, and replies carry it', async () => {
  const start = await generation();
  await ask({ type: 'saveSettings', set: { rulesOff: ['TONE003'] } });
  const raised = await until(generation, (g) => g > start);
  assert.ok(raised > start, `the generation rose from ${start}`);
  const reply = await ask({ type: 'check', text: 'Project Falcon ships soon.', lang: 'en' });
  assert.equal(reply.ok, true);
  assert.ok(reply.generation >= raised, `the reply carries generation ${reply.generation}, at least ${raised}`);
  await ask({ type: 'saveSettings', set: { rulesOff: [] } });
  await until(generation, (g) => g > raised);
});

test("a rule the administrator locked: its findings say so, and the worker refuses to turn it off", async () => {
  const worker = await browser.worker();
  const start = await generation();
  // The worker's copy of the administrator's policy, as it keeps it from chrome.storage.managed.
  const admin = JSON.stringify({ confidential: { codenames: ['Project Falcon'] }, locked: ['rules.CONF001'] });
  await worker.evaluate((policy) => chrome.storage.local.set({ managedPolicy: policy }), admin);
  await until(generation, (g) => g > start);

  const { report } = await ask({ type: 'check', text: 'Project Falcon ships soon. Call 010-1234-5678.', lang: 'en' });
  const byCode = Object.fromEntries(report.findings.map((f) => [f.code, f.locked]));
  assert.equal(byCode.CONF001, true, JSON.stringify(byCode));
  assert.equal(byCode.PII004, false, JSON.stringify(byCode));

  const refused = await ask({ type: 'turnOff', code: 'CONF001' });
  assert.equal(refused.ok, false);
  assert.match(refused.error, /locked/);
  assert.ok(!((await stored('rulesOff')) ?? []).includes('CONF001'));
  assert.equal((await ask({ type: 'turnOff', code: 'PII004' })).ok, true);
  assert.ok((await stored('rulesOff')).includes('PII004'));
  assert.equal((await ask({ type: 'turnOff', code: '<img src=x>' })).ok, false, 'a code that is no rule code');

  await worker.evaluate(() => chrome.storage.local.remove(['managedPolicy', 'rulesOff']));
});
