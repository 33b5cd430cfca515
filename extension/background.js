// @ts-check
// The extension's service worker: it owns the WASM engine (a page's CSP forbids compiling WASM in
// a content script) and answers the content scripts' batched requests.
//
// The browser may stop this worker at any time. Nothing here is state that matters: the policy,
// role and turned-off rules live in chrome.storage, and a cold start rebuilds the engine from
// them in a few milliseconds. Listeners are registered synchronously at the top level so that a
// message that wakes the worker is never lost.

import './protocol.js';
import initEngine, { Checker, locked_fields as lockedFields } from './engine/riskhint.js';
import { settingsSync, validSetting, MAX_IGNORED, SYNCED_KEYS } from './settings.js';

const { request: REQUEST, key: KEY } = riskhintProtocol;

/** The example policy shipped with the extension, in force until the user or an administrator sets one. */
const DEFAULT_POLICY_URL = chrome.runtime.getURL('default-policy.jsonc');

/** chrome.storage.local keys that change the engine: the user's policy, the rules they turned
 * off, crisis mode switched in the popup, and the last copy of the administrator's policy (reading chrome.storage.managed takes
 * seconds on a cold browser, so the worker starts from the copy and refreshes it). */
const POLICY_KEYS = [KEY.policy, KEY.rulesOff, KEY.managedPolicy, KEY.crisisMode];

/** @type {Promise<Checker> | null} */
let engine = null;

/** The semantic tier's files: the encoder (~18 MB) and its heads, loaded once the first verdict is
 * out (never before: a cold start's first answer must not wait for them). */
const SEMANTIC_ASSET_URL = chrome.runtime.getURL('semantic/encoder.bin');
const SEMANTIC_HEADS_URL = chrome.runtime.getURL('semantic/heads.json');
/** Each checker's semantic tier: whether it loaded. A checker started after a trap loads it anew.
 * @type {WeakMap<Checker, Promise<boolean>>} */
const semanticLoads = new WeakMap();

/**
 * Loads the semantic tier into `checker` (once). Missing or broken files leave the fast tier
 * answering alone: a note in the worker's console, nothing on the page.
 * @param {Checker} checker
 * @returns {Promise<boolean>} whether the semantic tier is in place
 */
function loadSemantic(checker) {
  let load = semanticLoads.get(checker);
  if (!load) {
    load = (async () => {
      const [asset, heads] = await Promise.all([
        fetch(SEMANTIC_ASSET_URL).then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`encoder: HTTP ${r.status}`)))),
        fetch(SEMANTIC_HEADS_URL).then((r) => (r.ok ? r.text() : Promise.reject(new Error(`heads: HTTP ${r.status}`)))),
      ]);
      const outcome = JSON.parse(checker.load_semantic(new Uint8Array(asset), heads));
      if (!outcome.ok) throw new Error(outcome.message);
      return true;
    })().catch((error) => {
      console.info('riskhint: the semantic tier is off; the fast tier answers alone', error);
      return false;
    });
    semanticLoads.set(checker, load);
  }
  return load;
}

/** The configuration's generation: raised (and stored in policyState.generation) once a change
 * of settings is in force, and carried in every reply, so that pages re-check exactly then rather
 * than after a guessed delay. A cold start continues from the stored number. */
let generation = 0;
const generationRead = chrome.storage.local.get(KEY.policyState).then((stored) => {
  generation = Math.max(generation, Number(/** @type {StoredSettings} */ (stored).policyState?.generation) || 0);
}).catch(() => {});

/** Announces that a change of settings is in force. */
async function nextGeneration() {
  await generationRead;
  generation += 1;
  const { policyState } = /** @type {StoredSettings} */ (await chrome.storage.local.get(KEY.policyState));
  await chrome.storage.local.set({ [KEY.policyState]: { crisisActive: false, overridden: [], locked: [], ...policyState, generation } });
}

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
 * @param {StoredSettings} [stored] local storage, if it was just read
 */
