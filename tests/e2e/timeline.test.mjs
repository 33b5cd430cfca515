// The extension on X's timeline (real X captures served as https://x.com with X's strict CSP):
// every post gets the labels a PR person would expect, quotes are judged on their own, ads are
// recognised, reach raises risk, new and recycled posts are picked up, page text stays text,
// and nothing leaves the machine.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { stopServiceWorker } from './browser.mjs';
import { SITES } from './server.mjs';
import { sharedBrowser, annotation, postCard, SCREENSHOTS } from './helpers.mjs';
import { timelinePosts, morePosts } from './fixtures/timeline-posts.mjs';
import { VIRTUAL_COUNT, virtualId, virtualKind } from './fixtures/virtual-posts.mjs';

const browser = sharedBrowser(undefined, { tiers: 'fast' });

/** The post with this status id, wherever it is in the page. */
const post = (page, id) => page.locator('article[data-testid="tweet"]').filter({ has: page.locator(`a[href*="/status/${id}"]`) }).first();
/** A quoted post, once riskhint has read it. */
const quoted = (page, id) => page.locator(`[data-riskhint-id="${id}"]`).first();

test('every post on the home timeline gets the labels it deserves, quotes on their own', async () => {
  const page = await browser.page('/home');
  for (const p of timelinePosts) {
    const { labels } = await annotation(post(page, p.id));
    assert.deepEqual(labels, p.expect, `post ${p.id}: “${p.text}”`);
    if (p.quote) {
      const inner = await annotation(quoted(page, p.quote.id));
      assert.deepEqual(inner.labels, p.quote.expect, `quoted post ${p.quote.id}: “${p.quote.text}”`);
    }
  }
  await page.close();
});

test('a promoted post is recognised as an ad, not as an undisclosed promotion', async () => {
  const page = await browser.page('/home');
  const ad = timelinePosts.find((p) => p.promoted);
  const organic = timelinePosts.find((p) => !p.promoted && p.text === ad.text);
  const { labels } = await annotation(post(page, ad.id));
  assert.equal(await post(page, ad.id).getAttribute('data-riskhint-promoted'), 'true');
  assert.ok(!labels.includes('undisclosed-promotion'), `the site discloses its ads: ${labels}`);
  assert.match(await post(page, ad.id).locator('[data-riskhint-ui="badge"]').textContent(), /Brand mention/);
  assert.ok((await annotation(post(page, organic.id))).labels.includes('undisclosed-promotion'));
  await page.close();
});

test('reach raises risk: the same complaint with more reposts and views scores higher', async () => {
  const page = await browser.page('/home');
  const loud = await annotation(post(page, timelinePosts[0].id));
  await page.locator('#load-more').click();
  // The quiet twin of the loud complaint arrives with "Load more".
  const twin = morePosts.find((p) => p.twinOf === timelinePosts[0].id);
  const quiet = await annotation(post(page, twin.id));
  assert.deepEqual(quiet.labels, loud.labels);
  assert.ok(loud.risk > quiet.risk, `risk ${loud.risk} (1.25M views) should exceed ${quiet.risk} (few views)`);
  await page.close();
});

test('posts added later (load more, SPA) are labelled without a reload', async () => {
  const page = await browser.page('/home');
  await annotation(post(page, timelinePosts[0].id));
  await page.locator('#load-more').click();
  for (const p of morePosts) {
    const { labels } = await annotation(post(page, p.id));
    assert.deepEqual(labels, p.expect, `post ${p.id}: “${p.text}”`);
  }
  await page.close();
});

