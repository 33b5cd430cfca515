// The extension on LinkedIn (fixture pages served as https://www.linkedin.com under a strict CSP):
// every post of the 2026-style feed gets the labels a PR person would expect, ads are recognised,
// the badge opens its card; in the share box (the REAL Quill 2.0.3 editor) a risky draft gets its
// verdict, underlines, pill and card, Apply goes through Quill's own API from the page's world (its
// state and the Post button follow, Ctrl+Z undoes), a blocking draft asks before posting, and
// nothing leaves the machine. The share box also runs inside a shadow root (/feed/?interop), as on
// LinkedIn's 2026 build.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { sharedBrowser, annotation, waitForVerdict, clickWord as clickWordIn, findingCard, applyFix, postCard, underlines, reviewThenEdit, reviewThenPostAnyway, SCREENSHOTS } from './helpers.mjs';
import { linkedinPosts } from './fixtures/linkedin/posts.mjs';

const FEED = 'https://www.linkedin.com/feed/';
const EDITOR = '[role="dialog"] .ql-editor';
const browser = sharedBrowser(undefined, { tiers: 'fast' });

/** The feed cell of a post (riskhint labels the cell). */
const cell = (page, post) => page.locator(`[data-lazy-mount-id="${post.cell}"]`);
const find = (predicate) => linkedinPosts.find(predicate);

/** Opens the feed (at `url`), then the share box, and types `text` into Quill. */
async function compose(text, url = FEED) {
  const page = await browser.page(url);
  await page.getByRole('button', { name: 'Start a post' }).click();
  await page.locator(EDITOR).click();
  if (text) await page.keyboard.type(text);
  return page;
}

/** Quill's own idea of the draft (getText() without its final newline), not the DOM's. */
const quillText = (page) => page.evaluate(() => window.__quill.text());
const postButton = (page) => page.locator('[role="dialog"]').getByRole('button', { name: 'Post', exact: true });
const verdict = (page, expected) => waitForVerdict(page, EDITOR, expected);
const clickWord = (page, word) => clickWordIn(page, EDITOR, word);
const applyFixOf = (page, word, code) => applyFix(page, EDITOR, word, code);


test('every post in the feed gets the labels a PR reader expects, keyed by its LinkedIn id', async () => {
  const page = await browser.page(FEED);
  for (const p of linkedinPosts) {
    const { labels } = await annotation(cell(page, p));
    assert.deepEqual(labels, p.expect, `${p.cell}: “${p.text}”`);
    const id = await cell(page, p).getAttribute('data-riskhint-id');
    if (p.id) assert.equal(id, p.id, `${p.cell} is keyed by its ${p.identity}`);
    else assert.match(id, /^hash:/, `${p.cell} has no id on the page`);
  }
  // The reach LinkedIn states in its aria-labels (23,900 reactions, 1,843 comments, 5,120 reposts)
  // counts: without it the engine rates this complaint 61.
  const complaint = find((p) => p.cell === 'cell-complaint');
  assert.ok((await annotation(cell(page, complaint))).risk >= 90, 'a complaint with wide reach is high risk');
  // Nested list items (the post's own) never get a second badge.
  assert.equal(await page.locator('[data-riskhint-ui="badge"]').count(), linkedinPosts.filter((p) => p.expect.length || p.promoted).length);
  await page.close();
});

test('a promoted post is recognised as an ad, not as an undisclosed promotion', async () => {
  const page = await browser.page(FEED);
  const ad = find((p) => p.promoted);
  const organic = find((p) => !p.promoted && p.text === ad.text);
  const { labels } = await annotation(cell(page, ad));
  assert.equal(await cell(page, ad).getAttribute('data-riskhint-promoted'), 'true');
  assert.ok(!labels.includes('undisclosed-promotion'), `LinkedIn discloses its ads: ${labels}`);
  assert.match(await cell(page, ad).locator('[data-riskhint-ui="badge"]').textContent(), /Brand mention/);
  // The same words, posted as a member's own, are an undisclosed promotion.
  assert.ok((await annotation(cell(page, organic))).labels.includes('undisclosed-promotion'));
  assert.equal(await cell(page, organic).getAttribute('data-riskhint-promoted'), null);
  await page.close();
});

