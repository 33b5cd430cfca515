// Fixes a user can accept without re-reading, and a review step they trust (issue 20), as an
// executive sees them: on X (DraftJS), Facebook (Lexical) and LinkedIn (Quill) the text after Apply
// is exactly the text the CLI's engine gives for that fix, Ctrl+Z restores the draft, a fix that
// needs the user's words asks for them and inserts only those, a word shared by two findings shows
// both, and Post opens the review for a warn-level draft, with each finding's reason, its fixes and
// "Apply all safe fixes"; "Post anyway" can require a reason, kept on this device only.
//
// Runs on the fast tier (a copy of dist/ without the encoder), so that the page and the CLI's
// `--tier fast` answer with the same findings.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { sharedBrowser, waitForVerdict, clickWord, findingCard } from './helpers.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const browser = sharedBrowser(async (launched) => {
  await (await launched.worker()).evaluate(() => chrome.storage.local.set({ role: 'executive' }));
}, { tiers: 'fast' });

/** The CLI's report on `text`, as the extension's engine sees it: the shipped policy, an executive, `platform`. */
function engineReport(text, platform, policy = `${ROOT}dist/default-policy.jsonc`) {
  const out = execFileSync(`${ROOT}target/release/riskhint`, ['check', '--json', '--tier', 'fast', '--role', 'executive', '--platform', platform, '--policy', policy, '--now', new Date().toISOString().slice(0, 10)], { input: text });
  return JSON.parse(out.toString());
}

/** `text` with an edit of the CLI's made (its offsets count characters). */
function applied(text, { start, end, replacement }) {
  const chars = Array.from(text);
  return [...chars.slice(0, start), replacement, ...chars.slice(end)].join('');
}

/** The engine's text after the first fix of the first finding of rule `code`. */
function expectedAfter(text, code, platform) {
  const finding = engineReport(text, platform).findings.find((f) => f.code === code);
  assert.ok(finding, `the engine flags ${code} in ${text}`);
  return applied(text, finding.suggestions[0]);
}

const SITES = {
  x: {
    editor: '[data-testid="tweetTextarea_0"]',
    async open(text) {
      const page = await browser.page('/home');
      await page.locator(this.editor).click();
      await page.keyboard.type(text);
      return page;
    },
    global: '__composer',
    text: (page) => page.evaluate(() => window.__composer.text()),
  },
  facebook: {
    editor: '[role="dialog"][aria-label="Create post"] [data-lexical-editor="true"]',
    async open(text) {
      const page = await browser.page('https://www.facebook.com/');
      await page.locator('#create-post').click();
      await page.locator(this.editor).click();
      await page.keyboard.type(text);
      return page;
    },
    global: '__lexical',
    text: (page) => page.evaluate(() => window.__lexical.text()),
  },
  linkedin: {
    editor: '[role="dialog"] .ql-editor',
    async open(text) {
      const page = await browser.page('https://www.linkedin.com/feed/');
      await page.getByRole('button', { name: 'Start a post' }).click();
      await page.locator(this.editor).click();
      await page.keyboard.type(text);
      return page;
    },
    global: '__quill',
    text: (page) => page.evaluate(() => window.__quill.text()),
  },
};

/** Waits until the draft's checked text is `text` (no check pending). */
async function checked(page, editor) {
  await page.waitForSelector(`${editor}:not([data-riskhint-pending])[data-riskhint-verdict]`, { timeout: 15_000 });
}

/**
 * Types `draft`, clicks `word`, applies the first fix of its card (rule `code`), and asserts the
 * editor's text is the engine's, the finding is gone after the re-check, and Ctrl+Z restores the draft.
 */
async function applyMatchesEngine(platform, draft, word, code) {
  const site = SITES[platform];
  const page = await site.open(draft);
  await checked(page, site.editor);
  const expected = expectedAfter(draft, code, platform);
  const card = await findingCard(page, site.editor, word, code);
  await card.locator('[data-riskhint-ui="apply"]').first().click();
  await page.waitForFunction(([read, want]) => window[read].text() === want, [site.global, expected], { timeout: 5000 }).catch(() => {});
  assert.equal(await site.text(page), expected, `${platform}: the editor after Apply is the engine's text`);
  // Checked again: the finding it fixed is gone, and the page agrees with the engine on the rest.
  await checked(page, site.editor);
  const left = engineReport(expected, platform).findings;
  assert.ok(!left.some((f) => f.code === code && f.text.includes(word)), `${code} is gone in the engine's eyes`);
  assert.equal(Number(await page.locator(site.editor).first().getAttribute('data-riskhint-findings')), left.length);
  await page.locator(site.editor).first().focus();
  await page.keyboard.press('Control+z');
  await page.waitForFunction(([read, want]) => window[read].text() === want, [site.global, draft]);
  await page.close();
}