test('hovering a badge opens a card with every label, the hint and the words behind them', async () => {
  const page = await browser.page('/home');
  const crisis = timelinePosts.find((p) => p.expect.includes('crisis-signal'));
  await annotation(post(page, crisis.id));
  const { card, text } = await postCard(page, post(page, crisis.id), /Crisis signal/);
  for (const label of ['Crisis signal', 'Brand mention']) assert.ok(text.includes(label), `${label} in card: ${text}`);
  // X is drawn dark here ("Lights out"): so is the card.
  assert.equal(await card.evaluate((el) => getComputedStyle(el).backgroundColor), 'rgb(21, 32, 43)');
  assert.match(text, /escalate/i, 'the hint says what to do');
  const marked = await card.locator('mark').allTextContents();
  assert.ok(marked.some((w) => /폭발|리콜|recall|논란/.test(w)), `trigger words marked: ${marked}`);
  // The same words are highlighted in the post itself while the card is open.
  assert.ok(await page.evaluate(() => CSS.highlights.get('riskhint-evidence')?.size > 0));
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}timeline-card.png` });
  // Keyboard users get the same card.
  await page.mouse.move(0, 0);
  await card.waitFor({ state: 'detached' });
  await post(page, crisis.id).locator('[data-riskhint-ui="badge"]').focus();
  await card.waitFor();
  await page.keyboard.press('Escape');
  await card.waitFor({ state: 'detached' });
  await page.close();
});

test('a post whose text is HTML is shown as text: no element, no script', async () => {
  const page = await browser.page('/home');
  const markup = timelinePosts.find((p) => p.text.includes('<script>'));
  await annotation(post(page, markup.id));
  await post(page, markup.id).locator('[data-riskhint-ui="badge"]').hover();
  const card = page.locator('[data-riskhint-ui="post-card"]');
  await card.waitFor();
  assert.ok((await card.textContent()).includes('<img src=x onerror='), 'the markup is shown as text');
  assert.equal(await card.locator('img, script').count(), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  await page.close();
});

test('scrolling a virtualised list of 1,000 posts labels the new cells as they appear', async () => {
  const page = await browser.page('/virtual');
  const checked = [];
  for (const i of [3, 7, 13, 498, 503, 507, 510, 993, 997, 999]) {
    await page.evaluate((n) => window.scrollToPost(n), i);
    const { labels } = await annotation(post(page, virtualId(i)));
    const kind = virtualKind(i);
    if (kind === 'harmless') assert.deepEqual(labels, [], `post ${i}`);
    else assert.ok(labels.includes('complaint'), `post ${i} (${kind}): ${labels}`);
    checked.push(i);
  }
  // Cells are recycled: far fewer articles than posts exist at once, and each shows its own id.
  const live = await page.locator('article[data-testid="tweet"]').count();
  assert.ok(live < 60 && live < VIRTUAL_COUNT, `${live} articles in the DOM`);
  const mismatched = await page.$$eval('article[data-riskhint-id]', (els) =>
    els.filter((a) => !a.querySelector(`a[href*="/status/${a.getAttribute('data-riskhint-id')}"]`)).length);
  assert.equal(mismatched, 0, 'a recycled cell keeps the label of the post it used to show');
  assert.equal(checked.length, 10);
  await page.close();
});

test('no request leaves the machine from the page or the extension', async () => {
  const page = await browser.page('/home');
  await annotation(post(page, timelinePosts[0].id));
  await page.locator('[data-testid="tweetTextarea_0"]').click();
  await page.keyboard.type('Hanbit ships Project Falcon soon');
  await page.waitForSelector('[data-testid="tweetTextarea_0"][data-riskhint-verdict="block"]:not([data-riskhint-pending])');
  const outside = browser.requests.filter((url) => {
    const { protocol, hostname } = new URL(url);
    const local = hostname === 'x.com' || hostname === 'twitter.com' || hostname in SITES; // all served by the fixture server
    return !(protocol === 'chrome-extension:' || protocol === 'data:' || local);
  });
  assert.deepEqual(outside, []);
  // The fixture server is x.com here: everything the browser fetched from it is a fixture path.
  assert.ok(browser.server.requests.every((p) => !p.includes('riskhint')), 'the extension itself asked the site for nothing');
  await page.close();
});

test('a new policy relabels open pages without a reload; a broken one is rejected and the last good one stays', async () => {
  const page = await browser.page('/home');
  const english = timelinePosts[0]; // names @HanbitElec, Hanbit Electronics and Nova X1
  const korean = timelinePosts.find((p) => p.text.startsWith('노바 X1 또 고장났어요')); // names 한빛전자
  assert.ok((await annotation(post(page, english.id))).labels.includes('brand-mention'));
  const worker = await browser.worker();
  const brandMention = async (p) => (await annotation(post(page, p.id))).labels.includes('brand-mention');

  // A policy that knows only the Korean name: the English post is no longer about us.
  await worker.evaluate(() => chrome.storage.local.set({ policy: '{"organization": {"names": ["한빛전자"]}}' }));
  await page.waitForFunction((el) => !el.getAttribute('data-riskhint-labels')?.includes('brand-mention'), await post(page, english.id).elementHandle(), { timeout: 15_000 });
  assert.ok(await brandMention(korean));

  // A broken policy: rejected with its line and field.
  await worker.evaluate(() => chrome.storage.local.set({ policy: '{\n  "organization": {\n    "nmes": ["Oops"]\n  }\n}' }));
  const error = await (async () => {
    for (let i = 0; i < 100; i++) {
      const { policyError } = await worker.evaluate(() => chrome.storage.local.get('policyError'));
      if (policyError) return policyError;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return null;
  })();
  assert.ok(error, 'the error is stored for the options page');
  assert.equal(error.line, 3);
  assert.match(`${error.path} ${error.message}`, /nmes/);
  // The last good policy stays in force, even in a worker the browser stopped and restarted (the
  // built-in defaults know no organisation, so the Korean post would lose its brand mention).
  // Let the page finish relabelling first, so that nothing wakes the worker as it stops.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await stopServiceWorker(browser.context, browser.extensionId);
  await page.reload();
  assert.ok(await brandMention(korean), 'the last good policy is still in force');
  assert.ok(!(await brandMention(english)));

  await (await browser.worker()).evaluate(() => chrome.storage.local.remove(['policy', 'policyError']));
  await page.close();
});
