// The extension in Chromium (Debian's, driven by playwright-core), measured as a user would feel it.
// Not a test: prints figures and writes its section of bench/results.json. ./build.sh bench runs it.
//   node scripts/bench/chromium.mjs DATA_DIR
//
// 1. A virtualised timeline of 2,000 posts (the /virtual fixture, given real English and Korean
//    texts) scrolled top to bottom, once with the extension and once without it:
//    - from a post entering the DOM to riskhint's verdict on it (data-riskhint-labels; its badge
//      appears in the same task), p50/p95;
//    - long tasks (PerformanceObserver 'longtask') in both runs; from a CPU profile of the page, the
//      extension's milliseconds inside each (a task is the extension's doing when it would not be
//      long without them) and the longest unbroken stretch of extension code;
//    - scripting time in the page attributed to the extension (samples with an extension frame);
//    - the page's JS heap after the scroll (with minus without: the content scripts) and the
//      service worker's.
// 2. Keystroke to verdict in the DraftJS composer: keydown to data-riskhint-pending removed,
//    message round trip to the worker included, p50/p95.
// 3. Service-worker cold start: the worker is stopped (CDP), one key typed, time to the verdict.
//    And as a user returning to a draft meets it: the worker stopped while the composer is not
//    focused, the composer focused (which starts the worker), the first key 300 ms later.
// 4. The semantic tier: on the timeline, a post entering the DOM → its labels from both tiers
//    (data-riskhint-tier="semantic"), p50/p95 and how many posts got them while on screen; in the
//    composer, the last key of a 280-character draft → the semantic verdict, p50/p95.

import { existsSync } from 'node:fs';
import path from 'node:path';
import { launch, stopServiceWorker } from '../../tests/e2e/browser.mjs';
import { texts } from '../tsv.mjs';
import { record } from './results.mjs';

const [data = '../shared/data'] = process.argv.slice(2);
const POSTS = 2000;
const STEP_MS = 16; // one post further each frame: about 35 posts a second, a fast flick through a feed
const TYPED = 'Our Q3 revenue is up 40% and this launch is going to crush Falcon, honestly. ';
const COLD_STARTS = 9; // a cold start varies by a fifth between tries on this VM
const SEMANTIC_DRAFTS = 15;
// RISKHINT_DIST without semantic/encoder.bin measures the fast tier alone (the page asks the
// worker once, hears "unavailable", and stops asking).
const SEMANTIC = existsSync(path.join(process.env.RISKHINT_DIST ?? 'dist', 'semantic', 'encoder.bin'));

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.round((sorted.length - 1) * p)] : NaN;
};

// Main-world instrumentation, installed before the page's own scripts.
function instrument(benchTexts) {
  window.riskhintBenchTexts = benchTexts;
  const bench = { entered: new Map(), verdictMs: [], badgedMs: [], longTasks: [], keyDownAt: 0, keyMs: [], enteredAt: new Map(), semanticMs: [], lastKeyAt: 0, draftSemanticMs: [] };
  window.riskhintBench = bench;
  new PerformanceObserver((list) => list.getEntries().forEach((e) => bench.longTasks.push({ start: e.startTime, duration: e.duration }))).observe({ type: 'longtask' });
  document.addEventListener('keydown', () => { bench.keyDownAt = bench.lastKeyAt = performance.now(); }, true);
  new MutationObserver((records) => {
    const now = performance.now();
    for (const r of records) {
      if (r.type === 'childList') {
        for (const node of r.addedNodes) {
          if (!(node instanceof Element)) continue;
          for (const article of node.matches('article') ? [node] : node.querySelectorAll('article')) {
            bench.entered.set(article, now);
            bench.enteredAt.set(article, now);
          }
        }
      } else if (r.attributeName === 'data-riskhint-labels' && r.target.hasAttribute('data-riskhint-labels') && bench.entered.has(r.target)) {
        const ms = now - bench.entered.get(r.target);
        bench.entered.delete(r.target);
        bench.verdictMs.push(ms);
        if (r.target.getAttribute('data-riskhint-labels')) bench.badgedMs.push(ms);
      } else if (r.attributeName === 'data-riskhint-tier' && r.target.getAttribute('data-riskhint-tier') === 'semantic') {
        if (bench.enteredAt.has(r.target)) {
          bench.semanticMs.push(now - bench.enteredAt.get(r.target));
          bench.enteredAt.delete(r.target);
        } else if (bench.lastKeyAt && !r.target.matches('article')) {
          bench.draftSemanticMs.push(now - bench.lastKeyAt);
          bench.lastKeyAt = 0;
        }
      } else if (r.attributeName === 'data-riskhint-pending' && !r.target.hasAttribute('data-riskhint-pending') && bench.keyDownAt) {
        bench.keyMs.push(now - bench.keyDownAt);
        bench.keyDownAt = 0;
      }
    }
  }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-riskhint-labels', 'data-riskhint-pending', 'data-riskhint-tier'] });
}

/**
 * Milliseconds of samples with an extension frame, the longest unbroken run of them, and for each
 * long task the extension's milliseconds inside it. `pageAtStart` is the page's performance.now()
 * when the profile started (read right after Profiler.start: within a round trip, ~1 ms).
 */
function extensionTime(profile, longTasks, pageAtStart) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const fromExtension = new Map();
  const isExtension = (id) => {
    if (!fromExtension.has(id)) {
      const node = byId.get(id);
      const own = node.callFrame.url.startsWith('chrome-extension://');
      fromExtension.set(id, own || (parent.has(id) && isExtension(parent.get(id))));
    }
    return fromExtension.get(id);
  };
  let total = 0, run = 0, longest = 0, scripting = 0, elapsed = 0;
  const inTasks = longTasks.map(() => 0);
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    elapsed += ms;
    const at = pageAtStart + elapsed; // this sample, on the page's clock
    const name = byId.get(id).callFrame.functionName;
    if (!['(idle)', '(program)', '(garbage collector)'].includes(name)) scripting += ms;
    if (isExtension(id)) {
      longTasks.forEach((task, t) => {
        if (at >= task.start && at <= task.start + task.duration) inTasks[t] += ms;
      });
      total += ms;
      run += ms;
      longest = Math.max(longest, run);
    } else {
      run = 0;
    }
  });
  // A long task is the extension's doing when, without the extension's part, it would not be long.
  const tasks = longTasks.map((task, t) => ({ duration_ms: task.duration, extension_ms: inTasks[t], caused_by_extension: task.duration - inTasks[t] < 50 }));
  return { extension_ms: total, longest_extension_run_ms: longest, page_scripting_ms: scripting, long_tasks: tasks };
}

