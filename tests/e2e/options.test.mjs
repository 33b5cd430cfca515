// The options page: editing the policy changes findings on an open tab without a reload; an
// invalid import is refused with its line and field and the old policy keeps working; turned-off
// rules can be restored; the UI and the findings speak Korean when asked. (The administrator's
// policy: managed.test.mjs.)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sharedBrowser, waitForVerdict, underlines, clickWord, redraft, applyFix, SCREENSHOTS } from './helpers.mjs';

const EDITOR = '[data-testid="tweetTextarea_0"]';
let x;
const browser = sharedBrowser(async (launched) => {
  x = await launched.page('/home');
});

const openOptions = async () => {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options/options.html`);
  await page.locator('#rule-rows details').first().waitFor();
  return page;
};

/** Replaces the draft on the X tab and waits for its verdict for that text. */
const draft = (text) => redraft(x, EDITOR, text);
const verdictBecomes = (v) => waitForVerdict(x, EDITOR, v);

test('the form shows the policy in force and every rule with its documentation', async () => {
  const options = await openOptions();
  assert.match(await options.locator('#field-organization-names').inputValue(), /Hanbit Electronics/);
  assert.match(await options.locator('#field-confidential-codenames').inputValue(), /Project Falcon/);
  const codes = await options.locator('#rule-rows details').evaluateAll((els) => els.map((e) => e.dataset.code));
  assert.ok(codes.length >= 40 && codes.includes('MNPI003') && codes.includes('TONE001'), codes.join(' '));
  await options.screenshot({ path: `${SCREENSHOTS}options.png`, fullPage: false });
  await options.locator('details[data-code="MNPI003"] summary').click();
  assert.match(await options.locator('details[data-code="MNPI003"]').textContent(), /Funding secured/);
  await options.close();
});

test('saving a new codename and a rule level changes findings on the open tab, without a reload', async () => {
  assert.equal(await draft('Project Nightingale ships in June, so fucking excited'), 'review');
  const options = await openOptions();
  const codenames = options.locator('#field-confidential-codenames');
  await codenames.fill(`${await codenames.inputValue()}\nProject Nightingale`);
  await options.locator('select[data-rule="TONE001"]').selectOption('off');
  await options.locator('#save').click();
  assert.match(await options.locator('#status').textContent(), /Saved/);
  await verdictBecomes('block');
  assert.equal((await underlines(x)).warn, 0, 'TONE001 is off: no profanity underline');
  await options.close();
});

test('an invalid import is refused with its line and field, and the old policy keeps working', async () => {
  const options = await openOptions();
  const dir = await mkdtemp(path.join(tmpdir(), 'riskhint-import-'));
  const file = path.join(dir, 'broken.json');
  await writeFile(file, '{\n  "organization": {\n    "nmes": ["Oops"]\n  }\n}\n');
  await options.locator('#import').setInputFiles(file);
  const status = options.locator('#status.error');
  await status.waitFor();
  const text = await status.textContent();
  assert.match(text, /line 3/);
  assert.match(text, /nmes/);
  assert.match(text, /still in force/);
  assert.equal(await draft('Project Nightingale is next'), 'block', 'the codename saved before is still known');
  await options.close();
});

test('custom rules: a refused one is listed with why, the others flag drafts, and saving the form keeps them all', async () => {
  const options = await openOptions();
  const dir = await mkdtemp(path.join(tmpdir(), 'riskhint-import-'));
  const file = path.join(dir, 'custom.jsonc');
  await writeFile(file, `{
  // Hanbit's own rules
  "confidential": { "codenames": ["Project Falcon"] },
  "custom_rules": [
    { "id": "HANBIT-ROADMAP", "pattern": "Roadmap 20[0-9]{2}", "level": "block", "message": "Roadmap dates are internal.", "replacement": "our roadmap" },
    { "id": "HANBIT-FAB", "pattern": "(fab", "message": "Fab lines are internal." }
  ]
}
`);
  await options.locator('#import').setInputFiles(file);
  const status = options.locator('#status.error');
  await status.waitFor();
  assert.match(await status.textContent(), /Imported and saved\. Some custom rules are not used/);
  const rows = options.locator('#custom-rule-rows li.custom-rule');
  assert.deepEqual(await rows.evaluateAll((els) => els.map((e) => e.dataset.id)), ['HANBIT-ROADMAP', 'HANBIT-FAB']);
  assert.equal(await rows.nth(0).locator('.note.error').count(), 0);
  assert.match(await rows.nth(1).locator('.note.error').textContent(), /Not used: line 6, column \d+, custom_rules\[1\]\.pattern: unclosed group/);

  await x.bringToFront();
  assert.equal(await draft('The ROADMAP 2027 slipped'), 'block', 'the rule that compiled is in force on the open tab');
  await applyFix(x, EDITOR, 'ROADMAP', 'HANBIT-ROADMAP');
  await x.waitForFunction((editor) => document.querySelector(editor)?.textContent === 'The our roadmap slipped', EDITOR);

  // Saving the form rewrites the policy text: the custom rules, the refused one too, stay in it.
  await options.bringToFront();
  const codenames = options.locator('#field-confidential-codenames');
  await codenames.fill(`${await codenames.inputValue()}\nProject Osprey`);
  await options.locator('#save').click();
  await options.locator('#status.error').filter({ hasText: /^Saved/ }).waitFor();
  const { policy } = await (await browser.worker()).evaluate(() => chrome.storage.local.get('policy'));
  assert.deepEqual(JSON.parse(policy).custom_rules.map((r) => r.id), ['HANBIT-ROADMAP', 'HANBIT-FAB']);
  await x.bringToFront();
  assert.equal(await draft('Project Osprey and the roadmap 2028'), 'block');
  assert.equal(await x.locator(EDITOR).getAttribute('data-riskhint-findings'), '2', 'the new codename and the custom rule');
  await (await browser.worker()).evaluate(() => chrome.storage.local.remove('policy'));
  await options.close();
});

test('rules turned off from a card are listed and can be turned back on', async () => {
  const worker = await browser.worker();
  await worker.evaluate(() => chrome.storage.local.set({ rulesOff: ['PII004'] }));
  assert.equal(await draft('Call me on 010-1234-5678'), 'ok');
  const options = await openOptions();
  await options.locator('#turned-off-rows li[data-code="PII004"] button').click();
  await verdictBecomes('review');
  assert.deepEqual(await worker.evaluate(() => chrome.storage.local.get('rulesOff')), { rulesOff: [] });
  await options.close();
});

test('findings ignored from a card are listed with their words and can be restored, one or all', async () => {
  // Back to the example policy (an earlier test turned TONE001 off).
  await (await browser.worker()).evaluate(() => chrome.storage.local.remove('policy'));
  await draft('Call me on 010-1234-5678, the fucking roadmap slipped');
  await x.waitForSelector(`${EDITOR}[data-riskhint-findings="2"]:not([data-riskhint-pending])`);
  for (const word of ['010-1234-5678', 'fucking']) {
    await clickWord(x, EDITOR, word);
    await x.locator('[data-riskhint-ui="ignore"]').click();
    await x.waitForSelector(`${EDITOR}:not([data-riskhint-pending])`);
  }
  await verdictBecomes('ok');
  const options = await openOptions();
  const rows = options.locator('#ignored-rows li[data-code]');
  await rows.nth(1).waitFor();
  assert.deepEqual(await rows.evaluateAll((els) => els.map((e) => [e.dataset.code, e.querySelector('q').textContent])),
    [['TONE001', 'fucking'], ['PII004', '010-1234-5678']], 'newest first');
  await rows.filter({ hasText: '010-1234-5678' }).getByRole('button').click();
  await verdictBecomes('review');
  assert.equal(await x.locator(EDITOR).getAttribute('data-riskhint-findings'), '1', 'only the restored finding is back');
  assert.equal(await rows.count(), 1, 'the list follows');
  await options.locator('#restore-all').click();
  await x.waitForSelector(`${EDITOR}[data-riskhint-findings="2"]:not([data-riskhint-pending])`);
  assert.equal(await rows.count(), 0);
  await options.close();
});

test('in Korean, the options page, the pill and the findings speak Korean', async () => {
  const options = await openOptions();
  await options.locator('#language').selectOption('ko');
  // The page reloads in Korean.
  await options.waitForFunction(() => document.documentElement.lang === 'ko' && document.querySelector('#rule-rows details'));
  assert.equal(await options.locator('#save').textContent(), '저장');
  assert.equal(await options.locator('html').getAttribute('lang'), 'ko');
  // Each rule's documentation in Korean: its Korean example and a source a Korean reader can look up.
  await options.locator('details[data-code="MNPI001"] summary').click();
  const mnpi001 = await options.locator('details[data-code="MNPI001"]').textContent();
  assert.match(mnpi001, /3분기 매출 가집계 2조 돌파했습니다/);
  assert.match(mnpi001, /자본시장법 제174조/);
  assert.doesNotMatch(mnpi001, /Q3 revenue already beat/);
  await draft('Project Falcon 다음 달 출시');
  await x.locator('[data-riskhint-ui="pill"]').click();
  const first = x.locator('[data-riskhint-ui="finding"]').first();
  await first.waitFor();
  assert.match(await first.textContent(), /기밀 코드명/);
  assert.match(await x.locator('[data-riskhint-ui="pill"]').textContent(), /게시 전 확인/);
  await options.locator('#language').selectOption('');
  await options.close();
});

test('an ignored finding\'s date is written in the chosen language, not the browser\'s', async () => {
  const options = await openOptions();
  // Noon UTC: the same day in every time zone the tests may run in.
  await options.evaluate(() => chrome.storage.local.set({ ignored: [{ code: 'TONE001', text: 'fucking', site: 'x.com', at: '2026-12-04T12:00:00.000Z' }] }));
  const where = options.locator('#ignored-rows li[data-code="TONE001"] .hint');
  await where.waitFor();
  assert.equal(await where.textContent(), 'x.com · Dec 4, 2026');
  await options.locator('#language').selectOption('ko');
  await options.waitForFunction(() => document.documentElement.lang === 'ko' && document.querySelector('#ignored-rows li[data-code="TONE001"]'));
  assert.equal(await where.textContent(), 'x.com · 2026. 12. 4.');
  await options.evaluate(() => chrome.storage.local.remove(['language', 'ignored']));
  await options.close();
});
