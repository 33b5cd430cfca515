// A hostile page (fixtures/hostile.mjs, served as https://x.com/hostile with inline scripts allowed):
// posts carrying <img onerror>, </style><script>, javascript: links and <svg onload> next to words
// riskhint flags, and a page script that plants data-riskhint-* marks and look-alike badges before
// and after riskhint runs, clobbers the names riskhint uses, sends messages shaped like riskhint's,
// and clicks every button of riskhint's UI it can reach. Nothing it planted runs, nothing it says is
// believed, and riskhint's UI acts only for the user.
//
// riskhint's shadow roots are open: the page can read them (it can also cover or remove anything in
// its own document), but every action (Apply, Ignore, Turn off, Post anyway, the pill, the list)
// needs a real user event (event.isTrusted), and riskhint keeps what it did in its own memory,
// never reading it back from the page.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sharedBrowser, clickWord, waitForVerdict } from './helpers.mjs';
import { hostilePosts, PLANTED, FAKE } from './fixtures/hostile-posts.mjs';

const EDITOR = '[data-testid="tweetTextarea_0"]';
let page;
const browser = sharedBrowser(async (launched) => {
  page = await launched.page('/hostile');
}, { tiers: 'fast' });

const article = (id) => page.locator('article[data-testid="tweet"]').filter({ has: page.locator(`a[href*="/status/${id}"]`) });
/** riskhint's own badge on a post, not the page's look-alikes. */
const realBadges = (id) => article(id).locator(`:scope > [data-riskhint-host="badge"]:not([${FAKE}])`);
const pwned = () => page.evaluate(() => window.__pwned);
/** riskhint's finding card, not the page's look-alike. */
const findingCard = () => page.locator(`[data-riskhint-ui="finding-card"]:not([${FAKE}])`);

/** Sends a message to the content script of the /hostile tab, as the popup does. */
async function tell(message) {
  const worker = await browser.worker();
  return worker.evaluate(async (message) => {
    const [tab] = await chrome.tabs.query({ url: 'https://x.com/hostile' });
    return chrome.tabs.sendMessage(tab.id, message);
  }, message);
}

/** The labels riskhint's badge on a post names (its accessible name), or [] with no badge. */
async function badgeSays(post) {
  const badges = realBadges(post.id);
  const count = await badges.count();
  assert.ok(count <= 1, `post ${post.id} has ${count} badges of riskhint`);
  return count ? badges.locator('[data-riskhint-ui="badge"]').getAttribute('aria-label') : '';
}

/** Waits until riskhint has labelled every post as expected, whatever the page planted. */
async function everyPostLabelled() {
  for (const post of hostilePosts) {
    await article(post.id).scrollIntoViewIfNeeded();
    const expected = post.expect.join(' ');
    await page.waitForFunction(([id, labels]) => {
      const el = document.querySelector(`a[href*="/status/${id}"]`).closest('article');
      return el.getAttribute('data-riskhint-labels') === labels && el.getAttribute('data-riskhint-risk') !== '0' === (labels !== '');
    }, [post.id, expected], { timeout: 15_000 }).catch(() => {
      throw new Error(`post ${post.id} is not labelled "${expected}"`);
    });
  }
}

/** What the popup would show: the posts riskhint labelled on this tab, with their labels. */
async function summary() {
  const { posts } = await tell({ type: 'summary' });
  return Object.fromEntries(posts.map((p) => [p.id, p.labels.join(' ')]));
}
const expectedSummary = Object.fromEntries(hostilePosts.map((p) => [p.id, p.expect.join(' ')]));

test('markup in posts stays text in every card riskhint opens: nothing the page planted runs', async () => {
  await everyPostLabelled();
  for (const post of hostilePosts.filter((p) => p.expect.length)) {
    const badge = realBadges(post.id).locator('[data-riskhint-ui="badge"]');
    await badge.scrollIntoViewIfNeeded();
    await badge.hover();
    const card = page.locator(`[data-riskhint-ui="post-card"]:not([${FAKE}])`);
    await card.waitFor();
    assert.ok((await card.textContent()).includes(post.text.slice(0, 30)), `the markup of ${post.id} is shown as text`);
    assert.equal(await card.locator('img, script, svg, a, iframe, object, embed').count(), 0, `no element from ${post.id}`);
    await page.mouse.move(1, 1);
    await card.waitFor({ state: 'detached' });
  }
  // Markup images have no src worth loading: an onerror would have fired by now.
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.equal(await pwned(), undefined, 'no handler, script or link from a post ran');
});