async function configure(checker, stored) {
  const local = stored ?? /** @type {StoredSettings} */ (await chrome.storage.local.get([...POLICY_KEYS, KEY.lastGoodPolicy]));
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
    await generationRead; // a cold start keeps the stored generation
    /** @type {PolicyState} */
    const policyState = { crisisActive: outcome.crisis_active, overridden: outcome.overridden, locked: outcome.locked, generation };
    const lastGoodPolicy = local.lastGoodPolicy;
    const changed = lastGoodPolicy?.admin !== managed || lastGoodPolicy?.user !== user;
    record(chrome.storage.local.set({ [KEY.policyState]: policyState, ...(changed ? { [KEY.lastGoodPolicy]: { admin: managed, user } } : {}) }));
    record(chrome.storage.local.remove(KEY.policyError));
  } else {
    console.warn(`riskhint: the ${outcome.layer} policy was rejected (line ${outcome.line}, column ${outcome.column}${outcome.path ? `, field ${outcome.path}` : ''}): ${outcome.message}. The previous policy stays in force.`);
    record(chrome.storage.local.set({ [KEY.policyError]: outcome }));
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
  const local = await chrome.storage.local.get([KEY.rulesOff, KEY.crisisMode]);
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
  return /** @type {StoredSettings} */ (await chrome.storage.local.get(KEY.lastGoodPolicy)).lastGoodPolicy;
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
  return validSetting(KEY.ignored, ignored) ? /** @type {IgnoredFinding[]} */ (ignored).map(({ code, text }) => ({ code, text })) : [];
}

/**
 * @param {unknown} lang
 * @returns {Promise<{ok: true, messages: LocaleMessages} | WorkerFailure>}
 */
async function messagesOf(lang) {
  if (lang !== 'en' && lang !== 'ko') return { ok: false, error: `no messages in ${JSON.stringify(lang)}` };
  return { ok: true, messages: await (await fetch(chrome.runtime.getURL(`_locales/${lang}/messages.json`))).json() };
}

/** A rule code as the engine writes it: a built-in code or a custom rule's id. */
const RULE_CODE = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Remembers an ignored finding; the newest MAX_IGNORED are kept.
 * @param {{code?: unknown, text?: unknown, site?: unknown}} finding
 * @returns {Promise<{ok: true} | WorkerFailure>}
 */
async function ignore({ code, text, site }) {
  if (typeof code !== 'string' || !RULE_CODE.test(code) || typeof text !== 'string') return { ok: false, error: 'an ignored finding needs its code and text' };
  const { ignored } = /** @type {StoredSettings} */ (await chrome.storage.local.get(KEY.ignored));
  const others = (validSetting(KEY.ignored, ignored) ? /** @type {IgnoredFinding[]} */ (ignored) : []).filter((i) => i.code !== code || i.text !== text);
  const entry = { code, text, site: typeof site === 'string' ? site : '', at: new Date().toISOString() };
  await chrome.storage.local.set({ [KEY.ignored]: [...others, entry].slice(-MAX_IGNORED) });
  return { ok: true };
}

/** How many "Post anyway" entries the local history keeps. */
const MAX_POSTED_ANYWAY = 100;

/**
 * Remembers a post sent despite the review dialog, with the reason the user gave (where the policy
 * asks for one). Local storage only: never synced, never sent.
 * @param {{codes?: unknown, reason?: unknown, site?: unknown}} entry
 * @returns {Promise<{ok: true} | WorkerFailure>}
 */
async function postedAnyway({ codes, reason, site }) {
  if (!Array.isArray(codes) || !codes.every((c) => typeof c === 'string' && RULE_CODE.test(c)) || typeof reason !== 'string') {
    return { ok: false, error: 'a post sent anyway needs its codes and reason' };
  }
  const { postedAnyway: kept } = /** @type {StoredSettings} */ (await chrome.storage.local.get(KEY.postedAnyway));
  const entry = { at: new Date().toISOString(), site: typeof site === 'string' ? site : '', codes, reason: reason.slice(0, 500) };
  await chrome.storage.local.set({ [KEY.postedAnyway]: [...(Array.isArray(kept) ? kept : []), entry].slice(-MAX_POSTED_ANYWAY) });
  return { ok: true };
}

/**
 * Turns a rule off from a card, unless the administrator locked it (the engine's rule decides,
 * as it does for the card's buttons).
 * @param {{code?: unknown}} request
 * @returns {Promise<{ok: true} | WorkerFailure>}
 */
