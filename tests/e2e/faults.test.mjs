// Faults: the browser stops the service worker (CDP Target.closeTarget on its target, as Chromium's
// idle timeout does) while the user types, as the last key is checked, and while the timeline
// scrolls. The page keeps working and ends as if nothing happened: the final draft gets the same
// findings as without the stops, every post in view exactly one badge with the labels of the
// policy set before, and the settings are what they were. Settings too large for
// chrome.storage.sync stay in force from this browser, and the options page says so.
//
// What the stops reach: Chromium finishes starting a worker that a message woke before it honours
// the stop, and a warm worker answers in 2-20 ms, so here no message was lost in flight (client.js
// retries if one is). What these tests catch is a page or worker that does not come back whole:
// e.g. a restarted worker without the user's policy fails both.
// Upgrades from older settings: settings.test.mjs (0.1.0's layout, in the browser).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stopServiceWorker, serviceWorkerRunning } from './browser.mjs';
import { sharedBrowser, redraft, annotation } from './helpers.mjs';
import { virtualId, virtualKind } from './fixtures/virtual-posts.mjs';

const EDITOR = '[data-testid="tweetTextarea_0"]';
const SETTINGS = { role: 'pr', rulesOff: ['PII003'], policy: '{"confidential": {"codenames": ["Project Zephyr"]}}' };
const browser = sharedBrowser(async (launched) => {
  await (await launched.worker()).evaluate((settings) => chrome.storage.local.set(settings), SETTINGS);
}, { tiers: 'fast' });

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Marks the running worker; a worker started after a stop has no mark. */
const markWorker = async () => (await browser.worker()).evaluate(() => { globalThis.riskhintTestMark = true; });
const workerWasRestarted = async () => (await (await browser.worker()).evaluate(() => globalThis.riskhintTestMark)) !== true;

/** Stops the worker while messages keep waking it: a restarted worker may come back under the same
 * target before stopServiceWorker sees it gone, which is a stop all the same (workerWasRestarted). */
async function stopWorker() {
  return stopServiceWorker(browser.context, browser.extensionId).catch((error) => {
    if (!/still running/.test(error.message)) throw error;
    return true;
  });
}

