// Korean typed the way a 2-set (두벌식) IME types it, through Chromium's own IME path (CDP
// Input.imeSetComposition, then Input.insertText to commit), and a watch on an editor that records
// every mark riskhint makes on or inside it, and whether an IME composition was active then.
//
//   const steps = imeSteps('오해를 드려');  // [{compose: 'ㅇ'}, {compose: '오'}, {compose: '옿'}, {commit: '오'}, …]
//   await typeWithIme(page, '오해를 드려');  // types them into the focused editor
//   await watchEditor(page, EDITOR);         // before typing; then:
//   const { duringComposition, afterLastComposition } = await editorMarks(page);

const L = 'ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ';
const V = 'ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ';
const T = ['', ...'ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ'];
/** A compound vowel and the vowel typed before its last key (ㅘ = ㅗ then ㅏ). */
const VOWEL_FIRST = { ㅘ: 'ㅗ', ㅙ: 'ㅗ', ㅚ: 'ㅗ', ㅝ: 'ㅜ', ㅞ: 'ㅜ', ㅟ: 'ㅜ', ㅢ: 'ㅡ' };
/** A double final and the final typed before its last key (ㄳ = ㄱ then ㅅ). */
const FINAL_FIRST = { ㄳ: 'ㄱ', ㄵ: 'ㄴ', ㄶ: 'ㄴ', ㄺ: 'ㄹ', ㄻ: 'ㄹ', ㄼ: 'ㄹ', ㄽ: 'ㄹ', ㄾ: 'ㄹ', ㄿ: 'ㄹ', ㅀ: 'ㄹ', ㅄ: 'ㅂ' };

const syllable = (l, v, t = '') => String.fromCharCode(0xac00 + (L.indexOf(l) * 21 + V.indexOf(v)) * 28 + T.indexOf(t));

/** A precomposed Hangul syllable's jamo, or null. */
function jamo(ch) {
  const code = ch.charCodeAt(0) - 0xac00;
  if (code < 0 || code >= 11172) return null;
  return { l: L[Math.floor(code / 588)], v: V[Math.floor((code % 588) / 28)], t: T[code % 28] };
}

/** ㄱ+ㅅ → ㄳ and so on. */
function combine(first, second) {
  const pairs = { ㄳ: 'ㄱㅅ', ㄵ: 'ㄴㅈ', ㄶ: 'ㄴㅎ', ㄺ: 'ㄹㄱ', ㄻ: 'ㄹㅁ', ㄼ: 'ㄹㅂ', ㄽ: 'ㄹㅅ', ㄾ: 'ㄹㅌ', ㄿ: 'ㄹㅍ', ㅀ: 'ㄹㅎ', ㅄ: 'ㅂㅅ' };
  return Object.entries(pairs).find(([, p]) => p === first + second)?.[0] ?? null;
}

/**
 * What a 2-set Korean IME does for `text`, key by key: {compose} shows a composition, {commit}
 * ends it with that text, {insert} is a key typed outside any composition (a space, a digit).
 * As a real IME does, the next syllable's first consonant is first composed as this syllable's
 * final ("오" then "옿"), and moves on when its vowel comes ("오" is committed, "해" composed).
 * @param {string} text
 * @returns {Array<{compose: string} | {commit: string} | {insert: string}>}
 */
export function imeSteps(text) {
  const steps = [];
  const chars = [...text];
  let borrowed = null; // the consonant the last syllable borrowed from this one
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    const parts = jamo(ch);
    if (!parts) {
      // A lone jamo (ㅇ) is composed and committed on its own; anything else is typed as it is.
      if (/[\u3131-\u318e]/.test(ch)) steps.push({ compose: ch }, { commit: ch });
      else steps.push({ insert: ch });
      borrowed = null;
      continue;
    }
    const { l, v, t } = parts;
    // A borrowed consonant was composed already (as the last syllable's final): its vowel comes next.
    if (!borrowed) steps.push({ compose: l });
    if (VOWEL_FIRST[v]) steps.push({ compose: syllable(l, VOWEL_FIRST[v]) });
    steps.push({ compose: syllable(l, v) });
    if (t) {
      if (FINAL_FIRST[t]) steps.push({ compose: syllable(l, v, FINAL_FIRST[t]) });
      steps.push({ compose: syllable(l, v, t) });
    }
    // The next syllable's initial consonant lands on this one first, while it can be a final.
    const next = jamo(chars[i + 1] ?? '');
    const final = next && (t ? combine(t, next.l) : T.includes(next.l) ? next.l : null);
    if (final) steps.push({ compose: syllable(l, v, final) });
    borrowed = final;
    steps.push({ commit: ch });
  }
  return steps;
}

