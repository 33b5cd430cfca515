// Korean typed through an IME, on every site's real editor (X's DraftJS, Facebook's Lexical,
// LinkedIn's Quill): jamo by jamo, as a 2-set Korean IME types, through Chromium's own IME path
// (CDP Input.imeSetComposition and Input.insertText). While a composition is active riskhint writes
// nothing on or inside the editor and checks nothing; the committed text is checked after
// compositionend, underlined on the right words, and the draft never stays pending (DraftJS
// re-renders the same text when a composition ends). Apply is refused during a composition.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sharedBrowser, clickWord, underlinedWords } from './helpers.mjs';
import { imeSteps, typeWithIme, startComposition, watchEditor, editorMarks, checkedAfterComposition } from './ime.mjs';

const browser = sharedBrowser();

/**
 * Records the texts the engine's worker is asked to check from now on, with a listener of the
 * test's own beside riskhint's (it answers nothing); returns a function that reads them.
 */
async function recordChecks() {
  await (await browser.worker()).evaluate(() => {
    globalThis.__checked = [];
    if (globalThis.__recording) return;
    globalThis.__recording = true;
    chrome.runtime.onMessage.addListener((message) => {
      if (message?.type === 'check') globalThis.__checked.push(message.text);
    });
  });
  return async () => (await browser.worker()).evaluate(() => globalThis.__checked);
}

/** Each site: its composer, and (in the page) the editor's own idea of the draft, not the DOM's. */
const SITES = {
  X: {
    editor: '[data-testid="tweetTextarea_0"]',
    async open() {
      const page = await browser.page('/home');
      await page.locator(this.editor).click();
      return page;
    },
    state: '__composer',
    postButton: (page) => page.locator('[data-testid="tweetButtonInline"]'),
  },
  Facebook: {
    editor: '[role="dialog"][aria-label="Create post"] [data-lexical-editor="true"]',
    async open() {
      const page = await browser.page('https://www.facebook.com/');
      await page.locator('#create-post').click();
      await page.locator(this.editor).waitFor();
      await page.locator(this.editor).focus();
      return page;
    },
    state: '__lexical',
    postButton: (page) => page.locator('[role="dialog"] div[aria-label="Post"][role="button"]'),
  },
  LinkedIn: {
    editor: '[role="dialog"] .ql-editor',
    async open() {
      const page = await browser.page('https://www.linkedin.com/feed/');
      await page.getByRole('button', { name: 'Start a post' }).click();
      await page.locator(this.editor).click();
      return page;
    },
    state: '__quill',
    postButton: (page) => page.locator('[role="dialog"]').getByRole('button', { name: 'Post', exact: true }),
  },
};

/** The draft in the site's editor. */
const draftOf = (page, site) => page.evaluate((state) => window[state].text(), site.state);
/** Waits until the site's editor holds `text`. */
const draftBecomes = (page, site, text) => page.waitForFunction(([state, text]) => window[state].text() === text, [site.state, text]);

/**
 * Waits until the editor holds `text` and riskhint has checked it after the last composition
 * (the editor must be watched), and returns its verdict.
 */
async function settled(page, site, text) {
  await draftBecomes(page, site, text);
  await checkedAfterComposition(page);
  await page.waitForSelector(`${site.editor}[data-riskhint-verdict]:not([data-riskhint-pending])`, { timeout: 15_000 });
  return page.locator(site.editor).getAttribute('data-riskhint-verdict');
}

/** Waits until the underlined words are `expected` (what the user sees under the text). */
async function underlinesBecome(page, expected) {
  const json = JSON.stringify(expected);
  await page.waitForFunction((json) => JSON.stringify(Object.fromEntries(['block', 'warn', 'info'].map((s) => [s, [...(CSS.highlights.get(`riskhint-${s}`) ?? [])].map((r) => r.toString())]))) === json, json, { timeout: 5_000 })
    .catch(async () => assert.deepEqual(await underlinedWords(page), expected));
}

/** The draft after each key that leaves no composition open: the only texts that may be checked. */
function committedTexts(text) {
  const texts = new Set(['']);
  let so = '';
  for (const step of imeSteps(text)) {
    if ('compose' in step) continue;
    so += step.commit ?? step.insert;
    texts.add(so);
  }
  return texts;
}

