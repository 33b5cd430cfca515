// @ts-check
// The content scripts' side of the message protocol (background.js documents it). One message
// per batch; if the service worker was stopped (or dies mid-request) the browser restarts it on
// the next message, so a failed request is retried a few times with backoff before giving up.

/* exported riskhintClient */
var riskhintClient = (() => {
  const ATTEMPTS = 4;
  const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));

  /** Whether this content script still belongs to a live extension (not reloaded or removed). */
  const alive = () => Boolean(globalThis.chrome?.runtime?.id);

  /**
   * @param {object} message
   * @returns {Promise<any>} the worker's reply, with ok: true
   */
  async function send(message) {
    let lastError;
    for (let attempt = 0; attempt < ATTEMPTS && alive(); attempt++) {
      try {
        const reply = await chrome.runtime.sendMessage(message);
        // No reply means the worker went away before answering.
        if (reply?.ok) return reply;
        lastError = new Error(reply?.error ?? 'the engine did not answer');
      } catch (error) {
        lastError = error;
      }
      await sleep(150 * 2 ** attempt);
    }
    throw lastError ?? new Error('the extension was reloaded; reload the page');
  }

  /** Settings whose change changes results (background.js reads them). */
  const RESULT_KEYS = ['policy', 'rulesOff', 'ignored', 'managedPolicy', 'role', 'language', 'crisisMode'];

  // Pausing on a site (from the popup) stops all checking there until resumed; the list of paused
  // host names is in chrome.storage.local.pausedSites.
  let paused = false;
  /** @type {Array<(paused: boolean) => void>} */
  const pauseListeners = [];
  /** @param {unknown} sites */
  const pausedHere = (sites) => Array.isArray(sites) && sites.includes(location.hostname);
  const pauseRead = chrome.storage.local.get('pausedSites').then(({ pausedSites }) => { paused = pausedHere(pausedSites); });
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local' || !('pausedSites' in changes)) return;
    const now = pausedHere(changes.pausedSites.newValue);
    if (now === paused) return;
    paused = now;
    pauseListeners.forEach((run) => run(paused));
  });

  // Rules the administrator locked: their findings cannot be ignored or turned off from a card.
  /** @type {string[]} */
  let locked = [];
  /** @param {any} state chrome.storage.local.policyState, which the worker writes */
  const readLocked = (state) => { locked = Array.isArray(state?.locked) ? state.locked : []; };
  chrome.storage.local.get('policyState').then(({ policyState }) => readLocked(policyState));
  chrome.storage.onChanged.addListener((changes, area) => area === 'local' && 'policyState' in changes && readLocked(changes.policyState.newValue));

  return {
    /**
     * Whether the administrator locked this rule's level.
     * @param {string} code
     */
    ruleLocked: (code) => locked.some((path) => path === '*' || path === 'rules' || path === `rules.${code}`),
    /** Resolves once the pause setting is known (before the first check). */
    settled: () => pauseRead.catch(() => {}),
    /** Whether riskhint is paused on this site. */
    isPaused: () => paused,
    /**
     * Runs `run(paused)` when the user pauses or resumes riskhint on this site.
     * @param {(paused: boolean) => void} run
     */
    onPauseChange(run) {
      pauseListeners.push(run);
    },
    /**
     * Runs `run` after a setting that changes results has changed, once the worker has had a
     * moment to apply it, so that open pages update without a reload.
     * @param {() => void} run
     */
    onSettingsChange(run) {
      chrome.storage.onChanged.addListener((changes, area) => {
        if (area === 'local' && RESULT_KEYS.some((key) => key in changes)) setTimeout(() => riskhintI18n.ready().then(run), 200);
      });
    },
    /**
     * Labels a batch of posts.
     * @param {Array<{id: string, text: string, author?: string, replies?: number, reposts?: number, likes?: number, views?: number, promoted?: boolean}>} posts
     * @returns {Promise<Array<any>>} one report per post, in order
     */
    async classify(posts) {
      return (await send({ type: 'classify', posts, lang: riskhintI18n.language() })).reports;
    },
    /**
     * Ignores a finding from now on (the worker keeps it; options lists it for restoring).
     * @param {{code: string, text: string}} finding
     */
    async ignore({ code, text }) {
      await send({ type: 'ignore', code, text, site: location.hostname });
    },
    /**
     * Starts the worker and its engine ahead of the first check: a composer got focus. The worker
     * stops after 30 s without messages, and starting it with the engine takes over 100 ms,
     * which the user's first key would otherwise wait for. Failures are left to that check.
     */
    warm() {
      chrome.runtime.sendMessage({ type: 'warm' }).catch(() => {});
    },
    /**
     * Checks a draft.
     * @param {string} text
     * @param {{platform?: string, replyTo?: string}} [context]
     */
    async check(text, context = {}) {
      return (await send({ type: 'check', text, lang: riskhintI18n.language(), ...context })).report;
    },
  };
})();
