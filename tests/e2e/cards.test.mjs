// Where riskhint's UI sits on the page, as the user sees it: the composer's pill never covers the
// site's Post button or the composer's other controls (X, Facebook, LinkedIn; with a draft that
// grows the editor, after scrolling and resizing); a post card follows its badge as the page scrolls
// and closes when the badge leaves the viewport; Alt+Shift+R moves focus from a draft to its list of
// findings and back, the caret where it was.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sharedBrowser, annotation, waitForVerdict, findingCard } from './helpers.mjs';
import { timelinePosts } from './fixtures/timeline-posts.mjs';
import { startComposition } from './ime.mjs';

const browser = sharedBrowser(undefined, { tiers: 'fast' });

const RISKY = 'Project Falcon ships next week, you fucking idiots';
const PILL = '[data-riskhint-ui="pill"]';

/** One frame, so that what a scroll or resize moved is drawn. */
const frame = (page) => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

/** How far two boxes overlap, in px on each axis (0 when apart). */
function overlap(a, b) {
  const x = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const y = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return x > 0 && y > 0 ? { x, y } : null;
}

/**
 * The pill is in the viewport, next to the editor, and covers none of `controls` (a locator of
 * every control the site draws around its composer).
 */
async function assertPillClear(page, editor, controls, when) {
  await frame(page);
  const pill = await page.locator(PILL).boundingBox();
  assert.ok(pill, `${when}: the pill is shown`);
  const viewport = page.viewportSize();
  assert.ok(pill.x >= 0 && pill.y >= 0 && pill.x + pill.width <= viewport.width && pill.y + pill.height <= viewport.height, `${when}: the pill is in the viewport: ${JSON.stringify(pill)}`);
  const box = await page.locator(editor).first().boundingBox();
  const gapX = Math.max(0, box.x - (pill.x + pill.width), pill.x - (box.x + box.width));
  const gapY = Math.max(0, box.y - (pill.y + pill.height), pill.y - (box.y + box.height));
  assert.ok(gapX <= 8 && gapY <= 8, `${when}: the pill is by the editor (${gapX}, ${gapY} px away)`);
  const count = await controls.count();
  assert.ok(count > 0, `${when}: the site's controls are there`);
  for (let i = 0; i < count; i++) {
    const control = controls.nth(i);
    const rect = await control.boundingBox();
    if (!rect) continue;
    const name = (await control.getAttribute('aria-label')) ?? (await control.getAttribute('data-testid')) ?? (await control.textContent());
    const hit = overlap(pill, rect);
    assert.equal(hit, null, `${when}: the pill covers “${name}” by ${JSON.stringify(hit)} px`);
  }
}

/** Types a second, third and fourth line into the draft: the editor grows under the pill. */
async function growDraft(page, editor) {
  for (const line of ['Second line of the draft', 'Third line, still going', 'Fourth line']) {
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type(line);
  }
  await waitForVerdict(page, editor, 'block');
}

test('X: the pill covers neither the Post button nor the toolbar, as the draft grows, the page scrolls and the window resizes', async () => {
  const EDITOR = '[data-testid="tweetTextarea_0"]';
  const page = await browser.page('/home');
  const controls = page.locator('#home-composer').locator('[data-testid="tweetButtonInline"], [data-testid="toolBar"] button, [data-testid="addButton"], [data-testid="char-count"]');
  await page.locator(EDITOR).click();
  await page.keyboard.type(RISKY);
  await waitForVerdict(page, EDITOR, 'block');
  await assertPillClear(page, EDITOR, controls, 'a risky draft');
  await page.keyboard.press('Enter');
  await growDraft(page, EDITOR);
  await assertPillClear(page, EDITOR, controls, 'a four-line draft');
  await page.evaluate(() => scrollBy(0, 40));
  await assertPillClear(page, EDITOR, controls, 'scrolled by 40 px');
  await page.setViewportSize({ width: 700, height: 560 });
  await assertPillClear(page, EDITOR, controls, 'a narrower window');
  await page.close();
});

test('Facebook: the pill no longer covers the Post button (it did by 12 px), nor the emoji button', async () => {
  const EDITOR = '[role="dialog"][aria-label="Create post"] [data-lexical-editor="true"]';
  const page = await browser.page('https://www.facebook.com/');
  const controls = page.locator('[role="dialog"][aria-label="Create post"] [role="button"]');
  await page.locator('#create-post').click();
  await page.locator(EDITOR).waitFor();
  await page.keyboard.type(RISKY);
  await waitForVerdict(page, EDITOR, 'block');
  await assertPillClear(page, EDITOR, controls, 'a risky draft');
  await page.keyboard.press('Enter');
  await growDraft(page, EDITOR);
  await assertPillClear(page, EDITOR, controls, 'a four-line draft');
  await page.mouse.wheel(0, 200);
  await assertPillClear(page, EDITOR, controls, 'the feed scrolled behind the dialog');
  await page.setViewportSize({ width: 640, height: 600 });
  await assertPillClear(page, EDITOR, controls, 'a smaller window');
  await page.close();
});

