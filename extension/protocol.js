// @ts-check
// The extension's one protocol: every message the parts send each other and every key they keep in
// chrome.storage, by name. The payload of each message and the value of each key are typed in
// types.d.ts (WorkerRequest, TabRequest, StoredSettings); this file gives the names, so that a typo
// is a type error rather than a message nobody answers.
//
// A classic script, because content scripts cannot import: manifest.json loads it first in every
// content script list, the popup and the options page load it with <script>, and the worker imports
// it for its side effect. It only defines globalThis.riskhintProtocol.

globalThis.riskhintProtocol = Object.freeze({
  /** Requests to the worker (chrome.runtime.sendMessage); the worker answers each with a WorkerReply. */
  request: Object.freeze({
    /** A batch of feed posts to label: {posts, lang} → {reports}. */
    classify: 'classify',
    /** A draft to check: {text, platform?, replyTo?, lang} → {report}. */
    check: 'check',
    /** The UI's words in a language other than the browser's: {lang} → {messages}. */
    messages: 'messages',
    /** A card's Ignore: {code, text, site}. */
    ignore: 'ignore',
    /** A card's Turn off: {code}. Refused for a rule the administrator locked. */
    turnOff: 'turnOff',
    /** The popup's and the options page's changes to settings: {set, remove}. Content scripts may not. */
    saveSettings: 'saveSettings',
    /** A composer got focus: start the engine now rather than at the first key. */
    warm: 'warm',
    /** A fill-in fix's words: {text, id, start, end, values, lang} → {edit} (null: a required field is empty). */
    fill: 'fill',
    /** A post sent despite the review: {codes, reason, site}, kept in local history only. */
    postedAnyway: 'postedAnyway',
  }),

  /** Requests from the popup to a tab's content script (chrome.tabs.sendMessage). */
  tabRequest: Object.freeze({
    /** The posts labelled on the page → {posts, recognised, site}. */
    summary: 'summary',
    /** Scroll to a post and flash it: {id}. */
    reveal: 'reveal',
  }),

  /** chrome.storage.local keys. Settings (the user's choices, synced) are written only by the worker. */
  key: Object.freeze({
    // The user's settings.
    policy: 'policy',
    rulesOff: 'rulesOff',
    ignored: 'ignored',
    role: 'role',
    language: 'language',
    crisisMode: 'crisisMode',
    pausedSites: 'pausedSites',
    // What the worker derives and keeps.
    managedPolicy: 'managedPolicy',
    lastGoodPolicy: 'lastGoodPolicy',
    /** Crisis mode, what the administrator set and locked, and the configuration's generation,
     * which the worker raises once a change of settings is in force: pages re-check then. */
    policyState: 'policyState',
    policyError: 'policyError',
    // Settings sync's bookkeeping (settings.js).
    settingsVersion: 'settingsVersion',
    settingsChangedAt: 'settingsChangedAt',
    settingsBackup: 'settingsBackup',
    syncState: 'syncState',
    // The local history of posts sent despite the review dialog (never synced, never sent).
    postedAnyway: 'postedAnyway',
  }),

  /**
   * Asks the worker, the only writer of settings, to set and remove some (from the popup or the
   * options page); rejects with the worker's reason when it refuses.
   * @param {Settings} set
   * @param {(keyof Settings)[]} [remove]
   */
  async saveSettings(set, remove = []) {
    /** @type {WorkerReply<'saveSettings'> | undefined} */
    const reply = await chrome.runtime.sendMessage({ type: 'saveSettings', set, remove });
    if (!reply?.ok) throw new Error(reply?.error || 'the settings were not saved');
  },
});
