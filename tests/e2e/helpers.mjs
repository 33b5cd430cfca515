// What every site's end-to-end tests do the same way: wait for a post's labels, wait for a
// draft's verdict on its current text, replace a draft, click a word in an editor, open its card
// and apply its fix, open a post's card from its badge; and share one browser across a file.

import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launch } from './browser.mjs';

/** The built extension (./build.sh). */
const DIST = new URL('../../dist', import.meta.url).pathname;

/**
 * Where the tests save screenshots: under target/, never over tracked files. To refresh the
 * README's pictures, copy the ones wanted into docs/screenshots/.
 */
export const SCREENSHOTS = new URL('../../target/screenshots/', import.meta.url).pathname;
mkdirSync(SCREENSHOTS, { recursive: true });

/** The labels and risk riskhint put on a post element, waiting until it has (scrolled into view). */
export async function annotation(locator) {
  await locator.scrollIntoViewIfNeeded();
  const deadline = Date.now() + 15_000;
  let labels = null;
  while ((labels = await locator.getAttribute('data-riskhint-labels')) === null) {
    if (Date.now() > deadline) throw new Error('the post was never labelled');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { labels: labels.split(' ').filter(Boolean), risk: Number(await locator.getAttribute('data-riskhint-risk')) };
}

/** Waits until the editor matching `editor` shows `expected` for its current text (no check pending). */
export async function waitForVerdict(page, editor, expected) {
  await page.waitForSelector(`${editor}[data-riskhint-verdict="${expected}"]:not([data-riskhint-pending])`, { timeout: 15_000 });
}

/** Replaces the whole draft in the editor matching `editor` by `text`, as a user would, and returns
 * its verdict once that text is checked. */
export async function redraft(page, editor, text) {
  await page.locator(editor).click();
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text);
  await page.waitForSelector(`${editor}:not([data-riskhint-pending])[data-riskhint-verdict]`, { timeout: 15_000 });
  return page.locator(editor).getAttribute('data-riskhint-verdict');
}

/** Clicks the middle of `word` in the editor matching `editor`, as a user would to read its underline. */
export async function clickWord(page, editor, word) {
  const box = await page.locator(editor).first().evaluate((root, word) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node; (node = walker.nextNode());) {
      const at = node.nodeValue.indexOf(word);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at + 1);
      range.setEnd(node, at + 2);
      const r = range.getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    }
    return null;
  }, word);
  assert.ok(box, `${word} is in the editor`);
  await page.mouse.click(box.x, box.y);
}

/** Clicks `word` in the editor matching `editor`, checks that the card it opens is rule `code`'s,
 * and returns the card. */
export async function findingCard(page, editor, word, code) {
  await clickWord(page, editor, word);
  const card = page.locator('[data-riskhint-ui="finding-card"]');
  await card.waitFor();
  assert.equal(await card.getAttribute('data-code'), code);
  return card;
}

/** Opens the card of the finding under `word`, checks its rule, and clicks its first Apply. */
export async function applyFix(page, editor, word, code) {
  await (await findingCard(page, editor, word, code)).locator('[data-riskhint-ui="apply"]').first().click();
}

/** Hovers the badge of `post` (a locator), checks that it names `label`, and returns the post
 * card it opens with that card's text. */
export async function postCard(page, post, label) {
  const badge = post.locator('[data-riskhint-ui="badge"]').first();
  assert.match(await badge.textContent(), label);
  await badge.hover();
  const card = page.locator('[data-riskhint-ui="post-card"]');
  await card.waitFor();
  return { card, text: await card.textContent() };
}

/** How many spans are underlined per severity, in every composer of the page. */
export const underlines = (page) => page.evaluate(() => Object.fromEntries(
  ['block', 'warn', 'info'].map((s) => [s, CSS.highlights.get(`riskhint-${s}`)?.size ?? 0])));

/** The words underlined per severity, in every composer of the page: what the user sees under the
 * text (a range whose nodes the editor replaced reads as ''). */
export const underlinedWords = (page) => page.evaluate(() => Object.fromEntries(
  ['block', 'warn', 'info'].map((s) => [s, [...(CSS.highlights.get(`riskhint-${s}`) ?? [])].map((r) => r.toString())])));

/**
 * Review before posting, first half, for a blocking `draft` typed in `editor`: Post opens the
 * dialog naming what blocks (`mentions`); Edit, the default (Enter), keeps the draft as it was,
 * posts nothing, and puts focus back in the editor. `onDialog` runs while the dialog is open.
 * @param {{editor: string, postButton: any, draft: string, draftText: () => Promise<string>, mentions: RegExp, onDialog?: () => Promise<void>}} o
 */
export async function reviewThenEdit(page, { editor, postButton, draft, draftText, mentions, onDialog }) {
  await postButton.click();
  const dialog = page.locator('[data-riskhint-ui="review"]');
  await dialog.waitFor();
  assert.match(await dialog.textContent(), mentions);
  await onDialog?.();
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await page.locator('#posted li').count(), 0);
  assert.equal(await draftText(), draft);
  assert.ok(await page.locator(editor).first().evaluate((el) => el.contains(document.activeElement) || el.getRootNode().activeElement === el), 'focus is back in the draft');
}

/** Review before posting, second half: Post, then Post anyway, posts exactly `draft`. */
export async function reviewThenPostAnyway(page, { postButton, draft }) {
  await postButton.click();
  await page.locator('[data-riskhint-ui="review"]').waitFor();
  await page.locator('[data-riskhint-ui="post-anyway"]').click();
  await page.waitForSelector('#posted li');
  assert.equal(await page.locator('#posted li').first().textContent(), draft);
}

/**
 * A copy of dist/ without the semantic tier's encoder, as a user whose asset is missing has it:
 * the fast tier answers alone. Returns its path and a function that removes it.
 */
export async function fastTierDist() {
  const dist = await mkdtemp(path.join(tmpdir(), 'riskhint-fast-'));
  await cp(DIST, dist, { recursive: true, filter: (source) => source !== path.join(DIST, 'semantic', 'encoder.bin') });
  return { dist, remove: () => rm(dist, { recursive: true, force: true }) };
}

/**
 * One browser for a whole test file: launched before its tests (then `setUp` runs with it, for what
 * the file's tests share) and closed after them. The object returned stands for the browser
 * (browser.page(…), browser.context, …) in the tests. `tiers: 'fast'` loads the extension without
 * the semantic tier, for files that assert the fast tier's exact labels and timings (the semantic
 * tier refines labels a moment later; tests/e2e/semantic.test.mjs covers it).
 * @param {(browser: Awaited<ReturnType<typeof launch>>) => Promise<void>} [setUp]
 * @param {{tiers?: 'both' | 'fast'}} [options]
 * @returns {Awaited<ReturnType<typeof launch>>}
 */
export function sharedBrowser(setUp, { tiers = 'both' } = {}) {
  /** @type {Awaited<ReturnType<typeof launch>> | undefined} */
  let launched;
  /** @type {{dist: string, remove: () => Promise<void>} | undefined} */
  let copy;
  before(async () => {
    copy = tiers === 'fast' ? await fastTierDist() : undefined;
    launched = await launch(copy ? { dist: copy.dist } : {});
    await setUp?.(launched);
  });
  after(async () => {
    await launched?.close();
    await copy?.remove();
  });
  return /** @type {any} */ (new Proxy({}, {
    get(_, key) {
      if (!launched) throw new Error('the shared browser is used before it was launched');
      return /** @type {any} */ (launched)[key];
    },
  }));
}