/** The service worker's heap, through a CDP session attached to its target from a page session. */
async function workerHeap(cdp, extensionId) {
  const { targetInfos } = await cdp.send('Target.getTargets');
  const target = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`));
  if (!target) return null;
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
  let id = 0;
  const call = (method, params = {}) => new Promise((resolve) => {
    const mine = ++id;
    const onMessage = ({ sessionId: from, message }) => {
      const reply = JSON.parse(message);
      if (from === sessionId && reply.id === mine) {
        cdp.off('Target.receivedMessageFromTarget', onMessage);
        resolve(reply.result);
      }
    };
    cdp.on('Target.receivedMessageFromTarget', onMessage);
    cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: mine, method, params }) });
  });
  await call('HeapProfiler.collectGarbage');
  const heap = await call('Runtime.getHeapUsage');
  await cdp.send('Target.detachFromTarget', { sessionId });
  return heap?.usedSize ?? null;
}

async function scrollTimeline(benchTexts, { extension }) {
  const b = await launch(extension ? {} : { dist: null });
  try {
    const page = await b.context.newPage();
    await page.addInitScript(instrument, benchTexts);
    const cdp = await b.context.newCDPSession(page);
    await page.goto(`https://x.com/virtual?count=${POSTS}`);
    await page.locator('article').first().waitFor();
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    const pageAtStart = await page.evaluate(() => performance.now());
    const started = performance.now();
    for (let i = 0; i < POSTS; i++) {
      await page.evaluate((at) => window.scrollToPost(at), i);
      await page.waitForTimeout(STEP_MS);
    }
    await page.waitForTimeout(1000); // the last verdicts
    const seconds = (performance.now() - started) / 1000;
    const { profile } = await cdp.send('Profiler.stop');
    const seen = await page.evaluate(() => ({
      semanticMs: window.riskhintBench.semanticMs,
      verdictMs: window.riskhintBench.verdictMs,
      badgedMs: window.riskhintBench.badgedMs,
      unlabelled: window.riskhintBench.entered.size,
      longTasks: window.riskhintBench.longTasks,
    }));
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    const worker = extension ? await workerHeap(cdp, b.extensionId) : null;
    return { seconds, ...seen, ...extensionTime(profile, seen.longTasks, pageAtStart), pageHeap: usedSize, workerHeap: worker };
  } finally {
    await b.close();
  }
}

