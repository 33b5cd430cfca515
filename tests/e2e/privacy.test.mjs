// Privacy across a whole session: the timeline read while scrolling, a draft typed with findings,
// a fix applied and a finding ignored, the popup and the options page opened and a setting changed
// in each. No context of the extension (its service worker, its pages, its content scripts) makes
// a network request, and no draft is stored anywhere the extension can write.
//
// How requests are told apart: the page's own requests are what the same session asks for with no
// extension loaded (a baseline browser). Every request the browser reports (pages and workers,
// through playwright), and every request the fixture server receives, must be one of those, or a
// chrome-extension:// URL of the extension's own files, which is read from the installed package and
// is not a network request.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './browser.mjs';
import { sharedBrowser, applyFix, findingCard, waitForVerdict } from './helpers.mjs';
import { timelinePosts } from './fixtures/timeline-posts.mjs';

const EDITOR = '[data-testid="tweetTextarea_0"]';
// An unflagged word that exists only in the draft, and words of a post: stored, they would show
// that a draft or the timeline was kept.
const MARKER = 'zebracorn';
const DRAFT = `Project Falcon ships next week, ${MARKER} says you fucking idiots`;
const POST_WORDS = 'bricked itself after the latest update';

/** What a user does on x.com: read the whole timeline (until riskhint labelled each post, if it
 * runs), then type a draft. */
async function browseAndType(page, { labelled = false } = {}) {
  for (const post of timelinePosts) {
    const article = page.locator('article[data-testid="tweet"]').filter({ has: page.locator(`a[href*="/status/${post.id}"]`) }).first();
    await article.scrollIntoViewIfNeeded();
    if (labelled) await page.waitForFunction((el) => el.hasAttribute('data-riskhint-labels'), await article.elementHandle(), { timeout: 15_000 });
  }
  await page.mouse.wheel(0, -100_000);
  await page.locator(EDITOR).click();
  await page.keyboard.type(DRAFT);
}

/** The page's own requests: the same browsing with no extension. */
async function pageOwnRequests() {
  const baseline = await launch({ dist: null });
  try {
    const page = await baseline.page('/home');
    await browseAndType(page);
    await page.waitForLoadState('networkidle');
    return { urls: new Set(baseline.requests), paths: new Set(baseline.server.requests) };
  } finally {
    await baseline.close();
  }
}

const browser = sharedBrowser();

test('a whole session makes no network request from any extension context, and stores no draft', async () => {
  const own = await pageOwnRequests();

  // The timeline, the composer: a fix applied, a finding ignored.
  const x = await browser.page('/home');
  await browseAndType(x, { labelled: true });
  await waitForVerdict(x, EDITOR, 'block');
  await applyFix(x, EDITOR, 'fucking', 'TONE001');
  await x.waitForFunction(() => !window.__composer.text().includes('fucking'));
  await waitForVerdict(x, EDITOR, 'block');
  await (await findingCard(x, EDITOR, 'idiots', 'TONE002')).locator('[data-riskhint-ui="ignore"]').click();
  await x.waitForSelector(`${EDITOR}:not([data-riskhint-pending])[data-riskhint-verdict]`);

  // The popup for that tab (a role chosen), and the options page (a language chosen).
  const worker = await browser.worker();
  const [tab] = await worker.evaluate(() => chrome.tabs.query({ url: 'https://x.com/home' }));
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${browser.extensionId}/popup/popup.html?tab=${tab.id}`);
  await popup.locator('#role').selectOption('pr');
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options/options.html`);
  await options.locator('#rule-rows details').first().waitFor();
  await Promise.all([options.waitForEvent('load'), options.locator('#language').selectOption('en')]);
  await options.locator('#rule-rows details').first().waitFor();
  // Settings reach chrome.storage.sync half a second after a change.
  for (let i = 0; i < 50 && !(await worker.evaluate(() => chrome.storage.local.get('syncState'))).syncState?.ok; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await x.waitForLoadState('networkidle');

  // Requests: only the page's own, and the extension's own files.
  const extensionFiles = `chrome-extension://${browser.extensionId}/`;
  const foreign = browser.requests.filter((url) => !url.startsWith(extensionFiles) && !own.urls.has(url));
  assert.deepEqual(foreign, [], 'requests the page itself does not make');
  assert.deepEqual(browser.server.requests.filter((p) => !own.paths.has(p)), [], 'requests the site received that the page itself does not make');

  // Storage: settings and ignored findings only; no draft, no post.
  const everywhere = await worker.evaluate(async () => ({
    local: await chrome.storage.local.get(null),
    sync: await chrome.storage.sync.get(null),
    session: await chrome.storage.session.get(null),
  }));
  Object.assign(everywhere, await options.evaluate(async () => ({
    localStorage: { ...localStorage },
    sessionStorage: { ...sessionStorage },
    indexedDB: (await indexedDB.databases()).map((db) => db.name),
    caches: await caches.keys(),
  })));
  const SETTINGS = ['policy', 'rulesOff', 'ignored', 'role', 'language', 'crisisMode', 'pausedSites'];
  const BOOKKEEPING = ['settingsVersion', 'settingsChangedAt', 'settingsBackup', 'syncState', 'policyState', 'policyError', 'lastGoodPolicy', 'managedPolicy'];
  const unknown = Object.keys(everywhere.local).filter((key) => !SETTINGS.includes(key) && !BOOKKEEPING.includes(key));
  assert.deepEqual(unknown, [], 'local storage holds settings and their bookkeeping only');
  assert.equal(everywhere.local.role, 'pr');
  assert.equal(everywhere.local.language, 'en');
  assert.deepEqual(everywhere.local.ignored.map(({ code, text }) => ({ code, text })), [{ code: 'TONE002', text: 'idiots' }], 'an ignored finding keeps its own words only');
  assert.deepEqual([everywhere.session, everywhere.localStorage, everywhere.sessionStorage, everywhere.indexedDB, everywhere.caches], [{}, {}, {}, [], []]);
  const stored = JSON.stringify(everywhere);
  for (const words of [MARKER, 'Project Falcon ships', POST_WORDS]) assert.ok(!stored.includes(words), `"${words}" is stored`);
  assert.ok(Object.keys(everywhere.sync).length > 0, 'the settings were synced (so sync was looked at with something in it)');
});