test('X: a softer word, a sentence-aware removal and a Korean particle refit land exactly as the engine wrote them; Ctrl+Z restores', async () => {
  await applyMatchesEngine('x', 'Daesung Mobile phones are junk lol', 'junk', 'COMP001');
  await applyMatchesEngine('x', 'Am considering taking Hanbit private at $420. Funding secured.', 'secured', 'MNPI003');
  await applyMatchesEngine('x', '이번 사건은 일선 직원의 실수로 발생한 일이며 깊이 사과드립니다.', '실수', 'APOL003');
});

test('Facebook (Lexical) and LinkedIn (Quill): the text after Apply is the engine\'s exactly; Ctrl+Z restores', async () => {
  await applyMatchesEngine('facebook', 'Daesung Mobile phones are junk lol', 'junk', 'COMP001');
  await applyMatchesEngine('linkedin', '대성모바일 폰은 쓰레기임 ㅋㅋ', '쓰레기', 'COMP001');
});

test('the CLI and the engine agree on the issue\'s broken fixes: each one now leaves a sentence a person would write', () => {
  const fixed = (text, code) => expectedAfter(text, code, 'other');
  assert.equal(fixed('Am considering taking Hanbit private at $420. Funding secured.', 'MNPI003'), '');
  assert.equal(fixed('이번 사건은 일선 직원의 실수로 발생한 일이며 깊이 사과드립니다.', 'APOL003'), '이번 사건은 저희의 잘못으로 발생한 일이며 깊이 사과드립니다.');
  assert.equal(fixed('대성모바일 폰은 쓰레기임 ㅋㅋ', 'COMP001'), '대성모바일 폰은 별로임 ㅋㅋ');
  assert.equal(fixed('Daesung Mobile phones are junk lol', 'COMP001'), 'Daesung Mobile phones are disappointing lol');
  // A fix that needs the user's words is a prompt, with no replacement to paste as it is.
  const apology = engineReport('We apologize to our customers.', 'other').findings.find((f) => f.code === 'APOL005');
  assert.equal(apology.suggestions[0].kind, 'prompt');
  assert.equal(apology.suggestions[0].replacement, undefined);
  assert.deepEqual(apology.suggestions[0].prompt.fields.map((f) => f.name), ['what', 'when']);
});