/**
 * Types `text` into the focused editor as a Korean IME would (see imeSteps), through a CDP session.
 * @param {import('playwright-core').Page} page
 * @param {string} text
 */
export async function typeWithIme(page, text) {
  const cdp = await page.context().newCDPSession(page);
  try {
    for (const step of imeSteps(text)) {
      if ('compose' in step) {
        await cdp.send('Input.imeSetComposition', { text: step.compose, selectionStart: step.compose.length, selectionEnd: step.compose.length });
      } else {
        await cdp.send('Input.insertText', { text: step.commit ?? step.insert });
      }
    }
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/**
 * Starts a composition of `text` in the focused editor and leaves it open; returns the CDP session
 * (commit with session.send('Input.insertText', …), then detach).
 * @param {import('playwright-core').Page} page
 * @param {string} text
 */
export async function startComposition(page, text) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
  return cdp;
}

/**
 * Watches the editor matching `selector` (in the page's own world): every attribute, class or
 * node riskhint writes on or inside it is recorded with whether an IME composition was active
 * when it was written. The editor's own changes are not recorded. Mutation records arrive late
 * (a microtask later), so those pending at compositionstart and compositionend are taken then.
 * @param {import('playwright-core').Page} page
 * @param {string} selector
 */
export async function watchEditor(page, selector) {
  await page.evaluate((selector) => {
    const editor = document.querySelector(selector);
    if (!editor) throw new Error(`no editor ${selector}`);
    const state = { composing: false, compositions: 0, marks: [] };
    const riskhintNode = (node) => node.nodeType === 1 && /riskhint/i.test(node.outerHTML);
    const ours = (r) => r.type === 'attributes'
      ? /riskhint/i.test(r.attributeName) || (r.attributeName === 'class' && /riskhint/i.test(`${r.oldValue} ${r.target.getAttribute('class')}`))
      : r.type === 'childList' && [...r.addedNodes].some(riskhintNode);
    const note = (records, composing) => {
      for (const r of records) {
        if (!ours(r)) continue;
        state.marks.push({
          composing,
          afterComposition: state.compositions,
          what: r.type === 'attributes' ? `${r.attributeName}=${r.target.getAttribute(r.attributeName)}` : 'node',
          onEditor: r.target === editor,
        });
      }
    };
    const observer = new MutationObserver((records) => note(records, state.composing));
    observer.observe(editor, { attributes: true, attributeOldValue: true, childList: true, subtree: true });
    // Capture on window: before any listener of the page or of riskhint (which listens on document).
    addEventListener('compositionstart', () => {
      note(observer.takeRecords(), false);
      state.composing = true;
    }, true);
    addEventListener('compositionend', () => {
      note(observer.takeRecords(), true);
      state.composing = false;
      state.compositions++;
    }, true);
    window.__imeWatch = { state, flush: () => note(observer.takeRecords(), state.composing) };
  }, selector);
}

/**
 * What riskhint wrote on or in the watched editor: the marks written while a composition was
 * active (there must be none), how many compositions ended, and the marks written after the last.
 * @param {import('playwright-core').Page} page
 */
export function editorMarks(page) {
  return page.evaluate(() => {
    window.__imeWatch.flush();
    const { state } = window.__imeWatch;
    return {
      compositions: state.compositions,
      duringComposition: state.marks.filter((m) => m.composing),
      afterLastComposition: state.marks.filter((m) => !m.composing && m.afterComposition === state.compositions),
      all: state.marks,
    };
  });
}

/**
 * Waits until riskhint has checked the watched editor after its last composition ended: its
 * pending mark was cleared after that compositionend (a draft must never stay pending).
 * @param {import('playwright-core').Page} page
 */
export async function checkedAfterComposition(page) {
  await page.waitForFunction(() => {
    window.__imeWatch.flush();
    const { state } = window.__imeWatch;
    return !state.composing && state.marks.some((m) => !m.composing && m.afterComposition === state.compositions && m.what === 'data-riskhint-pending=null');
  }, null, { timeout: 15_000 });
}