async function composer() {
  const b = await launch();
  try {
    const page = await b.page('/home');
    await page.addInitScript(instrument, null);
    await page.reload();
    const editor = page.locator('[data-testid="tweetTextarea_0"]').first();
    await editor.click();
    await page.locator('[data-riskhint-verdict]:not([data-riskhint-pending])').first().waitFor();
    await page.evaluate(() => { window.riskhintBench.keyMs.length = 0; });
    await page.keyboard.type(TYPED, { delay: 80 });
    await page.locator('[data-riskhint-verdict]:not([data-riskhint-pending])').first().waitFor();
    const keyMs = await page.evaluate(() => window.riskhintBench.keyMs);
    // Before each stop, the semantic verdict of the last key is in: no message on its way to wake
    // the worker again.
    const semanticDone = async () => SEMANTIC && page.locator('[data-testid="tweetTextarea_0"][data-riskhint-tier="semantic"]').first().waitFor({ timeout: 30_000 });
    await semanticDone();

    const coldMs = [];
    for (let i = 0; i < COLD_STARTS; i++) {
      await stopServiceWorker(b.context, b.extensionId);
      await page.evaluate(() => { window.riskhintBench.keyMs.length = 0; });
      await page.keyboard.type(i % 2 ? 'a' : 'b');
      await page.locator('[data-riskhint-verdict]:not([data-riskhint-pending])').first().waitFor({ timeout: 10_000 });
      coldMs.push(...(await page.evaluate(() => window.riskhintBench.keyMs)));
      await semanticDone();
    }

    const focusedMs = [];
    for (let i = 0; i < COLD_STARTS; i++) {
      await page.evaluate(() => document.activeElement.blur());
      await stopServiceWorker(b.context, b.extensionId);
      await editor.focus();
      await page.waitForTimeout(300);
      await page.keyboard.press('End');
      await page.evaluate(() => { window.riskhintBench.keyMs.length = 0; });
      await page.keyboard.type(i % 2 ? 'a' : 'b');
      await page.locator('[data-riskhint-verdict]:not([data-riskhint-pending])').first().waitFor({ timeout: 10_000 });
      focusedMs.push(...(await page.evaluate(() => window.riskhintBench.keyMs)));
      await semanticDone();
    }
    // The semantic verdict after the last key of a 280-character draft: all but the last
    // character inserted at once, the last one typed.
    const draft = `${TYPED}${TYPED}${TYPED}${TYPED}`.slice(0, 280);
    const draftSemanticMs = [];
    for (let i = 0; i < (SEMANTIC ? SEMANTIC_DRAFTS : 0); i++) {
      await editor.click();
      await page.keyboard.press('Control+a');
      await page.keyboard.press('Backspace');
      const text = `${i} ${draft}`.slice(0, 280);
      await page.keyboard.insertText(text.slice(0, -1));
      await page.waitForTimeout(500);
      await page.evaluate(() => { window.riskhintBench.draftSemanticMs.length = 0; });
      await page.keyboard.type(text.slice(-1));
      await page.waitForFunction(() => window.riskhintBench.draftSemanticMs.length > 0, null, { timeout: 10_000 });
      draftSemanticMs.push(await page.evaluate(() => window.riskhintBench.draftSemanticMs[0]));
    }
    return { keyMs, coldMs, focusedMs, draftSemanticMs };
  } finally {
    await b.close();
  }
}

const english = texts(path.join(data, 'en/tweeteval-offensive/val.tsv'), 'text');
const korean = texts(path.join(data, 'ko/k-mhas/valid.tsv'), 'document');
const benchTexts = Array.from({ length: POSTS }, (_, i) => (i % 2 ? korean[i % korean.length] : english[i % english.length]));

const withExtension = await scrollTimeline(benchTexts, { extension: true });
const without = await scrollTimeline(benchTexts, { extension: false });
const typing = await composer();

const MB = 1024 * 1024;
const results = {
  machine: `${process.platform} ${process.arch}, node ${process.version}, /usr/bin/chromium headless`,
  at: new Date().toISOString(),
  timeline: {
    posts: POSTS,
    scroll_seconds: withExtension.seconds,
    posts_labelled: withExtension.verdictMs.length,
    posts_gone_before_a_verdict: withExtension.unlabelled,
    verdict_ms: { p50: percentile(withExtension.verdictMs, 0.5), p95: percentile(withExtension.verdictMs, 0.95) },
    badge_ms: { p50: percentile(withExtension.badgedMs, 0.5), p95: percentile(withExtension.badgedMs, 0.95), badges: withExtension.badgedMs.length },
    long_tasks: {
      with_extension: { count: withExtension.longTasks.length, longest_ms: Math.max(0, ...withExtension.longTasks.map((t) => t.duration)), tasks: withExtension.long_tasks },
      without_extension: { count: without.longTasks.length, longest_ms: Math.max(0, ...without.longTasks.map((t) => t.duration)) },
      caused_by_extension: withExtension.long_tasks.filter((t) => t.caused_by_extension).length,
    },
    longest_extension_run_ms: withExtension.longest_extension_run_ms,
    extension_scripting_ms: withExtension.extension_ms,
    page_scripting_ms: { with_extension: withExtension.page_scripting_ms, without_extension: without.page_scripting_ms },
    page_heap_mb: { with_extension: withExtension.pageHeap / MB, without_extension: without.pageHeap / MB },
    worker_heap_mb: withExtension.workerHeap / MB,
    semantic_ms: { p50: percentile(withExtension.semanticMs, 0.5), p95: percentile(withExtension.semanticMs, 0.95), posts: withExtension.semanticMs.length },
  },
  composer: {
    keystroke_to_verdict_ms: { p50: percentile(typing.keyMs, 0.5), p95: percentile(typing.keyMs, 0.95), keystrokes: typing.keyMs.length },
    worker_cold_start_to_verdict_ms: { median: percentile(typing.coldMs, 0.5), max: Math.max(...typing.coldMs), runs: typing.coldMs.length },
    worker_stopped_focus_then_key_ms: { median: percentile(typing.focusedMs, 0.5), max: Math.max(...typing.focusedMs), runs: typing.focusedMs.length },
    last_key_to_semantic_verdict_ms: { p50: percentile(typing.draftSemanticMs, 0.5), p95: percentile(typing.draftSemanticMs, 0.95), drafts: typing.draftSemanticMs.length },
  },
};

