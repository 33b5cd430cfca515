// @ts-check
// Checks what the user types, in every composer of a site, and asks before a blocking draft is
// posted. The draft changes only when the user clicks Apply, through the editor's own input path
// (so its state, its Post button and its undo stay right); posting is never blocked outright.
//
// IMEs (Korean, Japanese, Chinese): while a composition is active, nothing is written on or inside
// the editor and the half-composed text is never checked. A page that changes the editor during a
// composition breaks IMEs (Lexical had to fix macOS Chrome dropping the first jamo of a syllable),
// and the verdict of half a syllable only flickers. The committed text is checked on compositionend.

/**
 * @typedef {{
 *   platform: PlatformName,
 *   editorSelector: string,
 *   blockSelector: string,
 *   postButtonSelector: string,
 *   postButtonFor: (editor: Element) => HTMLElement | null,
 *   controlsFor: (editor: Element) => Element[],
 *   editorsFor: (button: Element) => HTMLElement[],
 *   replyTo: (editor: Element) => string | null,
 *   replace: (editor: HTMLElement, range: Range, text: string) => Promise<void>,
 * }} ComposerAdapter
 * @typedef {{
 *   editor: HTMLElement, seq: number, checkedText: string | null, report: DraftReport | null,
 *   pill: HTMLElement | null, timer: number, ranges: Map<string, Range[]>,
 *   observer: MutationObserver, composing: boolean, semanticTimer: number,
 * }} Draft
 */

