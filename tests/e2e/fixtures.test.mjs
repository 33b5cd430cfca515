// Self-test of the end-to-end infrastructure (server.mjs, browser.mjs, fixtures/) WITHOUT riskhint:
// a throwaway MV3 extension proves that content scripts run on https://x.com, that the fixture pages
// look and behave like X (real captures, virtualised timeline, real DraftJS composer), that the service
// worker can be stopped and is restarted by a message, and that no request leaves the local server.
// Run: node --test tests/e2e/fixtures.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launch, stopServiceWorker, serviceWorkerRunning } from './browser.mjs';
import { CSP } from './server.mjs';
import { timelinePosts, morePosts, statusReply } from './fixtures/timeline-posts.mjs';
import { VIRTUAL_COUNT, virtualId, virtualPost, virtualComplaintIds } from './fixtures/virtual-posts.mjs';

// The throwaway extension: a module service worker that answers pings with its start time (a new
// value after each restart), and a content script that marks the page and relays pings from it.
const THROWAWAY = {
  'manifest.json': JSON.stringify({
    manifest_version: 3,
    name: 'riskhint e2e throwaway',
    version: '1.0',
    background: { service_worker: 'sw.js', type: 'module' },
    host_permissions: ['https://x.com/*'],
    content_scripts: [{ matches: ['https://x.com/*'], js: ['cs.js'] }],
  }),
  'sw.js': `
    const startedAt = Date.now() + '-' + Math.random();
    globalThis.startedAt = startedAt;
    chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
      if (message?.type !== 'ping') return;
      fetch('https://x.com/img.png?from=worker').then(() => sendResponse({ startedAt }));
      return true;
    });`,
  'cs.js': `
    document.documentElement.dataset.csRan = '1';
    document.addEventListener('fixture-ping', async () => {
      const reply = await chrome.runtime.sendMessage({ type: 'ping' });
      document.documentElement.dataset.swStartedAt = reply.startedAt;
    });`,
};

let browser;
let extDir;

before(async () => {
  extDir = await mkdtemp(path.join(tmpdir(), 'riskhint-throwaway-'));
  for (const [name, text] of Object.entries(THROWAWAY)) await writeFile(path.join(extDir, name), text);
  browser = await launch({ dist: extDir });
});

after(async () => {
  await browser?.close();
  await rm(extDir, { recursive: true, force: true });
});

const articleOf = (page, post) => page.locator(`article[data-testid="tweet"]:has(a[href="/${post.handle}/status/${post.id}"])`);

// The post's own text, not its quoted post's (which sits in a div[role=link]).
const outerText = (article) => article.evaluate((a) => [...a.querySelectorAll('[data-testid="tweetText"]')].find((t) => !t.closest('div[role="link"]'))?.innerText);
const quotedText = (article) => article.locator('div[role="link"] [data-testid="tweetText"]').innerText();
// (The sample capture also has a div[role=link] without text: the affiliate badge in User-Name.)

async function until(fn, what, timeout = 5_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

test('/home loads as https://x.com/home under x.com-like CSP, and the content script runs there', async () => {
  const page = await browser.context.newPage();
  const response = await page.goto('https://x.com/home');
  assert.equal(page.url(), 'https://x.com/home');
  assert.equal(response.headers()['content-security-policy'], CSP);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.csRan), '1');
  // The CSP is enforced, as on x.com: no inline script, no WebAssembly in the page.
  const inlineRan = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.head.append(script);
    return window.__inlineRan ?? false;
  });
  assert.equal(inlineRan, false);
  const wasm = await page.evaluate(() => WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])).then(() => 'compiled', (e) => e.message));
  assert.match(wasm, /Content Security Policy|unsafe-eval/);
  await page.close();
});