async function turnOff({ code }) {
  if (typeof code !== 'string' || !RULE_CODE.test(code)) return { ok: false, error: 'turning a rule off needs its code' };
  await ready(); // the engine's bindings, for its lock rule
  const { managedPolicy, rulesOff } = /** @type {StoredSettings} */ (await chrome.storage.local.get([KEY.managedPolicy, KEY.rulesOff]));
  if (typeof managedPolicy === 'string' && JSON.parse(lockedFields(managedPolicy, JSON.stringify([`rules.${code}`]))).length) {
    return { ok: false, error: `the administrator locked ${code}` };
  }
  const codes = validSetting(KEY.rulesOff, rulesOff) ? /** @type {string[]} */ (rulesOff) : [];
  if (!codes.includes(code)) await chrome.storage.local.set({ [KEY.rulesOff]: [...codes, code] });
  return { ok: true };
}

/**
 * The popup's and the options page's changes to settings, each value checked as sync checks it.
 * @param {{set?: unknown, remove?: unknown}} request
 * @returns {Promise<{ok: true} | WorkerFailure>}
 */
async function saveSettings({ set = {}, remove = [] }) {
  const keys = /** @type {readonly string[]} */ (SYNCED_KEYS);
  if (!set || typeof set !== 'object' || !Array.isArray(remove)) return { ok: false, error: 'settings come as {set, remove}' };
  const entries = Object.entries(set);
  const wrong = [...entries.filter(([key, value]) => !keys.includes(key) || !validSetting(key, value)).map(([key]) => key),
    ...remove.filter((key) => !keys.includes(key))];
  if (wrong.length) return { ok: false, error: `not a valid setting: ${wrong.join(', ')}` };
  if (remove.length) await chrome.storage.local.remove(remove);
  if (entries.length) await chrome.storage.local.set(Object.fromEntries(entries));
  return { ok: true };
}

/** The origin of the extension's own pages (the popup, options). */
const EXTENSION_ORIGIN = new URL(chrome.runtime.getURL('')).origin;

/**
 * Whether `sender` may send `type`: anything of this extension may ask for checks and record a
 * card's Ignore or Turn off; only its own pages may change settings in general.
 * @param {string} type
 * @param {chrome.runtime.MessageSender} sender
 */