const t = results.timeline;
const c = results.composer;
const row = (name, value, budget = '') => console.log(`${name.padEnd(58)} ${value.padStart(22)}   ${budget}`);
console.log(`riskhint in Chromium (${results.machine})`);
row(`timeline: ${POSTS} posts scrolled in`, `${t.scroll_seconds.toFixed(1)} s`);
row('posts given a verdict while on screen', `${t.posts_labelled} of ${t.posts_labelled + t.posts_gone_before_a_verdict}`);
row('post entering the DOM → verdict, p50 / p95', `${t.verdict_ms.p50.toFixed(1)} / ${t.verdict_ms.p95.toFixed(1)} ms`, 'badge p95 ≤ 50 ms');
row(`  posts with a badge (${t.badge_ms.badges}), p50 / p95`, `${t.badge_ms.p50.toFixed(1)} / ${t.badge_ms.p95.toFixed(1)} ms`, 'p95 ≤ 50 ms');
row('long tasks while scrolling, with / without the extension', `${t.long_tasks.with_extension.count} / ${t.long_tasks.without_extension.count}`, 'none caused by it');
row('  longest, with / without', `${t.long_tasks.with_extension.longest_ms.toFixed(0)} / ${t.long_tasks.without_extension.longest_ms.toFixed(0)} ms`);
for (const task of t.long_tasks.with_extension.tasks) {
  row('  a long task with the extension: its length, the extension\'s part', `${task.duration_ms.toFixed(0)} / ${task.extension_ms.toFixed(1)} ms`);
}
row('  long tasks the extension caused (not long without its part)', `${t.long_tasks.caused_by_extension}`, 'none');
row('longest unbroken run of extension code in the page', `${t.longest_extension_run_ms.toFixed(1)} ms`, '< 50 ms: no long task of its own');
row('extension scripting in the page, whole scroll', `${t.extension_scripting_ms.toFixed(0)} ms`);
row('page scripting in all, with / without', `${t.page_scripting_ms.with_extension.toFixed(0)} / ${t.page_scripting_ms.without_extension.toFixed(0)} ms`);
row('page JS heap after the scroll, with / without', `${t.page_heap_mb.with_extension.toFixed(1)} / ${t.page_heap_mb.without_extension.toFixed(1)} MB`);
row('service worker JS heap after the scroll', `${t.worker_heap_mb.toFixed(1)} MB`);
row(`semantic tier: post entering the DOM → both tiers' labels, p50 / p95 (${t.semantic_ms.posts} posts)`, `${t.semantic_ms.p50.toFixed(0)} / ${t.semantic_ms.p95.toFixed(0)} ms`, 'p95 ≤ 1 s');
row(`composer: keystroke → verdict, p50 / p95 (${c.keystroke_to_verdict_ms.keystrokes} keys)`, `${c.keystroke_to_verdict_ms.p50.toFixed(1)} / ${c.keystroke_to_verdict_ms.p95.toFixed(1)} ms`, 'p95 ≤ 16 ms');
row('worker stopped → first verdict, median / max', `${c.worker_cold_start_to_verdict_ms.median.toFixed(0)} / ${c.worker_cold_start_to_verdict_ms.max.toFixed(0)} ms`, '≤ 100 ms');
row(`semantic tier: last key → verdict, 280 chars, p50 / p95 (${c.last_key_to_semantic_verdict_ms.drafts} drafts)`, `${c.last_key_to_semantic_verdict_ms.p50.toFixed(0)} / ${c.last_key_to_semantic_verdict_ms.p95.toFixed(0)} ms`, 'p95 ≤ 150 ms');
row('  composer focused 300 ms before the first key, median / max', `${c.worker_stopped_focus_then_key_ms.median.toFixed(0)} / ${c.worker_stopped_focus_then_key_ms.max.toFixed(0)} ms`, '');

record('chromium', results);
