// Launches Debian's Chromium (/usr/bin/chromium) through playwright-core with an unpacked extension
// (default: <repo>/dist) and the fixture server behind https://x.com and https://twitter.com, so the
// shipped manifest's content scripts run on the fixture pages unchanged.
//
//   const b = await launch({ dist, headless, userDataDir, args });  // args: more Chromium flags (--lang=ko);
//                                                                   // dist: null for no extension (a baseline)
//   const page = await b.page('/home');  // https://x.com/home in a new tab
//   const sw = await b.worker();         // the extension's service worker, once it is running
//   b.extensionId; b.requests;           // every URL any page or worker of the browser requested
//   await stopServiceWorker(b.context, b.extensionId);      // true once stopped
//   await serviceWorkerRunning(b.context, b.extensionId);   // false now; a message restarts it
//   await b.close();

import { chromium } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, SITES } from './server.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WORKER_TIMEOUT_MS = 15_000;

export async function launch({ dist = process.env.RISKHINT_DIST ?? path.join(REPO, 'dist'), headless = true, userDataDir, args = [] } = {}) {
  const server = await startServer();
  const ownDir = !userDataDir;
  const dir = userDataDir ?? (await mkdtemp(path.join(tmpdir(), 'riskhint-profile-')));
  let context;
  const close = async () => {
    await context?.close();
    await server.close();
    if (ownDir) await rm(dir, { recursive: true, force: true });
  };
  const requests = [];
  let extensionId;
  try {
    context = await chromium.launchPersistentContext(dir, {
      executablePath: '/usr/bin/chromium',
      headless,
      ignoreHTTPSErrors: true,
      args: [
        '--no-sandbox',
        ...(dist ? [`--disable-extensions-except=${dist}`, `--load-extension=${dist}`] : []),
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        `--host-resolver-rules=${['x.com', 'twitter.com', ...Object.keys(SITES)].map((h) => `MAP ${h} 127.0.0.1:${server.port}`).join(', ')}`,
        '--ignore-certificate-errors',
        ...args,
      ],
    });
    // Page and service-worker requests both arrive here (playwright reports worker network by default).
    context.on('request', (request) => requests.push(request.url()));
    if (dist) {
      const worker = await extensionWorker(context).catch((err) => {
        throw new Error(`no extension service worker from ${dist}: ${err.message}`);
      });
      extensionId = new URL(worker.url()).host;
    }
  } catch (err) {
    await close();
    throw err;
  }

  return {
    context,
    server,
    extensionId,
    requests,
    // A path on x.com, or a whole URL on another fixture host (https://www.facebook.com/...).
    async page(p = '/home') {
      const page = await context.newPage();
      await page.goto(p.startsWith('https://') ? p : `https://x.com${p}`);
      return page;
    },
    // A stopped worker's Worker object lingers (its evaluate() hangs), so wait until it runs again.
    async worker() {
      for (const deadline = Date.now() + WORKER_TIMEOUT_MS; !(await serviceWorkerRunning(context, extensionId)); ) {
        if (Date.now() > deadline) throw new Error('the service worker is stopped: an event (e.g. a message from a content script) restarts it');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return extensionWorker(context, extensionId);
    },
    close,
  };
}

// The live service worker of the extension (any extension if no id), waiting for it to (re)start.
async function extensionWorker(context, extensionId) {
  const prefix = extensionId ? `chrome-extension://${extensionId}/` : 'chrome-extension://';
  const isOurs = (w) => w.url().startsWith(prefix);
  const live = context.serviceWorkers().find(isOurs);
  if (live) return live;
  return context.waitForEvent('serviceworker', { predicate: isOurs, timeout: WORKER_TIMEOUT_MS });
}

// Stops the extension's service worker the way Chromium's idle timeout does: Target.closeTarget on
// its service_worker target (Chromium's ServiceWorkerDevToolsAgentHost::Close calls
// ServiceWorkerVersion::StopWorker; the registration stays, the next event restarts it). The Target
// domain of any page's CDP session lists browser-wide targets, extension workers included.
// Resolves true once the target is gone, false if no worker was running; throws if it won't stop.
// Note: playwright keeps listing the stopped Worker in context.serviceWorkers() and reuses that same
// object once the worker restarts, so use serviceWorkerRunning(), not that list, to see its state.
export async function stopServiceWorker(context, extensionId) {
  return withCDP(context, async (cdp) => {
    const target = await workerTarget(cdp, extensionId);
    if (!target) return false;
    await cdp.send('Target.closeTarget', { targetId: target.targetId });
    // A worker busy with a long task (the semantic tier's encoder loading, late in a full run of
    // the tests) takes seconds to stop: up to 15 s. (Asking again would stop a worker that a
    // message restarted under the same target id.)
    for (const deadline = Date.now() + 15_000; Date.now() < deadline; ) {
      // Gone, or already replaced by a new worker that a message woke up.
      const now = await workerTarget(cdp, extensionId);
      if (!now || now.targetId !== target.targetId) return true;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`service worker of ${extensionId} still running after Target.closeTarget`);
  });
}

// Whether the extension's service worker is running now (its CDP target exists).
export async function serviceWorkerRunning(context, extensionId) {
  return withCDP(context, async (cdp) => Boolean(await workerTarget(cdp, extensionId)));
}

async function workerTarget(cdp, extensionId) {
  const { targetInfos } = await cdp.send('Target.getTargets');
  return targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`));
}

// A CDP session needs a page; borrow an open one (a persistent context always has one) or make one.
async function withCDP(context, fn) {
  const ownPage = context.pages().length === 0 ? await context.newPage() : null;
  const cdp = await context.newCDPSession(ownPage ?? context.pages()[0]);
  try {
    return await fn(cdp);
  } finally {
    await cdp.detach().catch(() => {});
    await ownPage?.close();
  }
}