test('/home shows every timeline post with its id, handle, text and counts', async () => {
  const page = await browser.page('/home');
  const timeline = page.locator('div[data-testid="primaryColumn"] section > h1 + div[aria-label="Timeline: Your Home Timeline"] > div');
  assert.equal(await timeline.locator('> div[data-testid="cellInnerDiv"]').count(), timelinePosts.length);
  assert.equal(await page.locator('article[data-testid="tweet"]').count(), timelinePosts.length);
  for (const post of timelinePosts) {
    const article = articleOf(page, post);
    assert.equal(await article.count(), 1, `article of ${post.id}`);
    // The permalink wraps <time>; in the focused-post capture (tweet-sample) it sits outside User-Name.
    assert.equal(await article.locator(`a[href="/${post.handle}/status/${post.id}"] > time[datetime]`).count(), 1);
    assert.equal(await outerText(article), post.text);
    assert.equal(await article.locator('[data-testid="User-Name"]').first().locator(`text=@${post.handle}`).count(), 1);
    const c = post.counts;
    assert.equal(await article.locator('[role="group"]').getAttribute('aria-label'), `${c.replies} replies, ${c.reposts} reposts, ${c.likes} likes, ${c.bookmarks} bookmarks, ${c.views} views`);
    assert.equal(await article.locator('[data-testid="reply"]').getAttribute('aria-label'), `${c.replies} Replies. Reply`);
    assert.equal(await article.locator('[data-testid="like"]').getAttribute('aria-label'), `${c.likes} Likes. Like`);
    if (post.quote) assert.equal(await quotedText(article), post.quote.text);
    else assert.equal(await article.locator('[data-testid="tweetText"]').count(), 1);
  }
  // Korean posts carry lang="ko" as X sets it.
  assert.equal(await articleOf(page, timelinePosts[1]).locator('[data-testid="tweetText"]').getAttribute('lang'), 'ko');
  await page.close();
});

test('the promoted post has an ANCESTOR placementTracking; the video quote only a descendant one', async () => {
  const page = await browser.page('/home');
  const promoted = await page.evaluate(() =>
    [...document.querySelectorAll('article[data-testid="tweet"]')]
      .filter((a) => a.closest('[data-testid="placementTracking"]'))
      .map((a) => a.querySelector('a[href*="/status/"]').getAttribute('href')));
  const expected = timelinePosts.filter((p) => p.promoted).map((p) => `/${p.handle}/status/${p.id}`);
  assert.deepEqual(promoted, expected);
  assert.equal(await articleOf(page, timelinePosts.find((p) => p.promoted)).getByText('Ad', { exact: true }).count(), 1);
  const video = articleOf(page, timelinePosts.find((p) => p.capture === 'tweet-quote-video.html'));
  assert.equal(await video.locator('[data-testid="placementTracking"] video').count(), 1);
  await page.close();
});

test('markup in a post is shown as text and never runs', async () => {
  const page = await browser.page('/home');
  const post = timelinePosts.find((p) => p.text.includes('onerror'));
  const tweetText = articleOf(page, post).locator('[data-testid="tweetText"]');
  assert.equal(await tweetText.innerText(), post.text);
  assert.equal(await tweetText.locator('img, script').count(), 0);
  assert.equal(await page.evaluate(() => typeof window.__pwned), 'undefined');
  await page.close();
});

test('"Load more" appends three posts without a reload; a status page shows post and reply', async () => {
  const page = await browser.page('/home');
  await page.evaluate(() => { window.__sameDocument = true; });
  await page.click('#load-more');
  assert.equal(await page.locator('article[data-testid="tweet"]').count(), timelinePosts.length + morePosts.length);
  for (const post of morePosts) assert.equal(await outerText(articleOf(page, post)), post.text);
  assert.equal(await page.evaluate(() => window.__sameDocument), true);

  const post = timelinePosts[0];
  await articleOf(page, post).locator(`a[href="/${post.handle}/status/${post.id}"]`).click();
  await page.waitForURL(`https://x.com/${post.handle}/status/${post.id}`);
  const conversation = page.locator('section > h1 + div[aria-label="Timeline: Conversation"] article[data-testid="tweet"]');
  assert.equal(await conversation.count(), 2);
  assert.equal(await outerText(articleOf(page, post)), post.text);
  assert.equal(await outerText(articleOf(page, statusReply)), statusReply.text);
  await page.close();
});

