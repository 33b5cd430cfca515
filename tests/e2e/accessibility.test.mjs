// What a screen-reader or keyboard user gets, and a Korean browser with no language chosen:
// badges, the pill, the finding list, cards and the review dialog have roles and names; the list
// moves with the arrow keys; a change of verdict is announced; the popup's controls are labelled;
// and in a browser set to Korean (--lang=ko) everything, the engine's findings too, is in Korean.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { launch } from './browser.mjs';
import { annotation } from './helpers.mjs';

const EDITOR = '[data-testid="tweetTextarea_0"]';
const KO = JSON.parse(await readFile(new URL('../../extension/_locales/ko/messages.json', import.meta.url), 'utf8'));

/** @type {Awaited<ReturnType<typeof launch>>} */
let english;
/** @type {Awaited<ReturnType<typeof launch>>} */
let korean;

before(async () => {
  english = await launch();
  korean = await launch({ args: ['--lang=ko'] });
});
after(async () => {
  await english?.close();
  await korean?.close();
});

/** Types `text` into the X composer of `page` and waits for its verdict. */
async function compose(page, text) {
  await page.locator(EDITOR).click();
  await page.keyboard.type(text);
  await page.waitForSelector(`${EDITOR}:not([data-riskhint-pending])[data-riskhint-verdict]`, { timeout: 15_000 });
}

/** The element focused inside riskhint's layer (its shadow root), by data-riskhint-ui and code. */
const focusedInLayer = (page) => page.evaluate(() => {
  const active = document.querySelector('[data-riskhint-host="layer"]')?.shadowRoot?.activeElement;
  return active ? `${active.getAttribute('data-riskhint-ui')}:${active.getAttribute('data-code') ?? ''}` : null;
});

test('badges and the pill have names a screen reader reads; the finding list moves with the arrow keys', async () => {
  const page = await english.page('/home');
  const first = page.locator('article').first();
  const { labels, risk } = await annotation(first);
  assert.ok(labels.length, 'the first fixture post has labels');
  const badge = first.getByRole('button', { name: new RegExp(`^riskhint: .+, risk ${risk} of 100$`) });
  assert.equal(await badge.count(), 1);

  await compose(page, 'Call me on 010-1234-5678, the fucking roadmap slipped');
  const pill = page.getByRole('button', { name: /^riskhint: Check this, 2 findings\. Open the list\.$/ });
  assert.equal(await pill.getAttribute('aria-haspopup'), 'menu');
  assert.equal(await pill.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.locator('[data-riskhint-ui="announce"]').textContent(), 'riskhint: Check this, 2 findings.');

  await pill.focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu', { name: 'riskhint findings' });
  await menu.waitFor();
  assert.equal(await pill.getAttribute('aria-expanded'), 'true');
  assert.equal(await menu.getByRole('menuitem').count(), 2);
  assert.equal(await focusedInLayer(page), 'finding:PII004');
  await page.keyboard.press('ArrowDown');
  assert.equal(await focusedInLayer(page), 'finding:TONE001');
  await page.keyboard.press('ArrowDown');
  assert.equal(await focusedInLayer(page), 'finding:PII004', 'wraps around');
  await page.keyboard.press('End');
  assert.equal(await focusedInLayer(page), 'finding:TONE001');
  await page.keyboard.press('Escape');
  await menu.waitFor({ state: 'detached' });
  assert.equal(await focusedInLayer(page), 'pill:', 'focus goes back to the pill');
  assert.equal(await pill.getAttribute('aria-expanded'), 'false');

  // A card is a dialog named by its finding.
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  const card = page.getByRole('dialog', { name: /personal phone number/ });
  await card.waitFor();
  assert.ok(await card.getByRole('button', { name: 'Ignore' }).isVisible());

  // Fixing the draft is announced too.
  await page.locator(EDITOR).click();
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('A quiet day at the office');
  await page.waitForSelector(`${EDITOR}[data-riskhint-verdict="ok"]:not([data-riskhint-pending])`);
  assert.equal(await page.locator('[data-riskhint-ui="announce"]').textContent(), 'riskhint: nothing to flag in this draft.');
  await page.close();
});

test('the review dialog is a modal alert dialog named by its title', async () => {
  const page = await english.page('/home');
  await compose(page, 'Project Falcon ships in May');
  await page.locator('[data-testid="tweetButtonInline"]').click();
  const dialog = page.getByRole('alertdialog', { name: 'Review before posting?' });
  await dialog.waitFor();
  assert.equal(await dialog.getAttribute('aria-modal'), 'true');
  assert.equal(await focusedInLayer(page), 'edit:', 'focus starts on Edit, the safe choice');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  await page.close();
});

test("the popup's controls and lists are labelled", async () => {
  const page = await english.page('/home');
  await annotation(page.locator('article').first());
  const tabId = await (await english.worker()).evaluate(async () => (await chrome.tabs.query({ url: 'https://x.com/*' }))[0].id);
  const popup = await english.context.newPage();
  await popup.goto(`chrome-extension://${english.extensionId}/popup/popup.html?tab=${tabId}`);
  await popup.locator('#posts button').first().waitFor();
  for (const name of ['Pause riskhint on this site', 'Crisis mode']) assert.equal(await popup.getByRole('checkbox', { name }).count(), 1, name);
  assert.equal(await popup.getByRole('combobox', { name: 'I post as' }).count(), 1);
  assert.equal(await popup.getByRole('list', { name: 'Posts by label' }).count(), 1);
  assert.equal(await popup.getByRole('group', { name: 'Posts by risk' }).count(), 1);
  assert.match(await popup.locator('#posts button').first().getAttribute('aria-label'), /^Show this post: risk \d+, .+\. /);
  await popup.close();
  await page.close();
});

test('a browser set to Korean gets Korean badges, pill, findings, popup and options with no choice made', async () => {
  const page = await korean.page('/home');
  const first = page.locator('article').first();
  const { risk } = await annotation(first);
  assert.equal(await first.getByRole('button', { name: new RegExp(`^riskhint: .+, 위험도 ${risk}/100$`) }).count(), 1);
  await compose(page, 'Project Falcon launches next month');
  const pill = page.locator('[data-riskhint-ui="pill"]');
  assert.match(await pill.textContent(), new RegExp(KO.pillBlock.message));
  await pill.click();
  assert.match(await page.locator('[data-riskhint-ui="finding"]').first().textContent(), /기밀 코드명/, "the engine's message, in Korean");

  const popup = await korean.context.newPage();
  await popup.goto(`chrome-extension://${korean.extensionId}/popup/popup.html`);
  await popup.waitForFunction(() => document.documentElement.lang === 'ko');
  assert.equal(await popup.locator('[data-i18n="pause"]').textContent(), KO.pause.message);
  const options = await korean.context.newPage();
  await options.goto(`chrome-extension://${korean.extensionId}/options/options.html`);
  await options.locator('#rule-rows details').first().waitFor();
  assert.equal(await options.locator('#save').textContent(), KO.save.message);
  assert.equal(await options.title(), KO.optionsTitle.message);
  await popup.close();
  await options.close();
  await page.close();
});
