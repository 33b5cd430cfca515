// `./build.sh demo`: Chromium with the extension from dist/ on the local demo timeline and composer
// (the same X-shaped pages the tests use, served as https://x.com from this machine).
// With a display, the browser opens for you to try; close it to end. Without one (or with
// RISKHINT_HEADLESS=1) it runs headless, prints what riskhint annotated, and saves screenshots to demo/.

import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './browser.mjs';
import { timelinePosts } from './fixtures/timeline-posts.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = path.join(REPO, 'demo');
const headless = !process.env.DISPLAY || process.env.RISKHINT_HEADLESS === '1';
const DRAFT = 'Big news: Project Falcon ships March 14. Call me on 010-1234-5678, you fucking legends';

const browser = await launch({ headless });
const page = await browser.page('/home');

if (!headless) {
  console.log('Chromium is open on https://x.com/home (served locally) with riskhint loaded.');
  console.log('Hover a badge, type in the composer, click an underlined word. Close the browser to end.');
  await new Promise((resolve) => browser.context.on('close', resolve));
  await browser.server.close();
  process.exit(0);
}

await mkdir(OUT, { recursive: true });
await page.setViewportSize({ width: 1280, height: 900 });

console.log('Timeline (https://x.com/home):');
for (const post of timelinePosts) {
  const article = page.locator('article[data-testid="tweet"]').filter({ has: page.locator(`a[href*="/status/${post.id}"]`) }).first();
  await article.scrollIntoViewIfNeeded();
  await page.waitForFunction((el) => el.hasAttribute('data-riskhint-labels'), await article.elementHandle(), { timeout: 15_000 });
  const labels = (await article.getAttribute('data-riskhint-labels')) || '(none)';
  const risk = await article.getAttribute('data-riskhint-risk');
  console.log(`  ${post.id.slice(-3)}  risk ${risk.padStart(3)}  ${labels.padEnd(48)}  ${post.text.slice(0, 60)}`);
}

const crisis = timelinePosts.find((p) => p.text.includes('폭발'));
const badge = page.locator('article[data-testid="tweet"]').filter({ has: page.locator(`a[href*="/status/${crisis.id}"]`) }).locator('[data-riskhint-ui="badge"]');
await badge.scrollIntoViewIfNeeded();
await badge.hover();
await page.locator('[data-riskhint-ui="post-card"]').waitFor();
await page.screenshot({ path: path.join(OUT, 'timeline.png') });

await page.mouse.move(0, 0);
await page.evaluate(() => scrollTo(0, 0));
await page.locator('[data-testid="tweetTextarea_0"]').click();
await page.keyboard.type(DRAFT);
await page.waitForSelector('[data-testid="tweetTextarea_0"][data-riskhint-verdict="block"]:not([data-riskhint-pending])', { timeout: 15_000 });
await page.locator('[data-riskhint-ui="pill"]').click();
await page.locator('[data-riskhint-ui="finding-list"]').waitFor();
const findings = await page.locator('[data-riskhint-ui="finding"]').allTextContents();
await page.screenshot({ path: path.join(OUT, 'composer.png') });
await page.locator('[data-riskhint-ui="finding"]').first().click();
await page.locator('[data-riskhint-ui="finding-card"]').waitFor();
await page.screenshot({ path: path.join(OUT, 'composer-card.png') });
await page.locator('[data-testid="tweetButtonInline"]').click();
await page.locator('[data-riskhint-ui="review"]').waitFor();
await page.screenshot({ path: path.join(OUT, 'review.png') });

console.log(`\nComposer draft: “${DRAFT}”`);
console.log(`  verdict: ${await page.locator('[data-testid="tweetTextarea_0"]').getAttribute('data-riskhint-verdict')}`);
for (const f of findings) console.log(`  ${f}`);
console.log(`\nScreenshots: ${OUT}/{timeline,composer,composer-card,review}.png`);
await browser.close();