test('/virtual keeps only nearby cells, re-creates them on scroll, and reaches post 999', async () => {
  const page = await browser.page('/virtual');
  const articles = page.locator('article[data-testid="tweet"]');
  const count = await articles.count();
  assert.ok(count > 0 && count < 60, `${count} articles in the DOM`);
  assert.equal(await outerText(articleOf(page, virtualPost(0))), virtualPost(0).text);
  assert.match(await page.locator('[data-testid="cellInnerDiv"]').first().getAttribute('style'), /translateY\(0px\)/);
  await page.evaluate(() => { document.querySelector('[data-testid="cellInnerDiv"]').__seen = true; });

  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  const last = virtualPost(VIRTUAL_COUNT - 1);
  await page.locator(`a[href="/${last.handle}/status/${virtualId(999)}"]`).waitFor();
  assert.equal(last.id, '1800000000000000999');
  assert.equal(await outerText(articleOf(page, last)), 'Lunch at the new ramen place #999');
  assert.ok((await articles.count()) < 60);
  assert.equal(await articleOf(page, virtualPost(0)).count(), 0);

  await page.evaluate(() => window.scrollTo(0, 0));
  await articleOf(page, virtualPost(0)).waitFor();
  const recreated = await page.evaluate(() => !document.querySelector('[data-testid="cellInnerDiv"]').__seen);
  assert.equal(recreated, true, 'the cell of post 0 is a new element after scrolling back');
  assert.equal(virtualComplaintIds().length, 200);

  // window.scrollToPost(i) renders post i's cell before it returns.
  await page.evaluate(() => window.scrollToPost(503));
  assert.equal(await outerText(articleOf(page, virtualPost(503))), virtualPost(503).text);
  await page.close();
});

// Selects `word` in the editor with the Selection API, waits a tick (DraftJS adopts the selection on
// selectionchange, a task later), then dispatches a synthetic paste: the path the extension uses.
async function pasteOver(page, word, replacement) {
  await page.evaluate(async ([word, replacement]) => {
    const editor = document.querySelector('[data-testid="tweetTextarea_0"]');
    editor.focus();
    const walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode()) && !node.nodeValue.includes(word));
    const start = node.nodeValue.indexOf(word);
    const range = document.createRange();
    range.setStart(node, start);
    range.setEnd(node, start + word.length);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    await new Promise((resolve) => setTimeout(resolve, 0));
    const data = new DataTransfer();
    data.setData('text/plain', replacement);
    editor.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, [word, replacement]);
}

