// @ts-check
// The content scripts' side of the message protocol (protocol.js names it, types.d.ts types it).
// One message per batch; if the service worker was stopped (or dies mid-request) the browser
// restarts it on the next message, so a failed request is retried a few times with backoff before
// giving up.

/* exported riskhintClient */
var riskhintClient = (() => {
  const { request: REQUEST, key: KEY } = riskhintProtocol;
  const ATTEMPTS = 4;
  const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));

  /** Whether this content script still belongs to a live extension (not reloaded or removed). */
  const alive = () => Boolean(globalThis.chrome?.runtime?.id);

  /**
   * @template {keyof WorkerRequests} T
   * @param {WorkerRequests[T] & {type: T}} message
   * @returns {Promise<Extract<WorkerReply<T>, {ok: true}>>} the worker's reply, with ok: true
   */
  async function send(message) {
    let lastError;
    for (let attempt = 0; attempt < ATTEMPTS && alive(); attempt++) {
      try {
        /** @type {WorkerReply<T> | undefined} */
        const reply = await chrome.runtime.sendMessage(message);
        // No reply means the worker went away before answering.
        if (reply?.ok) {
          heard(reply.generation);
          return reply;
        }
        lastError = new Error(reply?.error || 'the engine did not answer');
      } catch (error) {
        lastError = error;
      }
      await sleep(150 * 2 ** attempt);
    }
    throw lastError ?? new Error('the extension was reloaded; reload the page');
  }

  /** Whether the worker said the semantic tier is not there (a lost message does not count). */
  let semanticUnavailable = false;

  /**
   * One try, for the semantic tier: its answer only refines a verdict already shown, so a failure
   * is not worth retrying.
   * @template {keyof WorkerRequests} T
   * @param {WorkerRequests[T] & {type: T}} message
   * @returns {Promise<Extract<WorkerReply<T>, {ok: true}>>}
   */
  async function sendOnce(message) {
    if (!alive()) throw new Error('the extension was reloaded');
    if (semanticUnavailable) throw new Error('the semantic tier is not available');
    /** @type {WorkerReply<T> | undefined} */
    const reply = await chrome.runtime.sendMessage(message);
    if (!reply?.ok) {
      // Said once by the worker (no asset, or it would not load): the page stops asking, rather
      // than wake the worker at every pause in typing for the same answer.
      if (reply?.unavailable) semanticUnavailable = true;
      throw new Error(reply?.error || 'the engine did not answer');
    }
    heard(reply.generation);
    return reply;
  }

  // Pausing on a site (from the popup) stops all checking there until resumed; the list of paused
  // host names is in chrome.storage.local.pausedSites.
  let paused = false;
  /** @type {Array<(paused: boolean) => void>} */
  const pauseListeners = [];
  /** @param {unknown} sites */
  const pausedHere = (sites) => Array.isArray(sites) && sites.includes(location.hostname);
  const pauseRead = chrome.storage.local.get(KEY.pausedSites).then((stored) => { paused = pausedHere(stored[KEY.pausedSites]); });
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local' || !(KEY.pausedSites in changes)) return;
    const now = pausedHere(changes[KEY.pausedSites].newValue);
    if (now === paused) return;
    paused = now;
    pauseListeners.forEach((run) => run(paused));
  });

  // The newest configuration generation this page has heard of (from a reply or from storage):
  // the worker raises it once a change of settings is in force, so a page re-checks then.
  // Until storage is read (a few milliseconds) the page has checked nothing: -1, nothing to redo.
  let generation = -1;
  /** @type {Array<() => void>} */
  const settingsListeners = [];
  /** @param {unknown} value */
  function heard(value) {
    const number = Number(value) || 0;
    if (generation < 0 || number <= generation) return;
    generation = number;
    settingsListeners.forEach((run) => riskhintI18n.ready().then(run));
  }
  /** @param {unknown} state chrome.storage.local.policyState, which the worker writes */
  const generationOf = (state) => (state && typeof state === 'object' ? /** @type {PolicyState} */ (state).generation : 0);
  chrome.storage.local.get(KEY.policyState).then((stored) => {
    // The generation in force when this page started.
    generation = Math.max(generation, Number(generationOf(stored[KEY.policyState])) || 0);
  }).catch(() => { generation = Math.max(generation, 0); });
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && KEY.policyState in changes) heard(generationOf(changes[KEY.policyState].newValue));
  });

  return {
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
     * Runs `run` once a change of settings is in force in the worker (its configuration
     * generation rose), so that open pages update without a reload.
     * @param {() => void} run
     */
    onSettingsChange(run) {
      settingsListeners.push(run);
    },
    /**
     * Labels a batch of posts.
     * @param {PostRequest[]} posts
     * @returns {Promise<PostReport[]>} one report per post, in order
     */
    async classify(posts) {
      return (await send({ type: REQUEST.classify, posts, lang: riskhintI18n.language() })).reports;
    },
    /**
     * Labels a batch of posts with both tiers; rejects (once, no retries) while the semantic tier
     * is not available, and the fast labels stand.
     * @param {PostRequest[]} posts
     * @returns {Promise<PostReport[]>}
     */
    async classifySemantic(posts) {
      return (await sendOnce({ type: REQUEST.classify, posts, lang: riskhintI18n.language(), tier: 'semantic' })).reports;
    },
    /**
     * Ignores a finding from now on (the worker keeps it; options lists it for restoring).
     * @param {{code: string, text: string}} finding
     */
    async ignore({ code, text }) {
      await send({ type: REQUEST.ignore, code, text, site: location.hostname });
    },
    /**
     * Turns a finding's rule off from now on (the worker keeps it, and refuses a locked rule;
     * options lists it for turning back on).
     * @param {string} code
     */
    async turnOff(code) {
      await send({ type: REQUEST.turnOff, code });
    },
    /**
     * Starts the worker and its engine ahead of the first check: a composer got focus. The worker
     * stops after 30 s without messages, and starting it with the engine takes over 100 ms,
     * which the user's first key would otherwise wait for. Failures are left to that check.
     */
    warm() {
      chrome.runtime.sendMessage({ type: REQUEST.warm }).catch(() => {});
    },
    /**
     * The edit a fill-in fix makes with the user's words; null when a required field is empty.
     * @param {string} text the checked draft
     * @param {Suggestion} suggestion a prompt
     * @param {Record<string, string>} values
     * @returns {Promise<Edit | null>}
     */
    async fill(text, suggestion, values) {
      const id = suggestion.prompt?.id ?? '';
      return (await send({ type: REQUEST.fill, text, id, start: suggestion.start, end: suggestion.end, values })).edit;
    },
    /**
     * Keeps, on this device only, that a post went out despite the review, and why.
     * @param {string[]} codes
     * @param {string} reason
     */
    async postedAnyway(codes, reason) {
      await send({ type: REQUEST.postedAnyway, codes, reason, site: location.hostname });
    },
    /**
     * Checks a draft.
     * @param {string} text
     * @param {{platform?: PlatformName, replyTo?: string | null}} [context]
     * @returns {Promise<DraftReport>}
     */
    async check(text, context = {}) {
      return (await send({ type: REQUEST.check, text, lang: riskhintI18n.language(), ...context })).report;
    },
    /**
     * Checks a draft with both tiers; rejects while the semantic tier is not available (the fast
     * verdict stands, and nothing is shown).
     * @param {string} text
     * @param {{platform?: PlatformName, replyTo?: string | null}} [context]
     * @returns {Promise<DraftReport>}
     */
    async checkSemantic(text, context = {}) {
      return (await sendOnce({ type: REQUEST.check, text, lang: riskhintI18n.language(), ...context, tier: 'semantic' })).report;
    },
  };
})();
