// An administrator's policy, pushed the way an enterprise does: a Chromium policy file
// (/etc/chromium/policies/managed/) that sets the extension's chrome.storage.managed. The options
// page shows it read-only, its locked fields win over the user's own, and drafts follow it.
// Writing that file needs root (CI runs as root); elsewhere the test is skipped and says why.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { access, mkdir, rm, writeFile, constants } from 'node:fs/promises';
import { launch } from './browser.mjs';
import { clickWord, findingCard, redraft } from './helpers.mjs';

const POLICY_DIR = '/etc/chromium/policies/managed';
const POLICY_FILE = `${POLICY_DIR}/riskhint-e2e.json`;
const EDITOR = '[data-testid="tweetTextarea_0"]';
const ADMIN_POLICY = {
  organization: { names: ['Hanbit Electronics'] }, confidential: { codenames: ['Project Orion'] }, rules: { CONF001: 'block' },
  locked: ['confidential', 'rules.CONF001'],
};
const USER_POLICY = { organization: { products: ['Nova X1'] }, confidential: { codenames: ['Project Nightingale'] } };

/** @type {Awaited<ReturnType<typeof launch>> | null} */
let browser = null;
let skip = '';

before(async () => {
  try {
    await mkdir(POLICY_DIR, { recursive: true });
    await access(POLICY_DIR, constants.W_OK);
  } catch {
    skip = `cannot write ${POLICY_DIR} (needs root)`;
    return;
  }
  // The unpacked extension's id comes from its path: learn it, then restart with the policy set.
  const first = await launch();
  const id = first.extensionId;
  await first.close();
  await writeFile(POLICY_FILE, JSON.stringify({ '3rdparty': { extensions: { [id]: { policy: JSON.stringify(ADMIN_POLICY) } } } }));
  browser = await launch();
  const worker = await browser.worker();
  await worker.evaluate((policy) => chrome.storage.local.set({ policy }), JSON.stringify(USER_POLICY));
  // The worker copies the managed policy into its cache once it has read it (seconds, cold).
  for (let i = 0; i < 200; i++) {
    const { managedPolicy } = await worker.evaluate(() => chrome.storage.local.get('managedPolicy'));
    if (managedPolicy) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
});
after(async () => {
  await browser?.close();
  await rm(POLICY_FILE, { force: true });
});

test("the administrator's codename counts, the user's is set aside in the locked field", async (t) => {
  if (skip) return t.skip(skip);
  const page = await browser.page('/home');
  const check = (text) => redraft(page, EDITOR, text);
  assert.equal(await check('Project Orion ships next month'), 'block');
  assert.equal(await check('Project Nightingale ships next month'), 'ok');
  await page.close();
});

test('the options page shows the managed policy read-only and keeps unlocked fields editable', async (t) => {
  if (skip) return t.skip(skip);
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options/options.html`);
  await options.locator('#rule-rows details').first().waitFor();
  assert.match(await options.locator('#managed-note').textContent(), /organisation manages/);
  assert.ok(await options.locator('#field-confidential-codenames').isDisabled());
  assert.match(await options.locator('[data-managed-for="confidential.codenames"]').textContent(), /Locked.*Project Orion/);
  assert.ok(!(await options.locator('#field-organization-products').isDisabled()));
  assert.match(await options.locator('[data-managed-for="organization.names"]').textContent(), /Hanbit Electronics/);
  await options.close();
});

test("a finding of a rule the administrator locked offers no Ignore or Turn off, and an ignore stored anyway has no effect", async (t) => {
  if (skip) return t.skip(skip);
  const page = await browser.page('/home');
  await page.locator(EDITOR).click();
  await page.keyboard.type('Project Orion ships, fucking finally');
  await page.waitForSelector(`${EDITOR}[data-riskhint-verdict="block"]:not([data-riskhint-pending])`, { timeout: 15_000 });
  const card = await findingCard(page, EDITOR, 'Orion', 'CONF001');
  assert.match(await card.locator('[data-riskhint-ui="required"]').textContent(), /organisation requires/);
  assert.equal(await card.locator('[data-riskhint-ui="ignore"], [data-riskhint-ui="turn-off"]').count(), 0);
  // Another rule's card keeps both.
  await clickWord(page, EDITOR, 'fucking');
  await page.locator('[data-riskhint-ui="finding-card"][data-code="TONE001"] [data-riskhint-ui="ignore"]').waitFor();
  const worker = await browser.worker();
  await worker.evaluate(() => chrome.storage.local.set({ ignored: [{ code: 'CONF001', text: 'Project Orion', site: 'x.com', at: '2026-11-22' }] }));
  await page.keyboard.type('!');
  await page.waitForSelector(`${EDITOR}[data-riskhint-verdict="block"]:not([data-riskhint-pending])`, { timeout: 15_000 });
  await worker.evaluate(() => chrome.storage.local.remove('ignored'));
  await page.close();
});
