// @ts-check
// The feed labels (product.md's stable names), most serious first, and their names in the UI
// language (messages label_<name> in _locales): for the in-page overlay and the popup.

/* exported riskhintLabels */
var riskhintLabels = {
  ALL: ['crisis-signal', 'possible-leak', 'hostile', 'media-inquiry', 'complaint', 'undisclosed-promotion', 'brand-mention'],
  /**
   * What the UI calls `label`.
   * @param {string} label
   */
  name(label) {
    const key = `label_${label.replace(/-/g, '_')}`;
    const name = riskhintI18n.t(key);
    return name === key ? label : name; // a label newer than this UI: its own name
  },
};