for (const [name, site] of Object.entries(SITES)) {
  test(`${name}: Korean typed through an IME is checked when each syllable is committed, never while composing, and underlined`, async () => {
    const page = await site.open();
    await watchEditor(page, site.editor);
    const checkedTexts = await recordChecks();
    const draft = '오해를 드려 죄송합니다';
    await typeWithIme(page, draft);
    assert.equal(await settled(page, site, draft), 'review');
    assert.equal(await draftOf(page, site), draft, 'the editor holds exactly what was typed');
    await underlinesBecome(page, { block: [], warn: ['오해'], info: ['죄송'] });
    const marks = await editorMarks(page);
    assert.equal(marks.compositions, imeSteps(draft).filter((s) => 'commit' in s).length);
    assert.deepEqual(marks.duringComposition, [], 'nothing is written on or in the editor while a syllable is composed');
    // The second finding (죄송) was shown after the compositionend that committed 송, never before.
    const committed = imeSteps(draft).filter((step) => 'commit' in step).map((step) => step.commit).join('');
    const secondFinding = marks.all.find((m) => m.what === 'data-riskhint-findings=2');
    assert.ok(secondFinding?.afterComposition >= committed.indexOf('송') + 1, JSON.stringify(marks.all));
    // After the last compositionend, the draft was checked and is pending no more (the semantic
    // tier's refinement may mark the editor after that, in its own time).
    const pending = marks.afterLastComposition.filter((m) => m.what.startsWith('data-riskhint-pending='));
    assert.equal(pending.at(-1)?.what, 'data-riskhint-pending=null', JSON.stringify(marks.afterLastComposition));
    const halfComposed = (await checkedTexts()).filter((t) => !committedTexts(draft).has(t));
    assert.deepEqual(halfComposed, [], 'no half-composed text is checked');
    await page.close();
  });

  test(`${name}: Apply is refused while a syllable is being composed, and works once it is committed`, async () => {
    const page = await site.open();
    await watchEditor(page, site.editor);
    await typeWithIme(page, '팰컨 출시 확');
    assert.equal(await settled(page, site, '팰컨 출시 확'), 'block');
    await clickWord(page, site.editor, '팰컨');
    const card = page.locator('[data-riskhint-ui="finding-card"]');
    await card.waitFor();
    await page.keyboard.press('End');
    const ime = await startComposition(page, 'ㅈ');
    await ime.send('Input.imeSetComposition', { text: '정', selectionStart: 1, selectionEnd: 1 });
    await card.locator('[data-riskhint-ui="apply"]').first().click();
    const notice = page.locator('[data-riskhint-ui="notice"]');
    await notice.waitFor();
    assert.equal(await notice.textContent(), 'Finish typing the character first, then apply the fix.');
    assert.match(await page.locator(site.editor).textContent(), /^팰컨 출시 확/, 'the fix was not made');
    // The syllable is still being composed, and ends as the user meant it: the draft is untouched.
    await ime.send('Input.insertText', { text: '정' });
    await ime.detach();
    assert.equal(await settled(page, site, '팰컨 출시 확정'), 'block');
    assert.deepEqual((await editorMarks(page)).duringComposition, []);
    await underlinesBecome(page, { block: ['팰컨'], warn: [], info: [] });
    // Now the fix goes in.
    await clickWord(page, site.editor, '팰컨');
    await card.locator('[data-riskhint-ui="apply"]').first().click();
    await draftBecomes(page, site, '[비공개] 출시 확정');
    await page.close();
  });

  test(`${name}: a blocking draft typed through an IME asks before posting, also while a syllable is being composed`, async () => {
    const page = await site.open();
    await watchEditor(page, site.editor);
    await typeWithIme(page, '팰컨 출시 ');
    assert.equal(await settled(page, site, '팰컨 출시 '), 'block');
    const ime = await startComposition(page, 'ㅎ');
    await ime.send('Input.imeSetComposition', { text: '확', selectionStart: 1, selectionEnd: 1 });
    await site.postButton(page).click();
    const dialog = page.locator('[data-riskhint-ui="review"]');
    await dialog.waitFor();
    assert.match(await dialog.textContent(), /팰컨/);
    await page.keyboard.press('Enter'); // Edit
    await dialog.waitFor({ state: 'detached' });
    await ime.detach();
    assert.equal(await page.locator('#posted li').count(), 0, 'nothing was posted');
    // Enter chose Edit: it did not reach the editor (DraftJS takes focus back as the composition ends).
    assert.doesNotMatch(await draftOf(page, site), /\n/);
    assert.deepEqual((await editorMarks(page)).duringComposition, []);
    await page.close();
  });

  test(`${name}: a cancelled composition ends cleanly: the draft is checked again, underlined, and not pending`, async () => {
    const page = await site.open();
    await watchEditor(page, site.editor);
    await typeWithIme(page, '팰컨 ');
    assert.equal(await settled(page, site, '팰컨 '), 'block');
    const ime = await startComposition(page, 'ㅇ');
    await ime.send('Input.imeSetComposition', { text: '', selectionStart: 0, selectionEnd: 0 });
    await ime.detach();
    assert.equal(await settled(page, site, '팰컨 '), 'block');
    const marks = await editorMarks(page);
    assert.equal(marks.compositions, 3);
    assert.deepEqual(marks.duringComposition, []);
    await underlinesBecome(page, { block: ['팰컨'], warn: [], info: [] });
    await page.close();
  });

  // Needs the engine that keeps the hostile model off lone jamo (TONE007 flagged "ㅇㅇ" before).
  test(`${name}: a lone jamo ("ㅇ", then "ㅇㅇ") composed and committed ends with verdict ok`, async () => {
    const page = await site.open();
    await watchEditor(page, site.editor);
    await typeWithIme(page, 'ㅇ');
    assert.equal(await settled(page, site, 'ㅇ'), 'ok', 'a lone jamo is not a finding');
    await typeWithIme(page, 'ㅇ');
    assert.equal(await settled(page, site, 'ㅇㅇ'), 'ok', '“ㅇㅇ” (yes, yes) is not hostile');
    assert.deepEqual((await editorMarks(page)).duringComposition, []);
    await page.close();
  });
}

test('a page cannot silence the check with a compositionstart of its own', async () => {
  const site = SITES.X;
  const page = await site.open();
  await page.locator(site.editor).evaluate((editor) => editor.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true, composed: true })));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.insertText', { text: 'Project Falcon' }); // no key events: nothing else ends a composition
  await cdp.detach();
  // (DraftJS believes the fake event and holds its state back; riskhint reads what is on screen.)
  await page.waitForSelector(`${site.editor}[data-riskhint-verdict="block"]:not([data-riskhint-pending])`, { timeout: 15_000 });
  await page.close();
});
