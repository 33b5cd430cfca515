// @ts-check
// riskhint's bridge into LinkedIn's own page (this file runs in the page's MAIN world). LinkedIn's
// post editor is Quill, and a Quill instance is reachable only from the page's JavaScript. When the
// user clicks Apply, the adapter (linkedin.js, in the extension's isolated world) selects the span
// and asks for one edit with a DOM event on the editor; this script makes it through Quill's API as
// a 'user' change, so that Quill's state, LinkedIn's Post button and Ctrl+Z follow, and answers on
// the same element. It does nothing until asked and reads nothing else of the page.

(() => {
  const REQUEST = 'riskhint:quill-replace';
  const REPLY = 'riskhint:quill-replaced';

  /**
   * What riskhint uses of a Quill editor (Quill 1 and 2 alike).
   * @typedef {{
   *   root: Element,
   *   getSelection: () => {index: number, length: number} | null,
   *   getText: (index: number, length: number) => string,
   *   getFormat: (index: number, length: number) => Record<string, unknown>,
   *   getModule: (name: string) => {cutoff: () => void} | undefined,
   *   updateContents: (ops: object[], source: string) => unknown,
   *   setSelection: (index: number, length: number, source: string) => void,
   * }} Quill
   */

  /**
   * The Quill instance whose editor root is `root`: Quill 1 keeps it on its container (__quill);
   * Quill 2 only in a registry that a global Quill (a UMD build) can read.
   * @param {HTMLElement} root
   */
  function quillOf(root) {
    const container = /** @type {(HTMLElement & {__quill?: Quill}) | null} */ (root.parentElement);
    const registry = /** @type {{Quill?: {find?: (node: Element | null) => Quill | null}}} */ (/** @type {unknown} */ (window)).Quill;
    const quill = container?.__quill ?? registry?.find?.(container);
    return quill?.root === root ? quill : null;
  }

  /**
   * Replaces [index, index + length) with `text`, keeping the replaced text's formats, as one
   * undo step of its own (not merged with the typing just before it).
   * @param {Quill} quill
   * @param {{start: number, end: number, text: string, expected: string}} request
   *   text offsets as Quill's getText() counts them, and the text they must still hold
   */
  function replace(quill, { start, end, text, expected }) {
    // Quill maps the selection the adapter made to its own index (embeds count 1 there); the
    // offsets are the fallback. Either must still hold the expected text, or nothing changes.
    const selected = quill.getSelection();
    const target = [selected, { index: start, length: end - start }]
      .find((t) => t && quill.getText(t.index, t.length) === expected);
    if (!target) return false;
    const formats = target.length ? quill.getFormat(target.index, target.length) : {};
    const ops = [];
    if (target.index) ops.push({ retain: target.index });
    if (target.length) ops.push({ delete: target.length });
    if (text) ops.push(Object.keys(formats).length ? { insert: text, attributes: formats } : { insert: text });
    const history = quill.getModule('history');
    history?.cutoff();
    quill.updateContents(ops, 'user');
    history?.cutoff();
    quill.setSelection(target.index + text.length, 0, 'silent');
    return true;
  }

  addEventListener(REQUEST, (event) => {
    const root = event.composedPath()[0];
    const detail = /** @type {CustomEvent<unknown>} */ (event).detail;
    // From the isolated world's adapter (linkedin.js, askQuill); checked, since the page can send it too.
    const request = /** @type {{id?: unknown, start: number, end: number, text: string, expected: string} | null} */ (detail && typeof detail === 'object' ? detail : null);
    if (!(root instanceof HTMLElement) || !request || typeof request.text !== 'string') return;
    let ok = false;
    try {
      const quill = quillOf(root);
      ok = quill ? replace(quill, request) : false;
    } catch (error) {
      console.debug('riskhint: Quill did not take the edit', error);
    }
    root.dispatchEvent(new CustomEvent(REPLY, { detail: { id: request.id, ok }, composed: true }));
  }, true);
})();
