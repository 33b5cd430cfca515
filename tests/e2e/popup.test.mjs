// The popup, PR staff's view of the current tab: its counts match what the page shows, it lists
// the riskiest posts and shows one on click, it exports what was flagged, and its controls
// (pause, role, crisis mode) change the open tab without a reload.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { sharedBrowser, waitForVerdict, underlines, SCREENSHOTS } from './helpers.mjs';
import { timelinePosts } from './fixtures/timeline-posts.mjs';

const EDITOR = '[data-testid="tweetTextarea_0"]';
let page;
let popup;
const browser = sharedBrowser(async (launched) => {
  page = await launched.page('/home');
  // Scroll through the timeline so that every post is labelled, as a reader would.
  for (const p of timelinePosts) {
    const article = page.locator('article[data-testid="tweet"]').filter({ has: page.locator(`a[href*="/status/${p.id}"]`) }).first();
    await article.scrollIntoViewIfNeeded();
    await page.waitForFunction((el) => el.hasAttribute('data-riskhint-labels'), await article.elementHandle(), { timeout: 15_000 });
  }
  popup = await openPopup('https://x.com/home');
}, { tiers: 'fast' });

/** The popup for the tab showing `url` (popup.html?tab= is how it is opened outside the toolbar). */
async function openPopup(url) {
  const worker = await browser.worker();
  const [tab] = await worker.evaluate((u) => chrome.tabs.query({ url: u }), url);
  const view = await browser.context.newPage();
  await view.setViewportSize({ width: 390, height: 820 });
  await view.goto(`chrome-extension://${browser.extensionId}/popup/popup.html?tab=${tab.id}`);
  return view;
}

/** What the page itself shows: the labels and risk of every labelled post element. */
const pageAnnotations = () => page.$$eval('[data-riskhint-labels]', (els) => els
  .map((el) => ({ labels: el.getAttribute('data-riskhint-labels').split(' ').filter(Boolean), risk: Number(el.getAttribute('data-riskhint-risk')) }))
  .filter((a) => a.labels.length));

test('the counts per label and per risk band match the posts labelled on the page', async () => {
  const seen = await pageAnnotations();
  await popup.locator('#summary:not([hidden])').waitFor();
  assert.match(await popup.locator('#totals').textContent(), new RegExp(`^${seen.length} `));
  for (const label of ['complaint', 'hostile', 'crisis-signal', 'brand-mention', 'media-inquiry', 'possible-leak', 'undisclosed-promotion']) {
    const expected = seen.filter((a) => a.labels.includes(label)).length;
    assert.equal(await popup.locator(`#chart li[data-label="${label}"] .count`).textContent(), String(expected), label);
  }
  const high = seen.filter((a) => a.risk >= 70).length;
  assert.match(await popup.locator('[data-band="high"]').textContent(), new RegExp(` ${high}$`));
  const risks = (await popup.locator('#posts .risk').allTextContents()).map(Number);
  assert.deepEqual(risks, [...risks].sort((a, b) => b - a), 'riskiest first');
  assert.equal(risks[0], Math.max(...seen.map((a) => a.risk)));
  await popup.screenshot({ path: `${SCREENSHOTS}popup.png` });
});

test('the filter keeps the riskier posts, and exports contain exactly the flagged posts shown', async () => {
  const seen = await pageAnnotations();
  await popup.locator('#filter').selectOption('70');
  const high = seen.filter((a) => a.risk >= 70).length;
  assert.match(await popup.locator('#totals').textContent(), new RegExp(`^${high} `));
  assert.ok(high < seen.length, 'the fixture has posts below 70');

  const [csvDownload] = await Promise.all([popup.waitForEvent('download'), popup.locator('#export-csv').click()]);
  const csv = await readFile(await csvDownload.path(), 'utf8');
  const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
  // The CSV is for people, in the UI's words; the JSON below keeps the machine names.
  assert.equal(lines[0], 'ID,URL,Author,Text,Labels,Risk,Replies,Reposts,Likes,Views,Ad,Seen at');
  assert.equal(lines.length - 1, high);
  const leak = timelinePosts.find((p) => p.expect.includes('possible-leak'));
  assert.ok(lines.some((l) => l.startsWith(`${leak.id},https://x.com/home,`) && l.includes('"Possible leak, Brand mention"')), 'the leak is exported with its labels');

  const [jsonDownload] = await Promise.all([popup.waitForEvent('download'), popup.locator('#export-json').click()]);
  const rows = JSON.parse(await readFile(await jsonDownload.path(), 'utf8'));
  assert.equal(rows.length, high);
  const crisis = rows.find((r) => r.labels.includes('crisis-signal'));
  assert.ok(crisis.text.includes('폭발') && crisis.views > 1_000_000, JSON.stringify(crisis));
  await popup.locator('#filter').selectOption('0');
});