test('LinkedIn: the pill covers none of the share box\'s buttons, as the draft grows and the window resizes', async () => {
  const EDITOR = '[role="dialog"] .ql-editor';
  const page = await browser.page('https://www.linkedin.com/feed/');
  const controls = page.locator('[role="dialog"] button');
  await page.getByRole('button', { name: 'Start a post' }).click();
  await page.locator(EDITOR).click();
  await page.keyboard.type(RISKY);
  await waitForVerdict(page, EDITOR, 'block');
  await assertPillClear(page, EDITOR, controls, 'a risky draft');
  await page.keyboard.press('Enter');
  await growDraft(page, EDITOR);
  await assertPillClear(page, EDITOR, controls, 'a four-line draft');
  await page.setViewportSize({ width: 620, height: 520 });
  await assertPillClear(page, EDITOR, controls, 'a smaller window');
  await page.close();
});

test('a post card follows its badge as the page scrolls, and closes when the badge leaves the viewport', async () => {
  const page = await browser.page('/home');
  const crisis = timelinePosts.find((p) => p.expect.includes('crisis-signal'));
  const post = page.locator('article[data-testid="tweet"]').filter({ has: page.locator(`a[href*="/status/${crisis.id}"]`) }).first();
  await annotation(post);
  const badge = post.locator('[data-riskhint-ui="badge"]').first();
  await badge.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  // Opened from the keyboard: a hover would end when the page moves under the pointer.
  await badge.focus();
  const card = page.locator('[data-riskhint-ui="post-card"]');
  await card.waitFor();
  const badgeBefore = await badge.boundingBox();
  const cardBefore = await card.boundingBox();
  await page.evaluate(() => scrollBy(0, 60));
  await frame(page);
  const badgeAfter = await badge.boundingBox();
  const cardAfter = await card.boundingBox();
  assert.ok(Math.abs(badgeAfter.y - badgeBefore.y + 60) <= 2, `the page scrolled by 60 px (the badge moved ${badgeAfter.y - badgeBefore.y})`);
  assert.ok(Math.abs((cardAfter.y - cardBefore.y) - (badgeAfter.y - badgeBefore.y)) <= 2,
    `the card moved ${cardAfter.y - cardBefore.y} px with its badge's ${badgeAfter.y - badgeBefore.y} px`);
  // The badge scrolls out of view (above the top): the card goes.
  await page.evaluate((bottom) => scrollBy(0, bottom + 50), badgeAfter.y + badgeAfter.height);
  await card.waitFor({ state: 'detached', timeout: 2000 });
  await page.close();
});

test('a finding card follows its words as the page scrolls, and closes when they leave the viewport', async () => {
  const EDITOR = '[data-testid="tweetTextarea_0"]';
  const page = await browser.page('/home');
  await page.locator(EDITOR).click();
  await page.keyboard.type(RISKY);
  await waitForVerdict(page, EDITOR, 'block');
  const card = await findingCard(page, EDITOR, 'fucking', 'TONE001');
  const editorBefore = await page.locator(EDITOR).boundingBox();
  const cardBefore = await card.boundingBox();
  await page.evaluate(() => scrollBy(0, 30));
  await frame(page);
  const editorAfter = await page.locator(EDITOR).boundingBox();
  const cardAfter = await card.boundingBox();
  const moved = editorAfter.y - editorBefore.y;
  assert.ok(moved < -20, `the page scrolled (the editor moved ${moved} px)`);
  assert.ok(Math.abs((cardAfter.y - cardBefore.y) - moved) <= 2, `the card moved ${cardAfter.y - cardBefore.y} px with its words' ${moved} px`);
  await page.evaluate((bottom) => scrollBy(0, bottom + 50), editorAfter.y + editorAfter.height);
  await card.waitFor({ state: 'detached', timeout: 2000 });
  await page.close();
});