test('hovering a badge opens a card with every label, the hint and the words behind them', async () => {
  const page = await browser.page(FEED);
  const crisis = find((p) => p.expect.includes('crisis-signal'));
  await annotation(cell(page, crisis));
  const { card, text } = await postCard(page, cell(page, crisis), /Crisis signal/);
  for (const label of ['Crisis signal', 'Brand mention']) assert.ok(text.includes(label), `${label} in card: ${text}`);
  assert.match(text, /escalate/i, 'the hint says what to do');
  assert.ok(!text.includes('…more'), 'LinkedIn’s “…more” button is not part of the post’s text');
  const marked = await card.locator('mark').allTextContents();
  assert.ok(marked.some((w) => /폭발|리콜|논란|exploding/.test(w)), `trigger words marked: ${marked}`);
  // The same words are highlighted in the post itself while the card is open.
  assert.ok(await page.evaluate(() => CSS.highlights.get('riskhint-evidence')?.size > 0));
  await page.mouse.move(0, 0);
  await card.waitFor({ state: 'detached' });
  await page.close();
});

test('a risky draft in the share box gets its verdict, underlines and pill; a safe one does not', async () => {
  const page = await compose('Project Falcon ships next week, you fucking idiots');
  await verdict(page, 'block');
  const underlined = await underlines(page);
  assert.deepEqual(underlined, { block: 1, warn: 2, info: 0 });
  assert.match(await page.locator('[data-riskhint-ui="pill"]').textContent(), /Review before posting · 3/);
  await page.keyboard.press('Control+a');
  await page.keyboard.type('Lovely weather in Seoul today');
  await verdict(page, 'ok');
  assert.equal((await underlines(page)).block, 0);
  assert.equal(await page.locator('[data-riskhint-ui="pill"]').count(), 0);
  // Korean drafts too, with the card on the right word.
  await page.keyboard.press('Control+a');
  await page.keyboard.type('다음 달 팰컨 출시 확정! 김민준 대표님 최고');
  await verdict(page, 'block');
  const card = await findingCard(page, EDITOR, '팰컨', 'CONF001');
  assert.match(await card.textContent(), /팰컨/);
  await page.close();
});