test('clicking a post in the popup scrolls the page to it and opens its card', async () => {
  await page.evaluate(() => scrollTo(0, 0));
  const first = popup.locator('#posts button').first();
  const id = await first.getAttribute('data-id');
  await first.click();
  await page.locator('[data-riskhint-ui="post-card"]').waitFor();
  const inView = await page.locator(`[data-riskhint-id="${id}"]`).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.bottom > 0 && r.top < innerHeight;
  });
  assert.ok(inView, `post ${id} is on screen`);
});

test('the role and crisis mode set in the popup change the open draft without a reload', async () => {
  await page.locator(EDITOR).click();
  await page.keyboard.type("We're planning layoffs in the mobile unit next month. lol 😂");
  const verdict = (v) => waitForVerdict(page, EDITOR, v);
  await verdict('ok'); // an employee's note on layoffs is only a hint
  await popup.locator('#role').selectOption('executive');
  await verdict('review'); // an executive speaks for the company
  await popup.locator('#role').selectOption('employee');
  await verdict('ok');
  await popup.locator('#crisis').check();
  await verdict('review'); // no jokes or laughing emoji during a crisis
  assert.ok((await underlines(page)).warn > 0);
  await popup.locator('#crisis').uncheck();
  await verdict('ok');
});

test('pausing on this site removes every mark at once, and resuming brings them back', async () => {
  await popup.locator('#pause').check();
  await page.waitForFunction(() => !document.querySelector('[data-riskhint-labels], [data-riskhint-host="badge"], [data-riskhint-verdict]'));
  await popup.locator('#pause').uncheck();
  await page.waitForSelector('[data-riskhint-labels]', { timeout: 15_000 });
  await page.waitForSelector(`${EDITOR}[data-riskhint-verdict]`, { timeout: 15_000 });
});

test('on a page whose layout it does not recognise, the popup says so', async () => {
  const blank = await browser.page('/blank');
  const view = await openPopup('https://x.com/blank');
  await view.locator('#notice:not([hidden])').waitFor();
  assert.match(await view.locator('#notice').textContent(), /recognise/);
  await view.close();
  await blank.close();
});

test('with Korean chosen in options, the popup speaks Korean: chart labels, bands, and the CSV export', async () => {
  // (From the popup, an extension page: a stopped worker's evaluate() would hang.)
  await popup.evaluate(() => chrome.storage.local.set({ language: 'ko' }));
  // The page relabels the posts in view in Korean; the popup summarises those.
  await page.waitForFunction(() => [...document.querySelectorAll('[data-riskhint-host="badge"]')].some((host) => /\p{Script=Hangul}/u.test(host.shadowRoot?.textContent ?? '')), null, { timeout: 15_000 });
  const view = await openPopup('https://x.com/home');
  try {
    await view.locator('#summary:not([hidden])').waitFor();
    assert.equal(await view.locator('#chart li[data-label="crisis-signal"] span').first().textContent(), '위기 신호');
    assert.equal(await view.locator('#chart li[data-label="possible-leak"] span').first().textContent(), '유출 가능성');
    assert.match(await view.locator('[data-band="high"]').textContent(), /^높음 \d+$/);
    const [download] = await Promise.all([view.waitForEvent('download'), view.locator('#export-csv').click()]);
    const csv = (await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '');
    assert.equal(csv.split('\r\n')[0], '게시물 ID,페이지 주소,작성자,내용,라벨,위험도,답글,공유,좋아요,조회수,광고,확인 시각');
    // Each post's labels by their Korean names, then its risk; the time it was seen as a Korean
    // reader writes it ("2026. 12. 4. 오후 4:40").
    const names = (await view.locator('#chart li span:first-child').allTextContents()).join('|');
    const row = new RegExp(`,"?(${names})(, (${names}))*"?,\\d+,\\d+,\\d+,\\d+,\\d+,(예|아니요),\\d{4}\\. \\d{1,2}\\. \\d{1,2}\\. (오전|오후) \\d{1,2}:\\d{2}\\r\\n`);
    assert.match(csv, row);
  } finally {
    await view.evaluate(() => chrome.storage.local.remove('language'));
    await view.close();
  }
});
