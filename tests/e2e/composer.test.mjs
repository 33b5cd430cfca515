// The extension in X's composer (the real DraftJS editor, shaped like X's, under X's strict CSP):
// a risky draft gets its verdict, underlines, pill and card as the user types; Apply goes through
// DraftJS itself (its state and Post button follow, Ctrl+Z undoes); a blocking draft asks before
// posting, on click and on Ctrl+Enter; the engine's worker can die and come back.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { stopServiceWorker } from './browser.mjs';
import { sharedBrowser, waitForVerdict, clickWord as clickWordIn, findingCard, underlines, reviewThenEdit, reviewThenPostAnyway, SCREENSHOTS } from './helpers.mjs';

const EDITOR = '[data-testid="tweetTextarea_0"]';
const browser = sharedBrowser();

/** Opens a composer page and types `text` into its editor. */
async function compose(path, text) {
  const page = await browser.page(path);
  await page.locator(EDITOR).click();
  await page.keyboard.type(text);
  return page;
}

/** DraftJS's own idea of the draft (not the DOM's). */
const draftText = (page) => page.evaluate(() => window.__composer.text());
const verdict = (page, expected, editor = EDITOR) => waitForVerdict(page, editor, expected);
const clickWord = (page, word) => clickWordIn(page, EDITOR, word);


test('a risky draft gets its verdict, underlines and pill as the user types; a safe one does not', async () => {
  const page = await compose('/home', 'Project Falcon ships next week, you fucking idiots');
  await verdict(page, 'block');
  const underlined = await underlines(page);
  assert.ok(underlined.block >= 1 && underlined.warn >= 1, JSON.stringify(underlined));
  assert.match(await page.locator('[data-riskhint-ui="pill"]').textContent(), /Review before posting · [2-9]/);
  // Editing the risk away clears it: the stale verdict never lingers.
  await page.keyboard.press('Control+a');
  await page.keyboard.type('Lovely weather in Seoul today');
  await verdict(page, 'ok');
  assert.equal((await underlines(page)).block, 0);
  assert.equal(await page.locator('[data-riskhint-ui="pill"]').count(), 0);
  await page.close();
});

test('Korean drafts are checked too, with spans that land on the right words', async () => {
  const page = await compose('/home', '😀 다음 달 팰컨 출시 확정! 김민준 대표님 최고');
  await verdict(page, 'block');
  const card = await findingCard(page, EDITOR, '팰컨', 'CONF001');
  assert.match(await card.textContent(), /팰컨/);
  await page.close();
});

