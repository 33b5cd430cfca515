// @ts-check
// The extension's service worker: it owns the WASM engine (a page's CSP forbids compiling WASM in
// a content script) and answers the content scripts' batched requests.
//
// The browser may stop this worker at any time. Nothing here is state that matters: the policy,
// role and turned-off rules live in chrome.storage, and a cold start rebuilds the engine from
// them in a few milliseconds. Listeners are registered synchronously at the top level so that a
// message that wakes the worker is never lost.

import initEngine, { Checker } from './engine/riskhint.js';
import { settingsSync, MAX_IGNORED } from './settings.js';

/** The example policy shipped with the extension, in force until the user or an administrator sets one. */
const DEFAULT_POLICY_URL = chrome.runtime.getURL('default-policy.jsonc');

/** chrome.storage.local keys that change the engine: the user's policy, the rules they turned
 * off, crisis mode switched in the popup, and the last copy of the administrator's policy (reading chrome.storage.managed takes
 * seconds on a cold browser, so the worker starts from the copy and refreshes it). */
const POLICY_KEYS = ['policy', 'rulesOff', 'managedPolicy', 'crisisMode'];

/** @type {Promise<Checker> | null} */
let engine = null;

/** How many times local storage changed what the engine or a check reads: a snapshot taken
 * before a change is stale. */
let engineInputChanges = 0;

// Settings from an older version are upgraded before the engine reads them; the snapshot of local
// storage this leaves spares the first answer a second read. Synced settings are brought in after,
// without holding up that answer: what they change reconfigures the engine (storage.onChanged).
const sync = settingsSync(chrome.storage);
const changesBeforeUpgrade = engineInputChanges;
const upgraded = sync.upgrade().catch((error) => {
  console.warn('riskhint: could not upgrade settings', error);
  return null;
});
upgraded.then((local) => local && sync.reconcile()).catch((error) => console.warn('riskhint: could not sync settings', error));

/** Local storage as the upgrade left it, unless it has changed since. */
async function upgradedSnapshot() {
  const local = await upgraded;
  return engineInputChanges === changesBeforeUpgrade ? local : null;
}

/** The engine, started on first use and again after a crash. */
function ready() {
  engine ??= start().catch((error) => {
    engine = null;
    throw error;
  });
  return engine;
}

async function start() {
  // Compiling the engine, reading the settings and fetching the example policy go on together: a
  // cold start is what the first post waits for. (A failed fetch is tried again where it is needed.)
  const engineReady = initEngine({ module_or_path: chrome.runtime.getURL('engine/riskhint_bg.wasm') });
  const [local] = await Promise.all([upgradedSnapshot(), engineReady, defaultPolicy().catch(() => null)]);
  if (local) requestSettingsRead ??= Promise.resolve(local);
  const checker = new Checker();
  if (!(await configure(checker, local ?? undefined))) await restoreLastGood(checker);
  refreshManaged().catch((error) => console.warn('riskhint: could not read the managed policy', error));
  return checker;
}

/**
 * Layers the administrator's managed policy, the user's policy (or the example) and the rules
 * turned off from cards. A broken policy leaves the previous one in force and is reported in
 * chrome.storage.local.policyError for the options page; a good one clears it and is kept as
 * the last good one, which a cold start falls back to. Returns whether the policy was accepted.
 * @param {Checker} checker
 * @param {{[key: string]: any}} [stored] local storage, if it was just read
 */
async function configure(checker, stored) {
  const local = stored ?? /** @type {{[key: string]: any}} */ (await chrome.storage.local.get([...POLICY_KEYS, 'lastGoodPolicy']));
  const managed = typeof local.managedPolicy === 'string' ? local.managedPolicy : null;
  const user = typeof local.policy === 'string' ? local.policy : await defaultPolicy();
  const rulesOff = stringList(local.rulesOff);
  const outcome = JSON.parse(checker.configure(managed ?? undefined, user, settingsLayer(local), rulesOff));
  if (outcome.ok) {
    // Custom rules refused on their own (the options page shows the user's; an administrator
    // checks theirs with the CLI, which prints the same warnings).
    for (const w of outcome.warnings ?? []) {
      console.warn(`riskhint: a custom rule of the ${w.layer} policy is not used (line ${w.line}, column ${w.column}, field ${w.path}): ${w.message}`);
    }
    // For the popup and the cards: whether crisis mode is on, and what the administrator locked.
    // Not waited for: the first answer after a cold start does not need them. (Storage applies
    // one extension's writes in the order they were made, so a later configuration's writes win.)
    const policyState = { crisisActive: outcome.crisis_active, overridden: outcome.overridden, locked: outcome.locked };
    const lastGoodPolicy = /** @type {any} */ (local.lastGoodPolicy);
    const changed = lastGoodPolicy?.admin !== managed || lastGoodPolicy?.user !== user;
    record(chrome.storage.local.set({ policyState, ...(changed ? { lastGoodPolicy: { admin: managed, user } } : {}) }));
    record(chrome.storage.local.remove('policyError'));
  } else {
    console.warn(`riskhint: the ${outcome.layer} policy was rejected (line ${outcome.line}, column ${outcome.column}${outcome.path ? `, field ${outcome.path}` : ''}): ${outcome.message}. The previous policy stays in force.`);
    record(chrome.storage.local.set({ policyError: outcome }));
  }
  return Boolean(outcome.ok);
}