/** Where focus is, as the user sees it: riskhint's list item (its rule), or the editor. */
const focusOf = (page, editor) => page.evaluate((editor) => {
  const layer = document.querySelector('[data-riskhint-host="layer"]')?.shadowRoot;
  const inLayer = document.activeElement === layer?.host ? layer.activeElement : null;
  if (inLayer) {
    const items = [...layer.querySelectorAll('[data-riskhint-ui="finding"]')];
    return `${inLayer.getAttribute('data-riskhint-ui')}:${items.indexOf(inLayer)}`;
  }
  return document.querySelector(editor)?.contains(document.activeElement) ? 'editor' : String(document.activeElement?.localName);
}, editor);

test('Alt+Shift+R moves focus from the draft to its first finding and back, the caret where it was; Escape too; in Korean too', async () => {
  const EDITOR = '[data-testid="tweetTextarea_0"]';
  const page = await browser.page('/home');
  const draftText = () => page.evaluate(() => window.__composer.text());
  const list = page.locator('[data-riskhint-ui="finding-list"]');
  await page.locator(EDITOR).click();
  for (const { draft, caret, typed } of [
    { draft: RISKY, caret: 'Project Falcon '.length, typed: 'Project Falcon Xships' },
    { draft: '다음 달 팰컨 출시 확정! 김민준 대표님 최고', caret: '다음 달 팰컨 '.length, typed: '다음 달 팰컨 X출시' },
  ]) {
    await page.keyboard.press('Control+a');
    await page.keyboard.type(draft);
    await waitForVerdict(page, EDITOR, 'block');
    await page.keyboard.press('Home');
    for (let i = 0; i < caret; i++) await page.keyboard.press('ArrowRight');
    // A page's own key event does nothing.
    await page.locator(EDITOR).evaluate((el) => el.dispatchEvent(new KeyboardEvent('keydown', { key: 'R', code: 'KeyR', altKey: true, shiftKey: true, bubbles: true, composed: true })));
    await frame(page);
    assert.equal(await list.count(), 0, 'an untrusted key opens nothing');

    await page.keyboard.press('Alt+Shift+KeyR');
    await list.waitFor();
    assert.equal(await focusOf(page, EDITOR), 'finding:0', 'focus is on the first finding');
    await page.keyboard.press('ArrowDown');
    const items = await list.locator('[data-riskhint-ui="finding"]').count();
    assert.equal(await focusOf(page, EDITOR), `finding:${items > 1 ? 1 : 0}`, 'the list\'s arrow keys work');
    await page.keyboard.press('Alt+Shift+KeyR');
    await list.waitFor({ state: 'detached' });
    assert.equal(await focusOf(page, EDITOR), 'editor', 'focus is back in the draft');
    await page.keyboard.type('X');
    assert.ok((await draftText()).startsWith(typed), `the caret was where it had been: ${await draftText()}`);
    await waitForVerdict(page, EDITOR, 'block');

    // Escape goes back to the draft too.
    await page.keyboard.press('Alt+Shift+KeyR');
    await list.waitFor();
    assert.equal(await focusOf(page, EDITOR), 'finding:0');
    await page.keyboard.press('Escape');
    await list.waitFor({ state: 'detached' });
    assert.equal(await focusOf(page, EDITOR), 'editor');
    await page.keyboard.press('Backspace');
    assert.equal(await draftText(), draft, 'the caret was still after the typed X');
  }
  await page.close();
});

test('Alt+Shift+R does nothing during an IME composition: the syllable being composed keeps focus', async () => {
  const EDITOR = '[data-testid="tweetTextarea_0"]';
  const page = await browser.page('/home');
  await page.locator(EDITOR).click();
  await page.keyboard.type('다음 달 팰컨 출시 확정! ');
  await waitForVerdict(page, EDITOR, 'block');
  const cdp = await startComposition(page, '김');
  await page.keyboard.press('Alt+Shift+KeyR');
  await frame(page);
  assert.equal(await page.locator('[data-riskhint-ui="finding-list"]').count(), 0, 'no list opens mid-composition');
  assert.equal(await focusOf(page, EDITOR), 'editor');
  await cdp.send('Input.insertText', { text: '김' });
  await cdp.detach();
  await page.waitForFunction(() => window.__composer.text().endsWith('김'), null, { timeout: 5000 }).catch(() => {});
  await waitForVerdict(page, EDITOR, 'block');
  assert.equal(await page.evaluate(() => window.__composer.text()), '다음 달 팰컨 출시 확정! 김');
  // Once the syllable is committed, the shortcut works.
  await page.keyboard.press('Alt+Shift+KeyR');
  await page.locator('[data-riskhint-ui="finding-list"]').waitFor();
  assert.equal(await focusOf(page, EDITOR), 'finding:0');
  await page.close();
});