/** Stops the worker whenever it starts, for `ms`; resolves how many times it was stopped. */
async function keepStoppingWorker(ms) {
  let stops = 0;
  for (const deadline = Date.now() + ms; Date.now() < deadline;) if (await stopWorker()) stops++;
  return stops;
}
/** The settings in storage, read from an extension page (which does not wake the worker). */
async function storedSettings() {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/popup/popup.html`);
  const settings = await page.evaluate((keys) => chrome.storage.local.get(keys), Object.keys(SETTINGS));
  await page.close();
  return settings;
}

/** The draft's findings as the pill lists them (rule and words), and its underlines. */
async function findingsShown(page) {
  await page.locator('[data-riskhint-ui="pill"]').click();
  const items = page.locator('[data-riskhint-ui="finding"]');
  await items.first().waitFor();
  const listed = await items.evaluateAll((els) => els.map((el) => `${el.dataset.code}: ${el.textContent}`));
  await page.keyboard.press('Escape');
  const underlined = await page.evaluate(() => ['block', 'warn', 'info'].map((s) => CSS.highlights.get(`riskhint-${s}`)?.size ?? 0));
  return { listed, underlined };
}

test('the worker stopped while the user types, and as the last key is checked: typing goes on, and the final text gets the same findings as without', async () => {
  // The phone number is complete only with the last key: only the final text's check finds it.
  const draft = 'Project Zephyr ships next week, you fucking idiots. 노바 X1 출시일은 비밀입니다. Call me at 010-1234-5678';
  const page = await browser.page('/home');
  assert.equal(await redraft(page, EDITOR, draft), 'block');
  const undisturbed = await findingsShown(page);
  assert.ok(undisturbed.listed.some((f) => f.includes('Project Zephyr')), 'the policy set before is in force');

  await page.locator(EDITOR).click();
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Backspace');
  await markWorker();
  const typing = page.keyboard.type(draft.slice(0, -1), { delay: 15 });
  await sleep(400);
  await stopWorker();
  await sleep(500);
  await stopWorker();
  await typing;
  // The last key wakes a stopped worker, which is stopped again whenever it starts for a while:
  // that check's message dies with it, and only a later try brings the final verdict.
  await stopWorker();
  await page.keyboard.type(draft.slice(-1));
  assert.ok(await keepStoppingWorker(400) > 0, 'the worker woken by the last key was stopped');
  assert.equal(await page.evaluate(() => window.__composer.text()), draft, 'every keystroke reached the editor');
  await page.waitForSelector(`${EDITOR}:not([data-riskhint-pending])[data-riskhint-findings="${undisturbed.listed.length}"]`, { timeout: 15_000 });
  assert.ok(await workerWasRestarted(), 'the worker was stopped while typing');
  assert.deepEqual(await findingsShown(page), undisturbed, 'no finding lost or doubled');
  assert.deepEqual(await storedSettings(), SETTINGS);
  await page.close();
});

test('a composer focused while the worker is stopped starts it before the first key, and that worker answers the key', async () => {
  // The worker stops after 30 s without messages; a user coming back to a draft would wait for
  // its start (about a tenth of a second) at the first key. Focus starts it instead.
  const page = await browser.page('/compose/post');
  const editor = page.locator(EDITOR);
  assert.equal(await redraft(page, EDITOR, 'Project Zephyr ships next week.'), 'block');
  await page.evaluate(() => document.activeElement.blur());
  // The page's one request for the semantic tier (40 ms after the verdict; this dist has no
  // encoder, so the answer is "unavailable" and the page asks no more) settles first.
  await sleep(300);
  await stopWorker();
  await sleep(500);
  assert.equal(await serviceWorkerRunning(browser.context, browser.extensionId), false, 'nothing else woke the worker');
  await editor.focus();
  for (const deadline = Date.now() + 5_000; !(await serviceWorkerRunning(browser.context, browser.extensionId));) {
    assert.ok(Date.now() < deadline, 'focusing the composer started the worker');
    await sleep(50);
  }
  await markWorker();
  await page.keyboard.press('End');
  await page.keyboard.type(' Call 010-1234-5678');
  await page.waitForSelector(`${EDITOR}:not([data-riskhint-pending])[data-riskhint-findings="2"]`, { timeout: 15_000 });
  assert.equal(await workerWasRestarted(), false, 'the worker started on focus answered the key');
  await page.close();
});

test('the worker stopped twice mid-scroll: every post in view ends with exactly one badge, the right one', async () => {
  const page = await browser.page('/virtual');
  await page.mouse.move(300, 300);
  await markWorker();
  for (let step = 0; step < 40; step++) {
    await page.mouse.wheel(0, 450);
    await sleep(40);
    if (step === 10 || step === 25) await stopWorker();
  }
  assert.ok(await workerWasRestarted(), 'the worker was stopped while scrolling');
  const inView = await page.$$eval('article[data-testid="tweet"]', (els) => els
    .filter((el) => { const r = el.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight; })
    .map((el) => el.querySelector('a[href*="/status/"]').getAttribute('href').match(/status\/(\d+)/)[1]));
  assert.ok(inView.length > 0);
  const first = Number(BigInt(inView[0]) - 1800000000000000000n);
  assert.ok(first > 20, `the list scrolled (post ${first} in view)`);

  /** The post's labels and riskhint's badges on it, checked against what the post is. */
  const check = async (i) => {
    const article = page.locator('article[data-testid="tweet"]').filter({ has: page.locator(`a[href*="/status/${virtualId(i)}/"], a[href$="/status/${virtualId(i)}"]`) }).first();
    const { labels } = await annotation(article);
    const badges = await article.locator(':scope > [data-riskhint-host="badge"]').count();
    if (virtualKind(i) === 'harmless') {
      assert.deepEqual([labels, badges], [[], 0], `post ${i}`);
    } else {
      // The policy in force names no organisation: a complaint, and no brand mention.
      assert.deepEqual(labels, ['complaint'], `post ${i}`);
      assert.equal(badges, 1, `post ${i} has ${badges} badges`);
    }
  };
  for (const id of inView) await check(Number(BigInt(id) - 1800000000000000000n));
  // The complaints scrolled past while the worker was down are labelled when the reader goes back.
  for (let i = 3; i < first; i += 10) {
    await page.evaluate((n) => window.scrollToPost(n), i);
    await check(i);
  }
  const [tab] = await (await browser.worker()).evaluate(() => chrome.tabs.query({ url: 'https://x.com/virtual' }));
  const { posts } = await (await browser.worker()).evaluate((id) => chrome.tabs.sendMessage(id, { type: 'summary' }), tab.id);
  for (const post of posts) {
    const i = Number(BigInt(post.id) - 1800000000000000000n);
    assert.deepEqual(post.labels, virtualKind(i) === 'harmless' ? [] : ['complaint'], `the popup's row for post ${i}`);
  }
  assert.deepEqual(await storedSettings(), SETTINGS);
  await page.close();
});

test('settings too large for sync: the options page says so, and the policy is in force from this browser', async () => {
  // About 150 KB of codenames: more than chrome.storage.sync holds in all (100 KB).
  const codenames = Array.from({ length: 6000 }, (_, i) => `프로젝트 코드${i}`);
  const policy = JSON.stringify({ confidential: { codenames: ['Project Zephyr', ...codenames] } });
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options/options.html`);
  await options.evaluate((text) => chrome.storage.local.set({ policy: text }), policy);
  const note = options.locator('#sync-state');
  await options.waitForFunction(() => /too large to sync/.test(document.getElementById('sync-state')?.textContent ?? ''), null, { timeout: 15_000 });
  assert.ok(await note.isVisible());
  assert.match(await note.textContent(), /\(\d+ bytes, limit \d+\)\. They are kept in this browser\./);

  const page = await browser.page('/home');
  assert.equal(await redraft(page, EDITOR, '프로젝트 코드5999 다음 주 공개'), 'block', 'the last codename is in force');
  const { policy: stored } = await options.evaluate(() => chrome.storage.local.get('policy'));
  assert.equal(stored, policy, 'the policy is kept whole in this browser');
  const synced = await options.evaluate(() => chrome.storage.sync.get(null));
  assert.ok(!JSON.stringify(synced).includes('코드5999'), 'and not half-written to sync');
  await options.close();
  await page.close();
});
