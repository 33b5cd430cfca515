// @ts-check
// The UI's words, from _locales/{en,ko}/messages.json, for the overlay, the popup and options.
//
// chrome.i18n follows the browser's language only, and riskhint lets the user choose another in
// options (storage.local.language). So: the browser's language goes through chrome.i18n; a chosen
// language that differs loads that locale's messages.json (an extension page reads it directly; a
// content script asks the worker, since reading extension files from a page would expose them to
// the site) and formats its messages the way chrome.i18n does, with the same placeholders.

/* exported riskhintI18n */
var riskhintI18n = (() => {
  const { request: REQUEST, key: KEY } = riskhintProtocol;
  /** @typedef {LocaleMessages} Messages */

  // The language of the messages chrome.i18n picked (its own choice among our locales; with
  // --lang, getUILanguage() can disagree with it).
  const browserLanguage = () => (chrome.i18n.getMessage('uiLanguage') === 'ko' ? 'ko' : 'en');
  let language = browserLanguage();
  /** @type {Messages | null} the chosen locale's messages, when it is not the browser's */
  let messages = null;
  /** @type {Array<() => void>} */
  const listeners = [];

  /** @param {string} lang */
  async function fetchMessages(lang) {
    if (location.protocol === 'chrome-extension:') return (await fetch(chrome.runtime.getURL(`_locales/${lang}/messages.json`))).json();
    /** @type {WorkerReply<'messages'> | undefined} */
    const reply = await chrome.runtime.sendMessage({ type: REQUEST.messages, lang });
    if (!reply?.ok) throw new Error(reply?.error || 'no messages');
    return reply.messages;
  }

  /** @param {unknown} chosen storage.local.language */
  async function use(chosen) {
    const lang = chosen === 'ko' || chosen === 'en' ? chosen : browserLanguage();
    let table = null;
    if (lang !== browserLanguage()) {
      try {
        table = await fetchMessages(lang);
      } catch (error) {
        // Keep the browser's language rather than show keys.
        console.warn('riskhint: could not load the chosen language', error);
        return;
      }
    }
    language = lang;
    messages = table;
    listeners.forEach((run) => run());
  }

  let loaded = chrome.storage.local.get(KEY.language).then((stored) => use(stored[KEY.language])).catch(() => {});
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && KEY.language in changes) loaded = use(changes[KEY.language].newValue);
  });

  /**
   * A message with its substitutions ($1…$9 through the message's placeholders), as chrome.i18n
   * formats it.
   * @param {Messages[string]} entry
   * @param {string[]} substitutions
   */
  function format(entry, substitutions) {
    const placeholders = entry.placeholders ?? {};
    return entry.message
      .replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name) => placeholders[name.toLowerCase()]?.content ?? whole)
      // One pass, so a substituted value is inserted as it is (a "$$" in it stays "$$").
      .replace(/\$(\$|\d)/g, (_, token) => (token === '$' ? '$' : substitutions[Number(token) - 1] ?? ''));
  }

  /**
   * The text of message `key`, with its substitutions in the English text's order.
   * @param {string} key
   * @param {...(string | number)} substitutions
   */
  function t(key, ...substitutions) {
    const strings = substitutions.map(String);
    const entry = messages?.[key];
    const text = entry ? format(entry, strings) : chrome.i18n.getMessage(key, strings);
    return text || key;
  }

  return {
    t,
    /** Resolves once the chosen language is known and loaded (also after a change). */
    ready: () => loaded,
    /** 'en' or 'ko': the language the UI speaks now (and asks the engine's messages in). */
    language: () => language,
    /**
     * Runs `run` after the language changed.
     * @param {() => void} run
     */
    onChange(run) {
      listeners.push(run);
    },
    /**
     * A date in the UI's language (which options can set apart from the browser's, so never the
     * browser's locale): "Dec 4, 2026" or "2026. 12. 4.", with the time if asked.
     * @param {string | number | Date} value an ISO string, a timestamp or a Date
     * @param {{time?: boolean, timeZone?: string}} [options]
     */
    formatDate(value, { time = false, timeZone } = {}) {
      const date = new Date(value);
      if (Number.isNaN(date.getTime())) return String(value);
      return new Intl.DateTimeFormat(language, { dateStyle: 'medium', ...(time ? { timeStyle: 'short' } : {}), ...(timeZone ? { timeZone } : {}) }).format(date);
    },
    /**
     * Sets the text of every element with data-i18n="key" (an extension page's static words).
     * @param {ParentNode} root
     */
    translate(root) {
      root.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(/** @type {HTMLElement} */ (el).dataset.i18n ?? ''); });
    },
  };
})();