test('marks the page plants neither silence a risky post nor frame a harmless one, before or after riskhint runs', async () => {
  await everyPostLabelled();
  const [complaint, styleBreakout, , , harmless] = hostilePosts;
  assert.match(await badgeSays(complaint), /Complaint/, 'the post the page marked as done is labelled');
  assert.equal(await badgeSays(harmless), '', 'the post the page marked as a crisis gets no badge of riskhint');
  assert.deepEqual(await summary(), expectedSummary, 'the popup counts what riskhint found, nothing planted');

  // After riskhint ran: every post marked as the harmless one, with a crisis badge; a scroll rescans.
  const before = {};
  for (const post of hostilePosts) before[post.id] = await badgeSays(post);
  await page.evaluate(() => window.__hostile.replant());
  await page.mouse.wheel(0, 400);
  await page.mouse.wheel(0, -400);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  for (const post of hostilePosts) assert.equal(await badgeSays(post), before[post.id], `post ${post.id} keeps riskhint's badge, once`);
  assert.deepEqual(await summary(), expectedSummary);

  // "Show this post" from the popup goes to the post, not to the decoy ahead of it claiming its id.
  assert.deepEqual(await tell({ type: 'reveal', id: styleBreakout.id }), { found: true });
  const card = page.locator('[data-riskhint-ui="post-card"]');
  await card.waitFor();
  assert.ok((await card.textContent()).includes('you absolute clowns'), 'the card is the post\'s');
  assert.equal(await page.locator(`[data-riskhint-ui="post-card"][${FAKE}]`).count(), 0);
  await page.mouse.click(5, 5);
  assert.equal(await pwned(), undefined);
});

test('the page cannot act through riskhint: clicks it fakes, messages and events it sends change nothing', async () => {
  const draft = 'Project Falcon ships next week, you fucking idiots <img src=x onerror="window.__pwned=\'draft\'">';
  const composerText = () => page.evaluate(() => window.__composer.text());
  const stored = async () => (await browser.worker()).evaluate(() => chrome.storage.local.get(['ignored', 'rulesOff', 'pausedSites', 'policy', 'role']));
  const storedBefore = await stored();
  await page.locator(EDITOR).click();
  await page.keyboard.type(draft);
  await waitForVerdict(page, EDITOR, 'block');
  const findings = await page.locator(EDITOR).getAttribute('data-riskhint-findings');

  // The page has no line to the extension (no externally_connectable).
  assert.equal(await page.evaluate(() => typeof globalThis.chrome?.runtime?.sendMessage), 'undefined');

  // The page clicks every riskhint button it finds, while the user opens the list and a card.
  await page.evaluate(() => window.__hostile.attack(true));
  await page.locator('[data-riskhint-ui="pill"]').click();
  await page.locator('[data-riskhint-ui="finding-list"]').waitFor();
  await page.keyboard.press('Escape');
  await clickWord(page, EDITOR, 'fucking');
  await findingCard().waitFor();
  await new Promise((resolve) => setTimeout(resolve, 600));
  const { reached, clicks } = await page.evaluate(() => ({ reached: window.__hostile.reached, clicks: window.__hostile.clicks }));
  assert.ok(reached > 0 && clicks > 0, `the page did reach riskhint's buttons (${reached} roots, ${clicks} clicks)`);
  assert.equal(await composerText(), draft, 'no fix was applied for the page');
  assert.deepEqual(await stored(), storedBefore, 'nothing was ignored or turned off for the page');
  assert.equal(await findingCard().count(), 1, 'the card stays open for the user');

  // Messages shaped like riskhint's, and the LinkedIn bridge's events.
  await page.evaluate((text) => window.__hostile.spoof(text), await composerText());
  await new Promise((resolve) => setTimeout(resolve, 600));
  assert.equal(await composerText(), draft);
  assert.deepEqual(await stored(), storedBefore);
  await waitForVerdict(page, EDITOR, 'block');
  assert.equal(await page.locator(EDITOR).getAttribute('data-riskhint-findings'), findings);

  // Review before posting: the page's click on Post anyway posts nothing; Edit is still the user's.
  await page.locator('[data-testid="tweetButtonInline"]').click();
  const review = page.locator('[data-riskhint-ui="review"]');
  await review.waitFor();
  await new Promise((resolve) => setTimeout(resolve, 600));
  assert.equal(await page.locator('#posted li').count(), 0, 'nothing posted for the page');
  assert.equal(await review.count(), 1);
  await page.keyboard.press('Enter');
  await review.waitFor({ state: 'detached' });

  // The user's own click still applies the fix.
  await page.evaluate(() => window.__hostile.attack(false));
  await clickWord(page, EDITOR, 'fucking');
  await findingCard().locator('[data-riskhint-ui="apply"]').first().click();
  await page.waitForFunction(() => !window.__composer.text().includes('fucking'));
  assert.equal(await pwned(), undefined);
});
