// What every site's end-to-end tests do the same way: wait for a post's labels, wait for a
// draft's verdict on its current text, click a word in an editor, apply a finding's fix.

import assert from 'node:assert/strict';

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

/** Opens the card of the finding under `word`, checks its rule, and clicks its first Apply. */
export async function applyFix(page, editor, word, code) {
  await clickWord(page, editor, word);
  const card = page.locator('[data-riskhint-ui="finding-card"]');
  await card.waitFor();
  assert.equal(await card.getAttribute('data-code'), code);
  await card.locator('[data-riskhint-ui="apply"]').first().click();
}