test('a fix that needs the user\'s words asks for them in the card and inserts only what was filled in, in both languages', async () => {
  const site = SITES.x;
  for (const [draft, word, values, expected] of [
    ['We apologize to our customers.', 'apologize', ['refund every affected order', 'June 12'], 'We apologize to our customers. We will refund every affected order by June 12.'],
    ['한우 혼입 건으로 고객님들께 깊이 사과드립니다.', '사과드립니다', ['전 매장 원산지 표기 점검', ''], '한우 혼입 건으로 고객님들께 깊이 사과드립니다. 재발 방지를 위해 전 매장 원산지 표기 점검을 진행하겠습니다.'],
  ]) {
    const page = await site.open(draft);
    await checked(page, site.editor);
    const card = await findingCard(page, site.editor, word, 'APOL005');
    await card.locator('[data-riskhint-ui="apply"]').first().click();
    const form = card.locator('[data-riskhint-ui="prompt"]');
    await form.waitFor();
    const insert = form.locator('[data-riskhint-ui="fill"]');
    assert.equal(await insert.isDisabled(), true, 'nothing to insert until the required field is filled');
    await form.locator('input[name="what"]').fill(values[0]);
    if (values[1]) await form.locator('input[name="when"]').fill(values[1]);
    await insert.click();
    await page.waitForFunction((want) => window.__composer.text() === want, expected);
    assert.doesNotMatch(await site.text(page), /\[/, 'no placeholder reaches the draft');
    // The rule that asked is answered.
    await checked(page, site.editor);
    assert.ok(!engineReport(expected, 'x').findings.some((f) => f.code === 'APOL005'));
    await page.close();
  }
});

test('a word two findings share shows both in its card', async () => {
  const site = SITES.x;
  const page = await site.open('대성모바일 폰은 쓰레기임 ㅋㅋ');
  await checked(page, site.editor);
  await clickWord(page, site.editor, '쓰레기');
  const card = page.locator('[data-riskhint-ui="finding-card"]');
  await card.waitFor();
  const codes = await card.locator('[data-riskhint-ui="card-finding"]').evaluateAll((parts) => parts.map((p) => p.getAttribute('data-code')));
  assert.deepEqual(codes, ['COMP001', 'TONE002']);
  await page.close();
});

test('an executive\'s warn-level draft opens the review on Post: reasons, fixes, Apply all safe fixes, then Post goes out', async () => {
  const site = SITES.x;
  const draft = 'Daesung Mobile phones are junk lol';
  const page = await site.open(draft);
  await checked(page, site.editor);
  assert.equal(await page.locator(site.editor).getAttribute('data-riskhint-verdict'), 'review', 'warn-level only: no block');
  await page.locator('[data-testid="tweetButtonInline"]').click();
  const dialog = page.locator('[data-riskhint-ui="review"]');
  await dialog.waitFor();
  const item = dialog.locator('li[data-code="COMP001"]');
  assert.match(await item.locator('[data-riskhint-ui="reason-line"]').textContent(), /competitor|rival|legal/i, 'the reason, in one line');
  assert.ok(await item.locator('[data-riskhint-ui="review-apply"]').count() >= 1, 'its fixes are in the dialog');
  const report = engineReport(draft, 'x');
  assert.match(await dialog.locator('[data-riskhint-ui="apply-all"]').textContent(), new RegExp(`\\(${report.fix_all.fixes}\\)`));
  await dialog.locator('[data-riskhint-ui="apply-all"]').click();
  const expected = applied(draft, report.fix_all);
  await page.waitForFunction((want) => window.__composer.text() === want, expected);
  assert.equal(await page.locator('#posted li').count(), 0, 'Apply all does not post');
  await checked(page, site.editor);
  assert.equal(engineReport(expected, 'x').findings.length, 0, 'every finding of the draft had a safe fix');
  await page.locator('[data-testid="tweetButtonInline"]').click();
  await page.waitForSelector('#posted li');
  assert.equal(await page.locator('#posted li').first().textContent(), expected);
  assert.equal(await dialog.count(), 0, 'a clean draft posts without asking');
  await page.close();
});

test('"Post anyway" needs a reason where the policy asks for one; the reason stays in local history', async () => {
  const worker = await browser.worker();
  // The worker raises the configuration's generation once the new policy is in force.
  const generation = async () => (await worker.evaluate(() => chrome.storage.local.get('policyState'))).policyState?.generation ?? 0;
  const before = await generation();
  // The user's own policy stands in for the shipped one: the shipped one with the review's reason asked.
  const shipped = readFileSync(`${ROOT}dist/default-policy.jsonc`, 'utf8');
  const policy = shipped.replace('"require_reason": false', '"require_reason": true');
  assert.notEqual(policy, shipped, 'the shipped policy writes review.require_reason');
  await worker.evaluate((policy) => chrome.storage.local.set({ policy }), policy);
  for (let waited = 0; (await generation()) === before; waited += 50) {
    assert.ok(waited < 10_000, 'the policy comes into force');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  try {
    const site = SITES.x;
    const page = await site.open('Daesung Mobile phones are junk lol');
    await checked(page, site.editor);
    await page.keyboard.press('Control+Enter');
    const dialog = page.locator('[data-riskhint-ui="review"]');
    await dialog.waitFor();
    const post = dialog.locator('[data-riskhint-ui="post-anyway"]');
    assert.equal(await post.isDisabled(), true, 'no reason, no Post anyway');
    await dialog.locator('[data-riskhint-ui="reason"]').fill('Approved by legal');
    await post.click();
    await page.waitForSelector('#posted li');
    const { postedAnyway } = await worker.evaluate(() => chrome.storage.local.get('postedAnyway'));
    assert.equal(postedAnyway.at(-1).reason, 'Approved by legal');
    assert.ok(postedAnyway.at(-1).codes.includes('COMP001'));
    await page.close();
  } finally {
    await worker.evaluate(() => chrome.storage.local.remove(['policy', 'postedAnyway']));
  }
});