test('clicking an underlined word opens its card; Apply changes DraftJS state and Ctrl+Z restores it', async () => {
  const original = 'Project Falcon ships next week, you fucking idiots';
  const page = await compose('/home', original);
  await verdict(page, 'block');
  const card = await findingCard(page, EDITOR, 'fucking', 'TONE001');
  const text = await card.textContent();
  assert.match(text, /Profanity/);
  assert.match(text, /guidelines/i, 'the card says why, with its source');
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}composer-card.png` });
  await card.locator('[data-riskhint-ui="apply"]').first().click();
  await page.waitForFunction(() => !window.__composer.text().includes('fucking'));
  assert.equal(await draftText(page), 'Project Falcon ships next week, you idiots');
  assert.equal(await page.locator('[data-testid="char-count"]').textContent(), String('Project Falcon ships next week, you idiots'.length));
  assert.notEqual(await page.locator('[data-testid="tweetButtonInline"]').getAttribute('aria-disabled'), 'true');
  await page.locator(EDITOR).focus();
  await page.keyboard.press('Control+z');
  await page.waitForFunction((t) => window.__composer.text() === t, original);
  await page.close();
});

test('Apply on a blank-line draft keeps the other lines, and the Post button follows DraftJS', async () => {
  const page = await browser.page('/home');
  await page.locator(EDITOR).click();
  await page.keyboard.type('Hello team');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Call me on 010-1234-5678 tonight');
  await verdict(page, 'review');
  await clickWord(page, '1234');
  const card = page.locator('[data-riskhint-ui="finding-card"]');
  await card.waitFor();
  await card.locator('[data-riskhint-ui="apply"]').first().click();
  await page.waitForFunction(() => !window.__composer.text().includes('1234-5678'));
  const text = await draftText(page);
  assert.ok(text.startsWith('Hello team\n\nCall me on '), JSON.stringify(text));
  assert.ok(text.endsWith(' tonight'), JSON.stringify(text));
  await page.close();
});

test('Ignore keeps those words unflagged for that rule, in later drafts too; Turn off stores the rule and the draft is rechecked', async () => {
  const page = await compose('/home', 'This fucking update is great');
  await verdict(page, 'review');
  await clickWord(page, 'fucking');
  await page.locator('[data-riskhint-ui="ignore"]').click();
  await verdict(page, 'ok');
  assert.equal(await page.locator(EDITOR).getAttribute('data-riskhint-findings'), '0');
  const worker = await browser.worker();
  const { ignored } = await worker.evaluate(() => chrome.storage.local.get('ignored'));
  assert.deepEqual(ignored.map(({ code, text, site }) => ({ code, text, site })), [{ code: 'TONE001', text: 'fucking', site: 'x.com' }]);
  // A new draft with the same words stays clear; other words under the same rule are still flagged.
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Backspace');
  await page.waitForFunction(() => window.__composer.text() === '');
  await page.keyboard.type('Another fucking meeting');
  await verdict(page, 'ok');
  await page.keyboard.type(', this is shitty');
  await verdict(page, 'review');
  await clickWord(page, 'shitty');
  await page.locator('[data-riskhint-ui="turn-off"]').click();
  await verdict(page, 'ok');
  assert.deepEqual(await worker.evaluate(() => chrome.storage.local.get('rulesOff')), { rulesOff: ['TONE001'] });
  await worker.evaluate(() => chrome.storage.local.remove(['rulesOff', 'ignored']));
  await verdict(page, 'review');
  assert.equal(await page.locator(EDITOR).getAttribute('data-riskhint-findings'), '2', 'both words are flagged again');
  await page.close();
});

test('a blocking draft asks before posting: Edit keeps it, Post anyway posts it (click)', async () => {
  const page = await compose('/home', 'Funding secured. Project Falcon ships in May.');
  await verdict(page, 'block');
  const review = {
    editor: EDITOR, postButton: page.locator('[data-testid="tweetButtonInline"]'), draft: 'Funding secured. Project Falcon ships in May.',
    draftText: () => draftText(page), mentions: /Project Falcon/, onDialog: () => page.screenshot({ path: `${SCREENSHOTS}review-dialog.png` }),
  };
  await reviewThenEdit(page, review);
  await reviewThenPostAnyway(page, review);
  await page.close();
});

test('a blocking draft asks before posting on Ctrl+Enter too, in the /compose/post dialog', async () => {
  const page = await compose('/compose/post', 'Project Falcon launches March 14, tell everyone');
  await verdict(page, 'block');
  await page.keyboard.press('Control+Enter');
  const dialog = page.locator('[data-riskhint-ui="review"]');
  await dialog.waitFor();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await page.locator('#posted li').count(), 0, 'Escape means edit');
  await page.keyboard.press('Control+Enter');
  await dialog.waitFor();
  await page.locator('[data-riskhint-ui="post-anyway"]').click();
  await page.waitForSelector('#posted li');
  await page.close();
});

test('a safe draft posts at once, with no prompt', async () => {
  const page = await compose('/home', 'Lunch at the new ramen place was great');
  await verdict(page, 'ok');
  await page.locator('[data-testid="tweetButtonInline"]').click();
  await page.waitForSelector('#posted li');
  assert.equal(await page.locator('[data-riskhint-ui="review"]').count(), 0);
  await page.close();
});

test('a stopped service worker recovers: the next check is answered', async () => {
  // The composer alone (/home's timeline would send posts to the semantic tier, waking the worker).
  const page = await compose('/compose/post', 'Project Falcon');
  await verdict(page, 'block');
  // Once the semantic verdict is in too, no message is on its way to wake the worker again.
  await page.waitForSelector(`${EDITOR}[data-riskhint-tier="semantic"]`, { timeout: 30_000 });
  assert.ok(await stopServiceWorker(browser.context, browser.extensionId));
  await page.keyboard.press('Control+a');
  await page.keyboard.type('Nice weather today');
  await verdict(page, 'ok');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('Our codename is Project Falcon');
  await verdict(page, 'block');
  await page.close();
});

test('a thread is checked as a whole: a blocking first item stops the Post of the thread', async () => {
  const page = await compose('/compose/post', 'Project Falcon launches in May');
  await verdict(page, 'block');
  await page.locator('[data-testid="addButton"]').click();
  await page.locator('[data-testid="tweetTextarea_1"]').click();
  await page.keyboard.type('More details soon, stay tuned');
  await verdict(page, 'ok', '[data-testid="tweetTextarea_1"]');
  await page.locator('[data-testid="tweetButton"]').click();
  const dialog = page.locator('[data-riskhint-ui="review"]');
  await dialog.waitFor();
  assert.match(await dialog.textContent(), /Project Falcon/);
  await page.locator('[data-riskhint-ui="edit"]').click();
  assert.ok(await page.evaluate(() => document.querySelector('[data-testid="tweetTextarea_0"]').contains(document.activeElement)), 'focus goes to the item that blocks');
  assert.equal(await page.locator('#posted li').count(), 0);
  await page.close();
});

test('the pill lists the findings, and one can be fixed from the keyboard alone', async () => {
  const page = await compose('/home', 'Email me at kim.minjun@gmail.com about it');
  await verdict(page, 'review');
  await page.locator('[data-riskhint-ui="pill"]').focus();
  await page.keyboard.press('Enter');
  const item = page.locator('[data-riskhint-ui="finding"]');
  await item.waitFor();
  assert.equal(await item.count(), 1);
  await page.keyboard.press('Enter'); // the first finding has focus
  const card = page.locator('[data-riskhint-ui="finding-card"]');
  await card.waitFor();
  assert.equal(await card.getAttribute('data-code'), 'PII005');
  await page.keyboard.press('Enter'); // Apply has focus
  await page.waitForFunction(() => window.__composer.text() === 'Email me at [email removed] about it');
  await verdict(page, 'ok');
  await page.close();
});
