// @ts-check
// What every site adapter shares (docs/adding-a-site.md): counts as sites print them, a stable id
// for a post the page gives none, and the one call that starts the feed and the composer. An
// adapter itself is a table of selectors and the few functions that read its site's markup.

/* exported riskhintSites */
var riskhintSites = (() => {
  /** What a count's unit multiplies by: K and M as English sites print them, 천 and 만 as Korean. */
  const UNITS = /** @type {const} */ ({ k: 1e3, m: 1e6, 천: 1e3, 만: 1e4 });
  const COUNT = /^(\d[\d.,]*)([KkMm천만]?)$/;
  /** A number with one separator and one or two digits after it: the separator is a decimal point. */
  const DECIMAL = /^(\d+)[.,](\d{1,2})$/;

  /**
   * A count as a site prints it: "2,378" → 2378, "1.8K" → 1800, "1,2K" → 1200 (a decimal comma),
   * "3.4만" → 34000, "5천" → 5000, "1 234" → 1234. 0 for anything that is not a count: counts are
   * best effort, and a missing one must not stop a post being labelled.
   * @param {string | null | undefined} text
   */
  function count(text) {
    const match = (text ?? '').replace(/\s/g, '').match(COUNT);
    if (!match) return 0;
    const [, digits, unit] = match;
    // Without a unit every separator groups thousands ("1.234" is 1234 in much of Europe).
    if (!unit) return Number(digits.replace(/[.,]/g, '')) || 0;
    const decimal = digits.match(DECIMAL);
    const value = decimal ? Number(`${decimal[1]}.${decimal[2]}`) : Number(digits.replace(/[.,]/g, ''));
    return Math.round(value * UNITS[/** @type {keyof typeof UNITS} */ (unit.toLowerCase())]) || 0;
  }

  /**
   * A stable id for a post (or comment) the page gives no id: a 53-bit hash (cyrb53) of its author
   * and text, in base 36. The same post gets the same id wherever and whenever it is shown.
   * @param {string} author
   * @param {string} text
   */
  function postHash(author, text) {
    const value = `${author}\n${text}`;
    let h1 = 0xdeadbeef;
    let h2 = 0x41c6ce57;
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
  }

  /**
   * Starts riskhint on a site: its feed is labelled and its composers checked.
   * @param {{feed: FeedAdapter, composer: ComposerAdapter}} adapter
   */
  function start({ feed, composer }) {
    riskhintTimeline.start(feed);
    riskhintComposer.start(composer);
  }

  return { count, postHash, start };
})();