/**
 * A write of the worker's bookkeeping, not waited for; a failure is logged.
 * @param {Promise<void>} write
 */
function record(write) {
  write.catch((error) => console.warn('riskhint: could not record the policy state', error));
}

/**
 * After a cold start with a broken policy: the last policy that was accepted, so that a restart
 * of the worker does not quietly drop the organisation's policy.
 * @param {Checker} checker
 */
async function restoreLastGood(checker) {
  const lastGoodPolicy = await readLastGood();
  const local = await chrome.storage.local.get(['rulesOff', 'crisisMode']);
  checker.configure(lastGoodPolicy?.admin ?? undefined, lastGoodPolicy?.user ?? (await defaultPolicy()), settingsLayer(local), stringList(local.rulesOff));
}

/**
 * Settings made outside the policy text, as one more policy layer (locked admin paths still win).
 * @param {{crisisMode?: unknown}} local
 */
function settingsLayer(local) {
  return typeof local.crisisMode === 'boolean' ? JSON.stringify({ crisis: { active: local.crisisMode } }) : undefined;
}

/** @returns {Promise<{admin: string | null, user: string} | undefined>} */
async function readLastGood() {
  return /** @type {any} */ (await chrome.storage.local.get('lastGoodPolicy')).lastGoodPolicy;
}

/**
 * The strings of a stored list (anything else is ignored).
 * @param {unknown} value
 * @returns {string[]}
 */
function stringList(value) {
  return Array.isArray(value) ? value.filter((item) => typeof item === 'string') : [];
}

/**
 * The findings the user ignored, as the engine takes them.
 * @param {unknown} ignored chrome.storage.local.ignored: [{code, text, site, at}]
 */
function dismissals(ignored) {
  return Array.isArray(ignored) ? ignored.filter((i) => typeof i?.code === 'string' && typeof i?.text === 'string').map(({ code, text }) => ({ code, text })) : [];
}

/** @param {unknown} lang */
async function messagesOf(lang) {
  if (lang !== 'en' && lang !== 'ko') return { ok: false, error: `no messages in ${JSON.stringify(lang)}` };
  return { ok: true, messages: await (await fetch(chrome.runtime.getURL(`_locales/${lang}/messages.json`))).json() };
}

/**
 * Remembers an ignored finding; the newest MAX_IGNORED are kept.
 * @param {{code?: unknown, text?: unknown, site?: unknown}} finding
 */
async function ignore({ code, text, site }) {
  if (typeof code !== 'string' || typeof text !== 'string') return { ok: false, error: 'an ignored finding needs its code and text' };
  const { ignored } = await chrome.storage.local.get('ignored');
  const others = (Array.isArray(ignored) ? ignored : []).filter((i) => i?.code !== code || i?.text !== text);
  const entry = { code, text, site: typeof site === 'string' ? site : '', at: new Date().toISOString() };
  await chrome.storage.local.set({ ignored: [...others, entry].slice(-MAX_IGNORED) });
  return { ok: true };
}

/** Copies the administrator's policy (chrome.storage.managed) to local storage when it changed;
 * the copy's change reconfigures the engine. */
async function refreshManaged() {
  let policy = null;
  try {
    ({ policy = null } = await chrome.storage.managed.get('policy'));
  } catch {
    // no managed storage on this browser
  }
  const { managedPolicy = null } = await chrome.storage.local.get('managedPolicy');
  if (policy !== managedPolicy) {
    if (typeof policy === 'string') await chrome.storage.local.set({ managedPolicy: policy });
    else await chrome.storage.local.remove('managedPolicy');
  }
}

