// The semantic tier in the browser: the worker loads the encoder (dist/semantic/) after the first
// verdict; a draft the rules miss gets the semantic verdict at a pause in typing, its card saying
// it is a reading from context; posts in view are refined in place; with the asset missing, the
// fast tier answers alone and nothing is said.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './browser.mjs';
import { sharedBrowser, waitForVerdict, clickWord, fastTierDist } from './helpers.mjs';
import { timelinePosts } from './fixtures/timeline-posts.mjs';

const EDITOR = '[data-testid="tweetTextarea_0"]';
// A veiled threat: TONE004's own example, in words no rule lists.
const THREAT = "keep talking and you'll regret it";
const browser = sharedBrowser();

/** Types `text` into the home composer of a new page of `b`. */
async function compose(b, text) {
  const page = await b.page('/home');
  await page.locator(EDITOR).click();
  await page.keyboard.type(text);
  return page;
}

/** Waits until the draft's verdict came from both tiers. */
const semanticVerdict = (page) => page.waitForSelector(`${EDITOR}[data-riskhint-tier="semantic"]:not([data-riskhint-pending])`, { timeout: 60_000 });

test('a badge refined by the semantic tier is updated in place: keyboard focus on it stays', async () => {
  // First in this file: the worker loads the semantic tier only after the first fast verdict,
  // which leaves time to focus a badge before its post is refined.
  const page = await browser.page('/home');
  let checked = 0;
  for (const p of timelinePosts.filter((p) => !p.quote && p.expect.length)) {
    const post = page.locator('article[data-testid="tweet"]').filter({ has: page.locator(`a[href*="/status/${p.id}"]`) }).first();
    await post.scrollIntoViewIfNeeded();
    const badge = post.locator('[data-riskhint-ui="badge"]');
    await badge.waitFor();
    if ((await post.getAttribute('data-riskhint-tier')) === 'semantic') continue; // refined before we looked
    const handle = await badge.elementHandle();
    await badge.focus();
    await page.waitForFunction((el) => el.getAttribute('data-riskhint-tier') === 'semantic', await post.elementHandle(), { timeout: 60_000 });
    assert.ok(await handle.evaluate((el) => el.isConnected), `post ${p.id}: the badge was replaced`);
    assert.ok(await handle.evaluate((el) => el.getRootNode().activeElement === el), `post ${p.id}: focus left the badge`);
    checked += 1;
    if (checked === 2) break;
  }
  assert.ok(checked > 0, 'every post was refined before the test could focus its badge');
  await page.close();
});

test('a veiled threat the rules miss is flagged by the semantic tier at a pause, and its card says so', async () => {
  const page = await compose(browser, THREAT);
  await semanticVerdict(page);
  assert.equal(await page.locator(EDITOR).getAttribute('data-riskhint-verdict'), 'review');
  await clickWord(page, EDITOR, 'regret');
  const card = page.locator('[data-riskhint-ui="finding-card"]');
  await card.waitFor();
  assert.match(await card.getAttribute('data-code'), /^TONE/);
  assert.match(await card.locator('[data-riskhint-ui="semantic"]').textContent(), /Read from context \(semantic tier\), \d+% sure/);
  await page.close();
});

test('a plain draft stays ok with both tiers, in English and Korean', async () => {
  for (const text of ['Had a great time at the team offsite today, thanks everyone!', '주말에 한강에서 자전거 탔어요. 날씨가 딱 좋았네요.']) {
    const page = await compose(browser, text);
    await semanticVerdict(page);
    assert.equal(await page.locator(EDITOR).getAttribute('data-riskhint-verdict'), 'ok', text);
    await page.close();
  }
});

test('posts in view get their labels from both tiers: none of the fast labels lost, plain posts left alone', async () => {
  const page = await browser.page('/home');
  const added = [];
  for (const p of timelinePosts.filter((p) => !p.quote)) {
    const post = page.locator('article[data-testid="tweet"]').filter({ has: page.locator(`a[href*="/status/${p.id}"]`) }).first();
    await post.scrollIntoViewIfNeeded();
    await page.waitForFunction((el) => el.getAttribute('data-riskhint-tier') === 'semantic', await post.elementHandle(), { timeout: 60_000 });
    const labels = (await post.getAttribute('data-riskhint-labels')).split(' ').filter(Boolean);
    for (const label of p.expect) assert.ok(labels.includes(label), `post ${p.id} lost ${label}: “${p.text}” → ${labels}`);
    if (p.expect.length === 0) assert.deepEqual(labels, [], `a plain post got labels: “${p.text}”`);
    const extra = labels.filter((l) => !p.expect.includes(l));
    if (extra.length) added.push(`${p.id}: +${extra.join(' +')}`);
  }
  // What the semantic tier added beyond the fast tier's expected labels, for the record (docs/semantic.md).
  if (added.length) console.log(`semantic additions: ${added.join('; ')}`);
  await page.close();
});

test('without the encoder asset the fast tier answers alone and nothing is said', async () => {
  const { dist, remove } = await fastTierDist();
  const b = await launch({ dist });
  try {
    const page = await compose(b, 'Project Falcon ships next week');
    await waitForVerdict(page, EDITOR, 'block');
    // Long past a typing pause: the fast verdict stands, marked as the fast tier's.
    await page.waitForTimeout(1500);
    assert.equal(await page.locator(EDITOR).getAttribute('data-riskhint-tier'), 'fast');
    assert.equal(await page.locator(EDITOR).getAttribute('data-riskhint-verdict'), 'block');
    assert.equal(await page.locator('[data-riskhint-ui="notice"]').count(), 0);
    await page.close();
  } finally {
    await b.close();
    await remove();
  }
});
