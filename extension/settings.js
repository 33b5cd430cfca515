// @ts-check
// The user's settings across upgrades and across their browsers.
//
// Every page of the extension reads and writes settings in chrome.storage.local, which is fast and
// has room for anything. The service worker keeps a copy in chrome.storage.sync, so that the same
// person's other browsers get it, and brings changes made there back into local storage. Sync is
// small (about 100 KB in all, 8 KB an item, 120 writes a minute), so the settings travel as one
// JSON text cut into chunks that fit, next to a header that says which version wrote it, when, and
// how long the text is (a half-arrived set of chunks from another browser is not taken). When the
// settings do not fit, they stay on this device and `syncState` says so; nothing is lost.
//
// `settingsVersion` in local storage records the layout; `migrate` brings older layouts up to date
// when the worker starts, step by step, and never drops a value it cannot read without saying so.
// Settings written by a newer version are left alone (neither read nor overwritten).

import './protocol.js';

const { key: KEY } = riskhintProtocol;

/** The layout of settings this code writes. 1: version 0.1.0's keys, versioned and synced. */
export const SETTINGS_VERSION = 1;

/** What the user chose, in chrome.storage.local, as opposed to what the worker derives. */
export const SYNCED_KEYS = /** @type {const} */ (['policy', 'rulesOff', 'ignored', 'role', 'language', 'crisisMode', 'pausedSites']);

/** The most findings kept as ignored: the oldest go first. */
export const MAX_IGNORED = 200;

/** chrome.storage.sync's limits (chrome.storage.sync.QUOTA_BYTES…), with a little room. */
const ITEM_BYTES = 8192 - 64;
const TOTAL_BYTES = 102400 - 1024;
const HEADER = 'settings';
const CHUNK = (/** @type {number} */ i) => `settings.${i}`;

/**
 * What each synced key must look like; anything else is dropped (with a note) rather than passed to
 * code that would trip over it.
 * @type {Record<string, (value: unknown) => boolean>}
 */
const VALID = {
  policy: (v) => typeof v === 'string',
  rulesOff: (v) => Array.isArray(v) && v.every((c) => typeof c === 'string'),
  ignored: (v) => Array.isArray(v) && v.every((i) => i && typeof i.code === 'string' && typeof i.text === 'string'),
  role: (v) => v === 'employee' || v === 'executive' || v === 'pr',
  language: (v) => v === 'en' || v === 'ko',
  crisisMode: (v) => typeof v === 'boolean',
  pausedSites: (v) => Array.isArray(v) && v.every((s) => typeof s === 'string'),
};

/**
 * Whether `value` is a valid value of the setting `key` (the worker checks every write with it).
 * @param {string} key
 * @param {unknown} value
 */
export function validSetting(key, value) {
  return Object.hasOwn(VALID, key) && VALID[key](value);
}

/**
 * Steps from one layout to the next: step n turns layout n into n + 1, given the stored values,
 * and returns what to set and remove. Layout 0 is version 0.1.0's, which had no version number.
 * @type {Array<(stored: Record<string, unknown>) => {set: Record<string, unknown>, remove: string[], notes: string[]}>}
 */
const STEPS = [
  // 0 → 1: the same keys; values that 0.1.0 could leave malformed (a hand-edited storage, an
  // older build's rulesOff with duplicates) are repaired where the intent is clear, dropped if not.
  (stored) => {
    /** @type {Record<string, unknown>} */
    const set = {};
    const remove = [];
    const notes = [];
    if (Array.isArray(stored.rulesOff)) {
      const codes = [...new Set(stored.rulesOff.filter((c) => typeof c === 'string'))];
      if (codes.length !== stored.rulesOff.length) set.rulesOff = codes;
    }
    for (const key of SYNCED_KEYS) {
      const value = key in set ? set[key] : stored[key];
      if (value !== undefined && !VALID[key](value)) {
        remove.push(key);
        delete set[key];
        notes.push(`dropped ${key}: ${JSON.stringify(value).slice(0, 80)} is not a valid value`);
      }
    }
    return { set, remove, notes };
  },
];

/**
 * Brings stored settings to SETTINGS_VERSION. Pure: returns what to write.
 * @param {Record<string, unknown>} stored chrome.storage.local's contents
 * @returns {{set: Record<string, unknown>, remove: string[], notes: string[]} | null} null when up to date or newer
 */
export function migrate(stored) {
  const from = typeof stored.settingsVersion === 'number' ? stored.settingsVersion : 0;
  if (from >= SETTINGS_VERSION) return null;
  const view = { ...stored };
  /** @type {Record<string, unknown>} */
  const set = {};
  const remove = new Set(/** @type {string[]} */ ([]));
  const notes = [];
  for (let version = from; version < SETTINGS_VERSION; version++) {
    const step = STEPS[version](view);
    for (const key of step.remove) {
      delete view[key];
      delete set[key];
      remove.add(key);
    }
    Object.assign(view, step.set);
    Object.assign(set, step.set);
    for (const key of Object.keys(step.set)) remove.delete(key);
    notes.push(...step.notes);
  }
  set.settingsVersion = SETTINGS_VERSION;
  return { set, remove: [...remove], notes };
}