test('home composer: DraftJS state drives the Post button and counter; paste, undo and Ctrl+Enter work', async () => {
  const page = await browser.page('/home');
  const editor = page.locator('[data-testid="tweetTextarea_0RichTextInputContainer"] [data-testid="tweetTextarea_0"]');
  const postButton = page.locator('button[data-testid="tweetButtonInline"]');
  const counter = page.locator('[data-testid="char-count"]');
  const draftText = () => page.evaluate(() => window.__composer.text());

  assert.equal(await editor.getAttribute('role'), 'textbox');
  assert.match(await editor.getAttribute('class'), /public-DraftEditor-content/);
  assert.equal(await page.getByText('What is happening?!').count(), 1);
  assert.equal(await postButton.getAttribute('aria-disabled'), 'true');
  assert.equal(await postButton.isDisabled(), true);

  await editor.click();
  await page.keyboard.type('Hanbit support is awful today');
  assert.equal(await draftText(), 'Hanbit support is awful today');
  assert.equal(await counter.innerText(), '29');
  assert.equal(await postButton.getAttribute('aria-disabled'), 'false');

  await pasteOver(page, 'awful', 'slow');
  await until(async () => (await draftText()) === 'Hanbit support is slow today', 'the paste in DraftJS state');
  assert.equal(await editor.innerText(), 'Hanbit support is slow today');
  assert.equal(await counter.innerText(), '28');
  assert.equal(await page.evaluate(() => window.__composer.canUndo()), true);

  await editor.focus();
  await page.keyboard.press('Control+z');
  await until(async () => (await draftText()) === 'Hanbit support is awful today', 'undo of the paste');
  assert.equal(await counter.innerText(), '29');

  await page.keyboard.press('Control+Enter');
  await until(async () => (await page.locator('#posted li').count()) === 1, 'the post');
  assert.equal(await page.locator('#posted li').innerText(), 'Hanbit support is awful today');
  assert.equal(await draftText(), '');
  assert.equal(await counter.innerText(), '0');
  assert.equal(await postButton.isDisabled(), true);

  // The button follows DraftJS after a paste too: whitespace only is not postable.
  await editor.click();
  await page.keyboard.type('x');
  assert.equal(await postButton.isDisabled(), false);
  await pasteOver(page, 'x', '   ');
  await until(async () => (await draftText()) === '   ', 'the whitespace paste');
  assert.equal(await postButton.getAttribute('aria-disabled'), 'true');
  await page.close();
});

test('/compose/post: the composer in a #layers dialog posts with its tweetButton', async () => {
  const page = await browser.page('/compose/post');
  const dialog = page.locator('#layers [role="dialog"][aria-modal="true"]');
  await dialog.locator('[data-testid="tweetTextarea_0"]').click();
  await page.keyboard.type('노바 X1 정말 좋아요');
  const postButton = dialog.locator('button[data-testid="tweetButton"]');
  assert.equal(await postButton.getAttribute('aria-disabled'), 'false');
  await postButton.click();
  assert.equal(await dialog.locator('#posted li').innerText(), '노바 X1 정말 좋아요');
  assert.equal(await page.evaluate(() => window.__composer.text()), '');
  await page.close();
});

test('a stopped service worker is gone, and a message from the content script restarts it', async () => {
  const page = await browser.page('/blank');
  const ping = async () => {
    await page.evaluate(() => {
      delete document.documentElement.dataset.swStartedAt;
      document.dispatchEvent(new Event('fixture-ping'));
    });
    await page.waitForFunction(() => document.documentElement.dataset.swStartedAt, null, { timeout: 10_000 });
    return page.evaluate(() => document.documentElement.dataset.swStartedAt);
  };
  const first = await ping();
  assert.equal(await (await browser.worker()).evaluate(() => globalThis.startedAt), first);

  assert.equal(await stopServiceWorker(browser.context, browser.extensionId), true);
  assert.equal(await serviceWorkerRunning(browser.context, browser.extensionId), false);

  const second = await ping();
  assert.notEqual(second, first, 'a fresh worker instance answered');
  assert.equal(await serviceWorkerRunning(browser.context, browser.extensionId), true);
  assert.equal(await (await browser.worker()).evaluate(() => globalThis.startedAt), second);
  await page.close();
});

test('twitter.com reaches the fixture server too', async () => {
  const page = await browser.context.newPage();
  await page.goto('https://twitter.com/blank');
  assert.equal(await page.locator('p').innerText(), 'blank');
  await page.close();
});

// Last: covers every request of the tests above.
test('no request left the local server', () => {
  const local = /^(https:\/\/(x|twitter)\.com\/|chrome-extension:\/\/|data:|about:)/;
  assert.deepEqual(browser.requests.filter((url) => !local.test(url)), []);
  assert.ok(browser.requests.includes('https://x.com/img.png?from=worker'), 'service-worker requests are recorded too');
  assert.ok(browser.server.requests.includes('/home'));
  assert.ok(browser.server.requests.includes('/vendor/draft-js/dist/Draft.js'));
});