/* exported riskhintComposer */
var riskhintComposer = (() => {
  // A check takes well under a millisecond for a post-sized draft, so every edit is checked in the
  // task after it (edits of one task coalesce): the verdict follows each keystroke within a frame.
  // A long draft waits for a pause in typing instead.
  const LONG_DRAFT_CHARS = 5_000;
  const LONG_DRAFT_PAUSE_MS = 200;
  const SEVERITIES = ['block', 'warn', 'info'];
  /** @type {Record<string, number>} severities by weight, to compare with the review's threshold */
  const RANK = { info: 0, warn: 1, block: 2 };
  // The semantic tier (a sentence encoder in the worker, tens of milliseconds a draft) answers at a
  // pause in typing: this long after the last key's fast verdict, if no key came since.
  const SEMANTIC_PAUSE_MS = 40;

  /**
   * @param {ComposerAdapter} site
   */
  function start(site) {
    /** @type {Map<HTMLElement, Draft>} */
    const drafts = new Map();

    /** @param {HTMLElement} editor */
    const textOf = (editor) => riskhintText.read(editor, { blockSelector: site.blockSelector });

    /**
     * @param {HTMLElement} editor
     * @param {boolean} [composing] a composition started in it (its first check waits for the end)
     */
    function attach(editor, composing = false) {
      const known = drafts.get(editor);
      if (known) return known;
      // Only the editor's own subtree is observed; DraftJS re-renders it on every change,
      // including the ones our Apply makes (which fire no input event).
      const observer = new MutationObserver(() => schedule(d));
      /** @type {Draft} */
      const d = { editor, seq: 0, checkedText: null, report: null, pill: null, timer: 0, ranges: new Map(), observer, composing, semanticTimer: 0 };
      drafts.set(editor, d);
      observer.observe(editor, { childList: true, characterData: true, subtree: true });
      schedule(d, 0);
      return d;
    }

    /**
     * Sets (a string) or removes (null) one of our attributes on an editor, only when it changes:
     * the site's own observers see no churn.
     * @param {HTMLElement} editor
     * @param {string} name
     * @param {string | null} value
     */
    function mark(editor, name, value) {
      if (editor.getAttribute(name) === value) return;
      if (value === null) editor.removeAttribute(name);
      else editor.setAttribute(name, value);
    }

    /**
     * @param {Draft} draft
     * @param {number} [delay]
     */
    function schedule(draft, delay = (draft.editor.textContent?.length ?? 0) > LONG_DRAFT_CHARS ? LONG_DRAFT_PAUSE_MS : 0) {
      clearTimeout(draft.timer);
      clearTimeout(draft.semanticTimer);
      // compositionend schedules the check of the committed text.
      if (draft.composing) return;
      // Until the current text is checked, the verdict shown is for an earlier text.
      mark(draft.editor, 'data-riskhint-pending', '');
      const run = () => check(draft).catch(() => draft.composing || mark(draft.editor, 'data-riskhint-pending', null));
      if (delay > 0) {
        draft.timer = window.setTimeout(run, delay);
      } else {
        // This runs from the editor's MutationObserver, after every edit of the task: no timer to wait for.
        draft.timer = 0;
        queueMicrotask(run);
      }
    }

    /**
     * Checks the draft's current text. A reply for text that has changed since is dropped. During
     * a composition, the last verdict stands (compositionend checks again).
     * @param {Draft} draft
     * @returns {Promise<DraftReport | null>}
     */
    function check(draft) {
      if (draft.composing) return Promise.resolve(draft.report);
      if (riskhintClient.isPaused()) {
        clear(draft);
        return Promise.resolve(null);
      }
      const text = textOf(draft.editor).text;
      if (text === draft.checkedText && draft.report) {
        // The editor re-rendered the same text (DraftJS does when a composition ends): the
        // underlines' ranges point into nodes that are gone, so they are anchored again.
        render(draft);
        return Promise.resolve(draft.report);
      }
      const seq = ++draft.seq;
      mark(draft.editor, 'data-riskhint-tier', 'fast');
      const replyTo = site.replyTo(draft.editor);
      return riskhintClient.check(text, { platform: site.platform, ...(replyTo ? { replyTo } : {}) }).then((report) => {
        if (seq !== draft.seq) return draft.report; // a newer check is on its way
        if (draft.composing) return draft.report; // compositionend checks the committed text
        if (textOf(draft.editor).text !== text) return check(draft); // typed meanwhile: never show a stale result
        draft.checkedText = text;
        draft.report = report;
        render(draft);
        draft.semanticTimer = window.setTimeout(() => checkSemantic(draft, seq, text, replyTo), SEMANTIC_PAUSE_MS);
        return report;
      });
    }

    /**
     * At a pause in typing, the verdict of both tiers replaces the fast one in place: same text,
     * same check (`seq`), no composition. Unavailable (no asset, an old engine): the fast verdict
     * stands and nothing is said.
     * @param {Draft} draft
     * @param {number} seq
     * @param {string} text
     * @param {string | null} replyTo
     */
    function checkSemantic(draft, seq, text, replyTo) {
      if (seq !== draft.seq || draft.composing || riskhintClient.isPaused()) return;
      riskhintClient.checkSemantic(text, { platform: site.platform, ...(replyTo ? { replyTo } : {}) }).then((report) => {
        if (seq !== draft.seq || draft.composing || draft.checkedText !== text || textOf(draft.editor).text !== text) return;
        draft.report = report;
        mark(draft.editor, 'data-riskhint-tier', 'semantic');
        render(draft);
      }, () => {});
    }

    /**
     * The current findings of a draft (ignored ones are already left out by the worker).
     * @param {Draft} draft
     * @returns {Finding[]}
     */
    const findingsOf = (draft) => draft.report?.findings ?? [];

    /** @param {Draft} draft */
    function render(draft) {
      const { editor } = draft;
      if (!editor.isConnected) return forget(draft);
      if (draft.composing) return;
      if (riskhintClient.isPaused()) return clear(draft); // an answer that arrived after the user paused
      const findings = findingsOf(draft);
      const verdict = draft.report?.verdict ?? 'ok';
      const model = textOf(editor);
      mark(editor, 'data-riskhint-verdict', verdict);
      mark(editor, 'data-riskhint-findings', String(findings.length));
      if (model.text === draft.checkedText) mark(editor, 'data-riskhint-pending', null);
      draft.ranges = new Map(SEVERITIES.map((s) => [s, []]));
      if (model.text === draft.checkedText) {
        for (const f of findings) {
          const range = riskhintText.range(model, f.start, f.end);
          if (range) draft.ranges.get(f.severity)?.push(range);
        }
      }
      paintHighlights();
      // The site's controls the pill keeps clear of, found once a check (their rects are read as
      // the pill moves).
      const controls = findings.length ? [site.postButtonFor(editor), ...site.controlsFor(editor)].filter((el) => el !== null) : [];
      draft.pill = riskhintUi.pill(draft.pill, editor, verdict, findings, (f) => openFinding(draft, [f], true), () => controls);
    }

    /** Underlines every composer's findings: one highlight per severity (highlights.css styles them). */
    function paintHighlights() {
      for (const severity of SEVERITIES) {
        const ranges = [...drafts.values()].flatMap((d) => d.ranges.get(severity) ?? []);
        if (ranges.length) CSS.highlights.set(`riskhint-${severity}`, new Highlight(...ranges));
        else CSS.highlights.delete(`riskhint-${severity}`);
      }
    }

    /**
     * Removes every mark riskhint made on a composer (when paused on this site).
     * @param {Draft} draft
     */
    function clear(draft) {
      for (const name of ['data-riskhint-verdict', 'data-riskhint-findings', 'data-riskhint-pending', 'data-riskhint-tier']) mark(draft.editor, name, null);
      draft.ranges = new Map();
      draft.report = null;
      draft.checkedText = null;
      draft.pill?.remove();
      draft.pill = null;
      paintHighlights();
    }

    /**
     * Drops a composer that left the page (a closed reply dialog).
     * @param {Draft} draft
     */
    function forget(draft) {
      draft.observer.disconnect();
      clearTimeout(draft.timer);
      clearTimeout(draft.semanticTimer);
      draft.pill?.remove();
      drafts.delete(draft.editor);
      paintHighlights();
    }

    /**
     * Opens the card of `findings` (those under one word: a word several findings share shows
     * them all), anchored on the first one's words.
     * @param {Draft} draft
     * @param {Finding[]} findings
     * @param {boolean} [fromList] opened from the pill's list: focus moves into the card
     */
    function openFinding(draft, findings, fromList = false) {
      const model = textOf(draft.editor);
      const [first] = findings;
      const range = model.text === draft.checkedText ? riskhintText.range(model, first.start, first.end) : null;
      // The card follows the finding's words as the page scrolls (the editor, once they are gone).
      const anchor = () => {
        const rect = range?.startContainer.isConnected ? range.getBoundingClientRect() : null;
        if (rect && (rect.width || rect.height)) return rect;
        return draft.editor.isConnected ? draft.editor.getBoundingClientRect() : null;
      };
      const failed = (/** @type {string} */ what) => (/** @type {unknown} */ error) => console.warn(`riskhint: could not ${what}`, error);
      riskhintUi.findingCard(findings, anchor, (finding) => ({
        apply: (suggestion) => apply(draft, suggestion).catch(failed('apply the fix')),
        fill: (suggestion, values) => fill(draft, suggestion, values).catch(failed('fill in the fix')),
        // Kept from now on (options lists it); the worker leaves it out of the next check.
        ignore: async () => {
          draft.editor.focus();
          await riskhintClient.ignore(finding).catch(failed('ignore the finding'));
          draft.checkedText = null;
          schedule(draft, 0);
        },
        // The worker keeps it (options lists it) and re-checks open drafts once it is in force.
        turnOff: async () => {
          await riskhintClient.turnOff(finding.code).catch(failed('turn the rule off'));
          draft.editor.focus();
        },
      }), fromList);
    }

    /**
     * Makes an edit of the engine's (a fix, or all safe fixes at once) through the editor's own
     * input path; Ctrl+Z undoes it. The edit is made exactly as the engine wrote it: the text
     * after it is the text the CLI's fix gives.
     * @param {Draft} draft
     * @param {{start: number, end: number, replacement?: string}} edit
     */
    async function apply(draft, edit) {
      if (draft.composing) {
        // The edit would land inside the syllable being composed (and break the IME).
        riskhintUi.notice(riskhintI18n.t('applyWhileComposing'), draft.editor.getBoundingClientRect());
        return;
      }
      const model = textOf(draft.editor);
      if (model.text !== draft.checkedText) return; // the draft moved on; a new check is coming
      const paste = pasteable(model.text, edit.start, edit.end, edit.replacement ?? '');
      const range = riskhintText.range(model, paste.start, paste.end);
      if (!range) return;
      await site.replace(draft.editor, range, paste.text);
    }

    /**
     * Makes a fill-in fix with the words the user gave: the engine builds the sentence (Korean
     * particles fitted to the words) and its clean edit.
     * @param {Draft} draft
     * @param {Suggestion} suggestion a prompt
     * @param {Record<string, string>} values
     */
    async function fill(draft, suggestion, values) {
      const text = draft.checkedText;
      if (text === null || textOf(draft.editor).text !== text) return;
      const edit = await riskhintClient.fill(text, suggestion, values);
      if (edit) await apply(draft, edit);
    }

    /**
     * The element an event happened on, also inside an open shadow root (LinkedIn's share box),
     * where event.target is only the shadow host.
     * @param {Event} event
     */
    const targetOf = (event) => {
      const node = event.composedPath()[0] ?? event.target;
      return /** @type {Element} */ (node instanceof Element ? node : (/** @type {Node} */ (node)).parentElement);
    };

    // Clicking inside an underlined span opens its card.
    document.addEventListener('click', (event) => {
      const editor = /** @type {HTMLElement | null} */ (targetOf(event).closest?.(site.editorSelector));
      const draft = editor && drafts.get(editor);
      // Inside a shadow root, the document's selection shows only the host (Chromium).
      const root = /** @type {Document | (ShadowRoot & {getSelection?: () => Selection | null})} */ (editor?.getRootNode() ?? document);
      const selection = root.getSelection?.() ?? getSelection();
      if (!draft || !selection?.anchorNode || !selection.isCollapsed) return;
      const model = textOf(draft.editor);
      if (model.text !== draft.checkedText) return;
      const at = riskhintText.offsetOf(model, selection.anchorNode, selection.anchorOffset);
      const here = findingsOf(draft).filter((f) => at >= f.start && at <= f.end && f.end > f.start);
      if (here.length) openFinding(draft, here);
    });

    // Compositions: nothing is checked or written from compositionstart to compositionend. Chrome
    // fires compositionend before the input event of the committed text on some platforms, so the
    // check waits a task; the mutations that follow (DraftJS re-renders the block) are checked too.
    // A page's fake compositionstart must not silence checks: only the browser's own counts. (Not
    // so for compositionend, which Chromium dispatches untrusted when an IME commits; a fake one
    // only brings a check.)
    document.addEventListener('compositionstart', (event) => {
      if (!event.isTrusted) return;
      const editor = /** @type {HTMLElement | null} */ (targetOf(event).closest?.(site.editorSelector));
      if (!editor) return;
      const draft = drafts.get(editor);
      if (!draft) return void attach(editor, true);
      draft.composing = true;
      clearTimeout(draft.timer);
    }, true);
    document.addEventListener('compositionend', (event) => {
      const editor = /** @type {HTMLElement | null} */ (targetOf(event).closest?.(site.editorSelector));
      const draft = editor && drafts.get(editor);
      if (draft) endComposition(draft);
    }, true);
    // A compositionend that never came (the IME went away): a key typed outside a composition
    // ends it, so that a draft never stays unchecked.
    document.addEventListener('keydown', (event) => {
      if (event.isComposing || event.key === 'Process' || event.keyCode === 229) return;
      const editor = /** @type {HTMLElement | null} */ (targetOf(event).closest?.(site.editorSelector));
      const draft = editor && drafts.get(editor);
      if (draft?.composing) endComposition(draft);
    }, true);

    // Alt+Shift+R: from a draft with findings to its list (focus on the first finding), and back
    // (overlay.js: the list's own keys), the caret where it was. Only the user's own key, never
    // during an IME composition.
    document.addEventListener('keydown', (event) => {
      if (!event.isTrusted || !riskhintUi.isListShortcut(event)) return;
      const editor = /** @type {HTMLElement | null} */ (targetOf(event).closest?.(site.editorSelector));
      const draft = editor && drafts.get(editor);
      if (!draft?.pill?.isConnected || draft.composing || !findingsOf(draft).length) return;
      event.preventDefault();
      event.stopPropagation();
      const caret = caretIn(draft.editor);
      riskhintUi.openPillList(draft.pill, () => restoreCaret(draft.editor, caret));
    }, true);

    /**
     * The selection in `editor` (a copy), to put back later.
     * @param {HTMLElement} editor
     */
    function caretIn(editor) {
      const root = /** @type {Document | (ShadowRoot & {getSelection?: () => Selection | null})} */ (editor.getRootNode());
      const selection = root.getSelection?.() ?? getSelection();
      const range = selection?.rangeCount ? selection.getRangeAt(0) : null;
      return range && editor.contains(range.startContainer) ? range.cloneRange() : null;
    }

    /**
     * Focus back in `editor`, with the selection `caret` (when its nodes are still there).
     * @param {HTMLElement} editor
     * @param {Range | null} caret
     */
    function restoreCaret(editor, caret) {
      editor.focus();
      if (!caret || !editor.contains(caret.startContainer) || !editor.contains(caret.endContainer)) return;
      const root = /** @type {Document | (ShadowRoot & {getSelection?: () => Selection | null})} */ (editor.getRootNode());
      const selection = root.getSelection?.() ?? getSelection();
      selection?.removeAllRanges();
      selection?.addRange(caret);
    }

    /** @param {Draft} draft */
    function endComposition(draft) {
      draft.composing = false;
      clearTimeout(draft.timer);
      draft.timer = window.setTimeout(() => schedule(draft, 0), 0);
    }

    document.addEventListener('focusin', (event) => {
      const editor = /** @type {HTMLElement | null} */ (targetOf(event).closest?.(site.editorSelector));
      if (!editor) return;
      drafts.forEach((d) => d.editor.isConnected || forget(d));
      // A composer seen before is not checked again on focus (its text is unchanged), but the
      // worker may have stopped since: start it while the user is still placing the cursor.
      if (drafts.has(editor) && !riskhintClient.isPaused()) riskhintClient.warm();
      attach(editor);
    }, true);

    // Review before posting: the Post button and Ctrl/Cmd+Enter. Capture on window runs before
    // the site's own handlers, so a blocking draft waits for the user's choice.
    /** @type {WeakSet<HTMLElement>} buttons clicked by us after the user chose to post */
    const confirmed = new WeakSet();
    window.addEventListener('click', (event) => {
      const button = /** @type {HTMLElement | null} */ (targetOf(event).closest?.(site.postButtonSelector));
      if (!button) return;
      if (confirmed.delete(button)) return;
      const editors = site.editorsFor(button);
      if (editors.length) guard(event, editors, button);
    }, true);
    window.addEventListener('keydown', (event) => {
      // Enter or Space on a focused Post button that is not a real <button> (Facebook's
      // div[role=button]) posts through the site's own key handler, with no click event.
      const focusedButton = /** @type {HTMLElement | null} */ (targetOf(event).closest?.(site.postButtonSelector));
      if (focusedButton && focusedButton.localName !== 'button' && (event.key === 'Enter' || event.key === ' ')) {
        const editors = site.editorsFor(focusedButton);
        if (editors.length) guard(event, editors, focusedButton);
        return;
      }
      if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
      const editor = /** @type {HTMLElement | null} */ (targetOf(event).closest?.(site.editorSelector));
      const button = editor && site.postButtonFor(editor);
      if (editor && button) guard(event, site.editorsFor(button), button);
    }, true);

    /**
     * Lets the post through, or holds it for the review dialog. A thread posts all its editors,
     * so all of them are checked.
     * @param {Event} event
     * @param {HTMLElement[]} editors
     * @param {HTMLElement} button
     */
    function guard(event, editors, button) {
      if (riskhintClient.isPaused()) return;
      const all = editors.map((editor) => attach(editor));
      // The findings that ask before posting: blocking ones always; warn-level ones too where the
      // policy says so for the author's role (executives and PR staff, by default).
      const toReview = (/** @type {Draft} */ d) => {
        const from = RANK[d.report?.review?.from ?? 'block'] ?? RANK.block;
        return findingsOf(d).filter((f) => RANK[f.severity] >= from);
      };
      const found = () => all.flatMap(toReview);
      // A draft being composed keeps the verdict of its text before the syllable in progress.
      const fresh = all.every((d) => d.composing || d.checkedText === textOf(d.editor).text);
      if (fresh && !found().length) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      const post = () => {
        confirmed.add(button);
        button.click();
      };
      Promise.all(all.map(check)).then(
        async () => {
          const findings = found();
          if (!findings.length) return post();
          const draftOf = (/** @type {Finding} */ f) => all.find((d) => findingsOf(d).includes(f)) ?? all[0];
          const withFixes = all.find((d) => d.report?.fix_all);
          const answer = await riskhintUi.review(findings, {
            fixAll: withFixes?.report?.fix_all ?? null,
            requireReason: all.some((d) => d.report?.review?.require_reason),
            apply: (f, s) => apply(draftOf(f), s).catch((error) => console.warn('riskhint: could not apply the fix', error)),
            applyAll: () => withFixes?.report?.fix_all && apply(withFixes, withFixes.report.fix_all).catch((error) => console.warn('riskhint: could not apply the fixes', error)),
          });
          if (answer.choice === 'post') {
            // Kept in this device's history only, with the reason if one was asked for.
            riskhintClient.postedAnyway([...new Set(findings.map((f) => f.code))], answer.reason).catch(() => {});
            post();
          } else {
            (all.find((d) => toReview(d).length)?.editor ?? editors[0]).focus();
          }
        },
        // The engine is unavailable: never stand between the user and their post.
        post,
      );
    }

    // Resizing and scrolling move composers; the pills follow.
    const follow = () => drafts.forEach((d) => d.pill && riskhintUi.placePill(d.pill, d.editor));
    addEventListener('scroll', follow, { passive: true, capture: true });
    addEventListener('resize', follow, { passive: true });

    riskhintClient.onPauseChange(() => drafts.forEach((d) => schedule(d, 0)));
    riskhintClient.onSettingsChange(() => drafts.forEach((d) => {
      d.checkedText = null;
      schedule(d, 0);
    }));

    // A composer that already has focus when we arrive.
    let focused = document.activeElement;
    while (focused?.shadowRoot?.activeElement) focused = focused.shadowRoot.activeElement;
    const active = focused?.closest?.(site.editorSelector);
    if (active) attach(/** @type {HTMLElement} */ (active));
  }

  /**
   * The same edit as one a paste can make. A paste of nothing does nothing in most editors, so a
   * removal takes a neighbouring character along and pastes it back: the text after it is exactly
   * the engine's (which already closed up the spaces).
   * @param {string} text
   * @param {number} start
   * @param {number} end
   * @param {string} replacement
   */
  function pasteable(text, start, end, replacement) {
    if (replacement || start === end) return { start, end, text: replacement };
    const before = start > 0 ? text.slice(start - (isLowSurrogate(text, start - 1) ? 2 : 1), start) : '';
    // A line break is taken along only when nothing else is there: pasting one splits a block.
    if (before && before !== '\n') return { start: start - before.length, end, text: before };
    const after = end < text.length ? text.slice(end, end + (isLowSurrogate(text, end + 1) ? 2 : 1)) : '';
    if (after && after !== '\n') return { start, end: end + after.length, text: after };
    if (before) return { start: start - before.length, end, text: before };
    return { start, end, text: '' };
  }

  /**
   * @param {string} text
   * @param {number} i
   */
  function isLowSurrogate(text, i) {
    const code = text.charCodeAt(i);
    return code >= 0xdc00 && code <= 0xdfff;
  }

  /**
   * The elements matching `selector` in the nearest ancestor of `from` that holds any: how an
   * editor finds its Post button and a Post button its editors. `stop` bounds the search (a
   * dialog), so that a composer never reaches the page's other composers.
   * @param {Element} from
   * @param {string} selector
   * @param {Element | null} [stop]
   * @returns {HTMLElement[]}
   */
  function nearest(from, selector, stop = null) {
    for (let scope = from.parentElement; scope; scope = scope.parentElement) {
      const found = scope.querySelectorAll(selector);
      if (found.length) return /** @type {HTMLElement[]} */ ([...found]);
      if (scope === stop) break;
    }
    return [];
  }

  /**
   * The elements matching `selector` around an editor: in its nearest ancestor that also holds its
   * Post button (the composer), or its parent when it has none; never one that holds the editor.
   * How a site finds the controls the pill keeps clear of.
   * @param {Element} editor
   * @param {string} selector
   * @param {Element | null} button the editor's Post button
   * @returns {Element[]}
   */
  function around(editor, selector, button) {
    let scope = editor.parentElement;
    while (scope && button && !scope.contains(button)) scope = scope.parentElement;
    return scope ? [...scope.querySelectorAll(selector)].filter((el) => !el.contains(editor)) : [];
  }

  /**
   * Puts the user's selection on `range` in `editor`, then gives the editor a frame to take it in
   * (DraftJS, Lexical and Quill read the selection on selectionchange) before an edit is sent.
   * @param {HTMLElement} editor
   * @param {Range} range
   */
  async function select(editor, range) {
    editor.focus();
    const selection = getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  }

  return { start, pasteable, nearest, around, select };
})();