/**
 * The synced keys of `stored` that are set, as one object.
 * @param {Record<string, unknown>} stored
 */
export function pickSettings(stored) {
  /** @type {Record<string, unknown>} */
  const settings = {};
  for (const key of SYNCED_KEYS) if (stored[key] !== undefined) settings[key] = stored[key];
  return settings;
}

const encoder = new TextEncoder();
/** How chrome.storage.sync counts an item: its key and its JSON value, in UTF-8 bytes. */
const itemBytes = (/** @type {string} */ key, /** @type {unknown} */ value) => encoder.encode(key).length + encoder.encode(JSON.stringify(value)).length;

/**
 * Cuts `text` into pieces whose JSON form fits one sync item each.
 * @param {string} text
 */
function chunk(text) {
  const pieces = [];
  let start = 0;
  while (start < text.length) {
    // Grow by halves of what is left until the next piece would not fit.
    let end = Math.min(text.length, start + ITEM_BYTES);
    while (itemBytes(CHUNK(pieces.length), text.slice(start, end)) > ITEM_BYTES) end = start + Math.floor((end - start) * 0.75);
    // Never split a surrogate pair.
    if (end < text.length && /[\uD800-\uDBFF]/.test(text[end - 1])) end--;
    pieces.push(text.slice(start, end));
    start = end;
  }
  return pieces;
}

/**
 * The sync items for a set of settings.
 * @param {Record<string, unknown>} settings
 * @param {number} changedAt when they last changed (ms since 1970)
 * @returns {{items: Record<string, unknown>, bytes: number}}
 */
export function toSyncItems(settings, changedAt) {
  const text = JSON.stringify(settings);
  const pieces = chunk(text);
  /** @type {Record<string, unknown>} */
  const items = { [HEADER]: { version: SETTINGS_VERSION, changedAt, chunks: pieces.length, length: text.length } };
  pieces.forEach((piece, i) => { items[CHUNK(i)] = piece; });
  const bytes = Object.entries(items).reduce((sum, [key, value]) => sum + itemBytes(key, value), 0);
  return { items, bytes };
}

/**
 * Settings read back from sync items: null when there are none, when another browser's write has
 * not fully arrived, or when a newer version wrote them (`newer` is then true).
 * @param {Record<string, unknown>} items
 * @returns {{settings: Record<string, unknown>, changedAt: number} | {newer: true} | null}
 */
export function fromSyncItems(items) {
  const header = /** @type {{version?: number, chunks?: unknown, length?: number, changedAt?: unknown} | undefined} */ (items[HEADER]);
  if (!header || typeof header.chunks !== 'number') return null;
  if (Number(header.version) > SETTINGS_VERSION) return { newer: true };
  let text = '';
  for (let i = 0; i < header.chunks; i++) {
    const piece = items[CHUNK(i)];
    if (typeof piece !== 'string') return null;
    text += piece;
  }
  if (text.length !== header.length) return null;
  try {
    const settings = JSON.parse(text);
    return settings && typeof settings === 'object' ? { settings: pickSettings(settings), changedAt: Number(header.changedAt) || 0 } : null;
  } catch {
    return null;
  }
}

/** @param {unknown} a @param {unknown} b */
const same = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Keeps chrome.storage.sync and chrome.storage.local in step for the synced keys. Call `start`
 * once when the worker starts (migration first, then whichever side changed last wins), and pass
 * every storage change to `changed`. A worker that needs the settings before the synced ones have
 * been brought in calls `upgrade` and then `reconcile` instead of `start`.
 * @param {typeof chrome.storage} storage
 */
