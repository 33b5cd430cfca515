// @ts-check
// The text of a DOM subtree as the engine sees it, and the way back: a UTF-16 offset of that text
// to a DOM position. Used for posts (X draws emoji as <img alt>) and for editors (blocks become
// lines). Read-only: nothing here changes the page.

/* exported riskhintText */
var riskhintText = (() => {
  /**
   * @typedef {{node: Node, start: number, end: number, atomic: boolean}} Piece
   *   a text node, or an atomic element (an emoji <img>) that stands for its alt text
   * @typedef {{text: string, pieces: Piece[], root: Element}} TextModel
   */

  /**
   * Reads `root`'s text. Elements matching `blockSelector` are lines, joined by "\n"; `skip`
   * elements (a quoted post inside a post) are left out.
   * @param {Element} root
   * @param {{blockSelector?: string, skip?: Element | null}} [options]
   * @returns {TextModel}
   */
  function read(root, { blockSelector, skip = null } = {}) {
    /** @type {Piece[]} */
    const pieces = [];
    let text = '';
    let blocks = 0;
    /** @param {Node} node */
    const walk = (node) => {
      if (node === skip) return;
      if (node.nodeType === Node.TEXT_NODE) {
        const value = node.nodeValue ?? '';
        pieces.push({ node, start: text.length, end: text.length + value.length, atomic: false });
        text += value;
        return;
      }
      if (!(node instanceof Element)) return;
      if (node.localName === 'img' && node.getAttribute('alt')) {
        const alt = node.getAttribute('alt') ?? '';
        pieces.push({ node, start: text.length, end: text.length + alt.length, atomic: true });
        text += alt;
        return;
      }
      const isBlock = blockSelector !== undefined && node.matches(blockSelector);
      if (isBlock && blocks++ > 0) text += '\n';
      for (const child of node.childNodes) walk(child);
    };
    walk(root);
    return { text, pieces, root };
  }

  /**
   * The DOM position of a UTF-16 offset of the model's text.
   * @param {TextModel} model
   * @param {number} offset
   * @param {'start' | 'end'} side a range's start binds to the piece after a boundary, its end to
   *   the piece before, so that a range never spills into a neighbouring element
   * @returns {[Node, number]}
   */
  function position(model, offset, side) {
    const pieces = model.pieces;
    const piece =
      side === 'start'
        ? pieces.find((p) => offset >= p.start && offset < p.end) ?? pieces.find((p) => p.start >= offset) ?? pieces.at(-1)
        : pieces.findLast((p) => offset > p.start && offset <= p.end) ?? pieces.findLast((p) => p.end <= offset) ?? pieces[0];
    if (!piece) return [model.root, 0];
    if (!piece.atomic) return [piece.node, Math.max(0, Math.min(offset, piece.end) - piece.start)];
    const parent = /** @type {Node} */ (piece.node.parentNode);
    const index = Array.prototype.indexOf.call(parent.childNodes, piece.node);
    return [parent, side === 'start' ? index : index + 1];
  }

  /**
   * A live DOM Range over [start, end) of the model's text, or null if the DOM moved on.
   * @param {TextModel} model
   * @param {number} start
   * @param {number} end
   */
  function range(model, start, end) {
    const from = position(model, start, 'start');
    const to = position(model, end, end === start ? 'start' : 'end');
    if (!from || !to || !from[0].isConnected || !to[0].isConnected) return null;
    const r = document.createRange();
    try {
      r.setStart(from[0], from[1]);
      r.setEnd(to[0], to[1]);
    } catch {
      return null;
    }
    return r;
  }

  /**
   * The text offset of a DOM position inside the model's root (a caret), or -1.
   * @param {TextModel} model
   * @param {Node} node
   * @param {number} offset
   */
  function offsetOf(model, node, offset) {
    for (const piece of model.pieces) {
      if (piece.node === node) return piece.start + (piece.atomic ? 0 : Math.min(offset, piece.end - piece.start));
    }
    if (node instanceof Element) {
      // A caret between children: the offset of the next piece at or after that child.
      const child = node.childNodes[offset];
      const after = child ? model.pieces.find((p) => child === p.node || child.contains(p.node)) : null;
      if (after) return after.start;
      const inside = model.pieces.filter((p) => node.contains(p.node));
      if (inside.length) return inside[inside.length - 1].end;
    }
    return -1;
  }

  return { read, range, offsetOf };
})();