test('clicking an underlined word opens its card; Apply (“Remove the word”) changes Quill’s state and Ctrl+Z restores it', async () => {
  const original = 'Project Falcon ships next week, you fucking idiots';
  const page = await compose(original);
  await verdict(page, 'block');
  const card = await findingCard(page, EDITOR, 'fucking', 'TONE001');
  const text = await card.textContent();
  assert.match(text, /Profanity/);
  assert.match(text, /Remove the word/);
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}linkedin.png` });
  await card.locator('[data-riskhint-ui="apply"]').first().click();
  await page.waitForFunction(() => !window.__quill.text().includes('fucking'));
  assert.equal(await quillText(page), 'Project Falcon ships next week, you idiots');
  // The fix is checked like typing: one finding fewer.
  await verdict(page, 'block');
  assert.equal(await page.locator(EDITOR).getAttribute('data-riskhint-findings'), '2');
  await page.locator(EDITOR).focus();
  await page.keyboard.press('Control+z');
  await page.waitForFunction((t) => window.__quill.text() === t, original);
  await page.close();
});

test('the Post button follows Quill: a fix that empties the draft disables it, Ctrl+Z enables it again', async () => {
  const page = await compose('Funding secured');
  await verdict(page, 'block');
  assert.ok(await postButton(page).isEnabled());
  await applyFixOf(page, 'secured', 'MNPI003');
  await page.waitForFunction(() => window.__quill.text() === '');
  assert.ok(await postButton(page).isDisabled(), 'an empty draft cannot be posted');
  await page.locator(EDITOR).focus();
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => window.__quill.text() === 'Funding secured');
  assert.ok(await postButton(page).isEnabled());
  await page.close();
});

test('Apply on a draft with an empty line keeps the other lines', async () => {
  const page = await compose('Hello team');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Call me on 010-1234-5678 tonight');
  await verdict(page, 'review');
  await applyFixOf(page, '1234', 'PII004');
  await page.waitForFunction(() => !window.__quill.text().includes('1234-5678'));
  assert.equal(await quillText(page), 'Hello team\n\nCall me on [phone removed] tonight');
  await verdict(page, 'ok');
  await page.close();
});

test('with no Quill reachable from the page, Apply types the fix over the selection and Quill adopts it', async () => {
  const page = await compose('Line one');
  // A LinkedIn build that bundles Quill 2 leaves neither a global Quill nor container.__quill.
  await page.evaluate(() => delete window.Quill);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.keyboard.type('This fucking update is great');
  await verdict(page, 'review');
  await applyFixOf(page, 'fucking', 'TONE001');
  await page.waitForFunction(() => !window.__quill.text().includes('fucking'));
  assert.equal(await quillText(page), 'Line one\n\nThis update is great');
  await page.close();
});

test('a blocking draft asks before posting: Edit keeps it, Post anyway posts it; a safe draft posts at once', async () => {
  const draft = 'Funding secured. Project Falcon ships in May.';
  const page = await compose(draft);
  await verdict(page, 'block');
  const review = { editor: EDITOR, postButton: postButton(page), draft, draftText: () => quillText(page), mentions: /Project Falcon/ };
  await reviewThenEdit(page, review);
  // The Edit button, clicked, does the same as Enter.
  const dialog = page.locator('[data-riskhint-ui="review"]');
  await postButton(page).click();
  await dialog.waitFor();
  await page.locator('[data-riskhint-ui="edit"]').click();
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await page.locator('#posted li').count(), 0);
  await reviewThenPostAnyway(page, review);
  // The share box is empty again; a harmless post goes straight through.
  await page.waitForFunction(() => window.__quill.text() === '');
  await page.locator(EDITOR).click();
  await page.keyboard.type('Lunch at the new ramen place was great');
  await verdict(page, 'ok');
  await postButton(page).click();
  await page.waitForFunction(() => document.querySelectorAll('#posted li').length === 2);
  assert.equal(await page.locator('[data-riskhint-ui="review"]').count(), 0);
  await page.close();
});

test('the share box inside LinkedIn’s shadow root (#interop-outlet, as in the 2026 build) is checked too', async () => {
  const original = 'Project Falcon ships next week, you fucking idiots';
  const page = await compose(original, `${FEED}?interop`);
  assert.ok(await page.evaluate(() => document.getElementById('interop-outlet').shadowRoot.querySelector('.ql-editor')), 'the editor is in the shadow root');
  await verdict(page, 'block');
  assert.match(await page.locator('[data-riskhint-ui="pill"]').textContent(), /Review before posting · 3/);
  await applyFixOf(page, 'fucking', 'TONE001');
  await page.waitForFunction(() => window.__quill.text() === 'Project Falcon ships next week, you idiots');
  await page.locator(EDITOR).focus();
  await page.keyboard.press('Control+z');
  await page.waitForFunction((t) => window.__quill.text() === t, original);
  await postButton(page).click();
  await page.locator('[data-riskhint-ui="review"]').waitFor();
  await page.close();
});

test('no request leaves the machine from the page or the extension', async () => {
  const page = await compose('Hanbit ships Project Falcon soon');
  await verdict(page, 'block');
  await annotation(cell(page, linkedinPosts[0]));
  const outside = browser.requests.filter((url) => {
    const { protocol, hostname } = new URL(url);
    return !(protocol === 'chrome-extension:' || protocol === 'data:' || (protocol === 'https:' && hostname === 'www.linkedin.com'));
  });
  assert.deepEqual(outside, []);
  assert.ok(browser.requests.some((url) => url.endsWith('/vendor/quill/dist/quill.js')), 'the requests were seen');
  await page.close();
});