/** @type {string | null} */
let defaultPolicyText = null;
async function defaultPolicy() {
  defaultPolicyText ??= await (await fetch(DEFAULT_POLICY_URL)).text();
  return defaultPolicyText;
}

/** Today on the user's clock, as the engine wants it: YYYY-MM-DD. */
function today() {
  const now = new Date();
  const pad = (/** @type {number} */ n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * The message protocol (content/client.js is the other side):
 *   {type: 'classify', posts: [{id, text, author?, replies?, reposts?, likes?, views?, promoted?}], lang?}
 *     → {ok: true, reports: [{id, labels, risk, hint, findings, evidence}]}
 *   {type: 'check', text, platform?, replyTo?, lang?}
 *     → {ok: true, report: {verdict, language, truncated, findings}}
 *   {type: 'messages', lang}: the UI's words in a language other than the browser's (i18n.js)
 *     → {ok: true, messages: <_locales/<lang>/messages.json>}
 *   {type: 'ignore', code, text, site}: the user ignored a finding (kept, listed in options)
 *     → {ok: true}
 *   {type: 'warm'}: a composer got focus; the engine is started now, not at the first key
 *     → {ok: true} once it is ready
 *   any failure → {ok: false, error}
 * Spans in replies are UTF-16 offsets into the text sent.
 * @param {any} message
 */
async function answer(message) {
  if (message?.type === 'ignore') return ignore(message);
  if (message?.type === 'messages') return messagesOf(message.lang);
  const checker = await ready();
  if (message?.type === 'warm') return { ok: true };
  const { role = 'employee', language, ignored } = await requestSettings();
  // The language chosen in options wins over the browser's, which the content script sends.
  const lang = language === 'ko' || language === 'en' ? language : message.lang;
  let raw;
  try {
    if (message?.type === 'classify') {
      raw = checker.classify_posts(JSON.stringify(message.posts ?? []), lang ?? 'en');
    } else if (message?.type === 'check') {
      const request = { role, today: today(), platform: message.platform ?? 'other', reply_to: message.replyTo ?? null, lang: lang ?? null, ignored: dismissals(ignored) };
      raw = checker.check_draft(String(message.text ?? ''), JSON.stringify(request));
    } else {
      return { ok: false, error: `unknown request ${JSON.stringify(message?.type)}` };
    }
  } catch (error) {
    // A trap (a bug in the engine) leaves the instance unusable: start afresh next time.
    engine = null;
    throw error;
  }
  const value = JSON.parse(raw);
  if (value && !Array.isArray(value) && value.error) return { ok: false, error: value.error };
  return message.type === 'classify' ? { ok: true, reports: value } : { ok: true, report: value };
}

/** What a check needs besides the text. Read once and kept current by storage.onChanged: a storage
 * read on every keystroke was a good part of the time from a key to its verdict. */
const REQUEST_KEYS = ['role', 'language', 'ignored'];
/** @type {Promise<{[key: string]: any}> | null} */
let requestSettingsRead = null;
function requestSettings() {
  requestSettingsRead ??= chrome.storage.local.get(REQUEST_KEYS).catch((error) => {
    requestSettingsRead = null; // read again next time
    throw error;
  });
  return requestSettingsRead;
}

chrome.runtime.onMessage.addListener((message, _sender, sendResponse) => {
  answer(message).then(sendResponse, (error) => sendResponse({ ok: false, error: String(error?.message ?? error) }));
  return true; // the answer comes asynchronously
});

chrome.storage.onChanged.addListener((changes, area) => {
  sync.changed(changes, area);
  if (area === 'local' && [...POLICY_KEYS, ...REQUEST_KEYS].some((key) => key in changes)) engineInputChanges++;
  if (area === 'local' && REQUEST_KEYS.some((key) => key in changes)) requestSettingsRead = null;
  if (area === 'managed') {
    refreshManaged().catch((error) => console.warn('riskhint: could not read the managed policy', error));
  } else if (area === 'local' && engine && POLICY_KEYS.some((key) => key in changes)) {
    // Requests queue behind the new configuration.
    const current = engine;
    engine = current.then(async (checker) => {
      await configure(checker);
      return checker;
    });
  }
});

// Nearly every start of this worker is a content script's request: the engine starts with the
// worker rather than at that message, a few milliseconds later (it is what the request waits for).
ready().catch((error) => console.warn('riskhint: the engine did not start; the next request tries again', error));