function allowed(type, sender) {
  if (sender.id !== chrome.runtime.id) return false;
  if (type === REQUEST.saveSettings) return Boolean(sender.url) && new URL(/** @type {string} */ (sender.url)).origin === EXTENSION_ORIGIN;
  return true;
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
  const { managedPolicy = null } = /** @type {StoredSettings} */ (await chrome.storage.local.get(KEY.managedPolicy));
  if (policy !== managedPolicy) {
    if (typeof policy === 'string') await chrome.storage.local.set({ [KEY.managedPolicy]: policy });
    else await chrome.storage.local.remove(KEY.managedPolicy);
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
 * Answers a request (protocol.js names them; types.d.ts gives each one's payload and reply). Every
 * reply carries the configuration's generation; any failure is {ok: false, error}. Spans in
 * replies are UTF-16 offsets into the text sent.
 * @param {WorkerRequest} message
 * @param {chrome.runtime.MessageSender} sender
 */
async function answer(message, sender) {
  const type = message?.type;
  if (typeof type !== 'string' || !allowed(type, sender)) return { ok: false, error: `${JSON.stringify(type)} is not a request this sender may make` };
  const reply = await handle(message);
  return reply.ok ? { ...reply, generation } : reply;
}

/**
 * The reply to a request its sender may make.
 * @param {WorkerRequest} message
 * @returns {Promise<{ok: true, [field: string]: unknown} | WorkerFailure>}
 */
async function handle(message) {
  if (message.type === REQUEST.ignore) return ignore(message);
  if (message.type === REQUEST.turnOff) return turnOff(message);
  if (message.type === REQUEST.saveSettings) return saveSettings(message);
  if (message.type === REQUEST.messages) return messagesOf(message.lang);
  if (message.type === REQUEST.postedAnyway) return postedAnyway(message);
  const checker = await ready();
  if (message.type === REQUEST.warm) return { ok: true };
  if (message.type === REQUEST.fill) {
    const request = JSON.stringify({ id: message.id, start: message.start, end: message.end, lang: message.lang ?? null, values: message.values ?? {} });
    const filled = JSON.parse(checker.fill_prompt(String(message.text ?? ''), request));
    if (filled.error) return { ok: false, error: String(filled.error) };
    return { ok: true, edit: filled.empty ? null : filled };
  }
  const { role = 'employee', language, ignored } = await requestSettings();
  // The language chosen in options wins over the browser's, which the content script sends.
  const lang = language === 'ko' || language === 'en' ? language : message.type === REQUEST.classify || message.type === REQUEST.check ? message.lang : undefined;
  const semantic = message.type === REQUEST.classify || message.type === REQUEST.check ? message.tier === 'semantic' : false;
  if (semantic && !(await loadSemantic(checker))) return { ok: false, error: 'the semantic tier is not available', unavailable: true };
  let raw;
  try {
    if (message.type === REQUEST.classify) {
      const posts = JSON.stringify(message.posts ?? []);
      raw = semantic ? checker.classify_posts_semantic(posts, lang ?? 'en') : checker.classify_posts(posts, lang ?? 'en');
    } else if (message.type === REQUEST.check) {
      const request = JSON.stringify({ role, today: today(), platform: message.platform ?? 'other', reply_to: message.replyTo ?? null, lang: lang ?? null, ignored: dismissals(ignored) });
      const text = String(message.text ?? '');
      raw = semantic ? checker.check_draft_semantic(text, request) : checker.check_draft(text, request);
    } else {
      return { ok: false, error: `unknown request ${JSON.stringify(/** @type {{type?: unknown}} */ (message).type)}` };
    }
  } catch (error) {
    // A trap (a bug in the engine) leaves the instance unusable: start afresh next time.
    engine = null;
    throw error;
  }
  // The first verdict is out: the semantic tier loads now, off the path of any answer.
  if (!semantic) setTimeout(() => loadSemantic(checker), 0);
  const value = JSON.parse(raw);
  if (value && !Array.isArray(value) && value.error) return { ok: false, error: String(value.error) };
  return message.type === REQUEST.classify ? { ok: true, reports: value } : { ok: true, report: value };
}

/** What a check needs besides the text. Read once and kept current by storage.onChanged: a storage
 * read on every keystroke was a good part of the time from a key to its verdict. */
const REQUEST_KEYS = [KEY.role, KEY.language, KEY.ignored];
/** @type {Promise<StoredSettings> | null} */
let requestSettingsRead = null;
function requestSettings() {
  requestSettingsRead ??= chrome.storage.local.get(REQUEST_KEYS).catch((error) => {
    requestSettingsRead = null; // read again next time
    throw error;
  });
  return requestSettingsRead;
}

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  answer(message, sender).then(sendResponse, (error) => sendResponse({ ok: false, error: String(error?.message ?? error) }));
  return true; // the answer comes asynchronously
});

chrome.storage.onChanged.addListener((changes, area) => {
  sync.changed(changes, area);
  if (area === 'local' && [...POLICY_KEYS, ...REQUEST_KEYS].some((key) => key in changes)) engineInputChanges++;
  const requestChanged = area === 'local' && REQUEST_KEYS.some((key) => key in changes);
  if (requestChanged) requestSettingsRead = null;
  if (area === 'managed') {
    refreshManaged().catch((error) => console.warn('riskhint: could not read the managed policy', error));
  } else if (area === 'local' && POLICY_KEYS.some((key) => key in changes)) {
    // Requests queue behind the new configuration; pages hear of it once it is in force.
    /** @type {Promise<unknown>} */
    let inForce = Promise.resolve();
    if (engine) {
      inForce = engine = engine.then(async (checker) => {
        await configure(checker);
        return checker;
      });
    }
    inForce.then(nextGeneration, nextGeneration).catch((error) => console.warn('riskhint: could not announce the new settings', error));
  } else if (requestChanged) {
    nextGeneration().catch((error) => console.warn('riskhint: could not announce the new settings', error));
  }
});

// Nearly every start of this worker is a content script's request: the engine starts with the
// worker rather than at that message, a few milliseconds later (it is what the request waits for).
ready().catch((error) => console.warn('riskhint: the engine did not start; the next request tries again', error));