export function settingsSync(storage) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let pushTimer;

  async function start() {
    if (await upgrade()) await reconcile();
  }

  /**
   * Brings settings of an older version up to date. Resolves to all of local storage as it now
   * is, or null when a newer riskhint wrote it (then nothing is synced).
   * @returns {Promise<Record<string, unknown> | null>}
   */
  async function upgrade() {
    const local = await storage.local.get(null);
    const migration = migrate(local);
    if (migration) {
      for (const note of migration.notes) console.warn(`riskhint: settings upgrade: ${note}`);
      if (migration.remove.length) await storage.local.remove(migration.remove);
      // Settings this browser had before it synced are the newest: they go out, not get replaced.
      if (Object.keys(pickSettings({ ...local, ...migration.set })).length) migration.set.settingsChangedAt = Date.now();
      await storage.local.set(migration.set);
      for (const key of migration.remove) delete local[key];
      return { ...local, ...migration.set };
    } else if (typeof local.settingsVersion === 'number' && local.settingsVersion > SETTINGS_VERSION) {
      // A newer riskhint wrote these (and was rolled back): use what we can, rewrite nothing.
      await storage.local.set({ [KEY.syncState]: { ok: false, error: 'newer-settings' } });
      return null;
    }
    return local;
  }

  /** Whichever of sync and local changed last wins. */
  async function reconcile() {
    const remote = fromSyncItems(await storage.sync.get(null));
    const { settingsChangedAt = 0 } = await storage.local.get(KEY.settingsChangedAt);
    if (remote && 'newer' in remote) {
      await storage.local.set({ [KEY.syncState]: { ok: false, error: 'newer-settings' } });
    } else if (remote && remote.changedAt > Number(settingsChangedAt)) {
      await pull(remote.settings, remote.changedAt);
    } else {
      await push(false);
    }
  }

  /**
   * Writes settings that came from sync into local storage (only the keys that differ). What they
   * replace is kept in `settingsBackup`.
   * @param {Record<string, unknown>} settings
   * @param {number} changedAt
   */
  async function pull(settings, changedAt) {
    const local = await storage.local.get([...SYNCED_KEYS]);
    /** @type {Record<string, unknown>} */
    const set = { settingsChangedAt: changedAt };
    const remove = [];
    for (const key of SYNCED_KEYS) {
      if (settings[key] === undefined) {
        if (local[key] !== undefined) remove.push(key);
      } else if (VALID[key](settings[key]) && !same(settings[key], local[key])) {
        set[key] = settings[key];
      }
    }
    if (remove.length || Object.keys(set).length > 1) set.settingsBackup = { at: Date.now(), settings: pickSettings(local) };
    if (remove.length) await storage.local.remove(remove);
    await storage.local.set(set);
  }

  /**
   * Copies local settings to sync, if they differ from what is there.
   * @param {boolean} changedNow a local change: stamp it with the time
   */
  async function push(changedNow) {
    const local = await storage.local.get([...SYNCED_KEYS, KEY.settingsChangedAt]);
    const settings = pickSettings(local);
    const current = await storage.sync.get(null);
    const remote = fromSyncItems(current);
    if (remote && 'newer' in remote) {
      // A newer riskhint's settings: leave them alone.
      await storage.local.set({ [KEY.syncState]: { ok: false, error: 'newer-settings' } });
      return;
    }
    // Nothing new (also the echo of a pull): no write.
    if (remote && same(remote.settings, settings)) return;
    const changedAt = changedNow || !local.settingsChangedAt ? Date.now() : Number(local.settingsChangedAt);
    if (changedAt !== local.settingsChangedAt) await storage.local.set({ [KEY.settingsChangedAt]: changedAt });
    const { items, bytes } = toSyncItems(settings, changedAt);
    if (bytes > TOTAL_BYTES) {
      await storage.local.set({ [KEY.syncState]: { ok: false, error: 'too-large', bytes, limit: TOTAL_BYTES } });
      return;
    }
    try {
      // Chunks of an older, longer write: removed after the new write, so that another browser
      // never sees a header without its chunks; or before it, when they would not fit together.
      const stale = Object.keys(current).filter((key) => key.startsWith(`${HEADER}.`) && !(key in items));
      const staleBytes = stale.reduce((sum, key) => sum + itemBytes(key, current[key]), 0);
      if (stale.length && bytes + staleBytes > TOTAL_BYTES) await storage.sync.remove(stale);
      await storage.sync.set(items);
      if (stale.length && bytes + staleBytes <= TOTAL_BYTES) await storage.sync.remove(stale);
      await storage.local.set({ [KEY.syncState]: { ok: true, at: Date.now(), bytes } });
    } catch (error) {
      // Over a quota (writes per minute, or bytes): the settings stay here and go out next time.
      await storage.local.set({ [KEY.syncState]: { ok: false, error: String(error instanceof Error ? error.message : error) } });
    }
  }

  /**
   * @param {Record<string, chrome.storage.StorageChange>} changes
   * @param {string} area
   */
  function changed(changes, area) {
    if (area === 'sync' && HEADER in changes) {
      // Another browser wrote (or our own write echoes back: then nothing differs).
      reconcile().catch((error) => console.warn('riskhint: could not read synced settings', error));
    } else if (area === 'local' && SYNCED_KEYS.some((key) => key in changes)) {
      clearTimeout(pushTimer);
      // A burst of changes (typing in options, several toggles) is one write.
      pushTimer = setTimeout(() => push(true).catch((error) => console.warn('riskhint: could not sync settings', error)), 500);
    }
  }

  return { start, upgrade, reconcile, changed };
}
