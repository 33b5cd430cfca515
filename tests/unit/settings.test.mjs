// extension/settings.js: an upgrade never loses settings (migrate), the settings travel through
// chrome.storage.sync in chunks that fit its quotas and never arrive as half a policy
// (toSyncItems / fromSyncItems), and the worker's settingsSync keeps local and sync storage in step
// (whichever changed last wins, nothing is lost when sync refuses), against an in-memory fake of
// chrome.storage that enforces sync's byte quotas like Chrome does.

import { test, describe, mock, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  SETTINGS_VERSION, SYNCED_KEYS, MAX_IGNORED, migrate, pickSettings, toSyncItems, fromSyncItems, settingsSync,
} from '../../extension/settings.js';

// ---------------------------------------------------------------------------------------------
// Helpers

const QUOTA_BYTES_PER_ITEM = 8192;
const QUOTA_BYTES = 102400;
const encoder = new TextEncoder();
/** How Chrome measures a sync item: UTF-8 bytes of its key plus of its JSON value. */
const itemBytes = (key, value) => encoder.encode(key).length + encoder.encode(JSON.stringify(value)).length;
const totalBytes = (items) => Object.entries(items).reduce((sum, [key, value]) => sum + itemBytes(key, value), 0);

/** Repeats `unit` until the text is at least `bytes` UTF-8 bytes long. */
function textOfBytes(unit, bytes) {
  const unitBytes = encoder.encode(unit).length;
  return unit.repeat(Math.ceil(bytes / unitBytes));
}

/** About 40 KB of policy text that is hard to cut: Hangul, emoji (surrogate pairs, one with a
 * skin-tone modifier), quotes, backslashes, newlines, tabs and control characters. */
const HARD_POLICY = textOfBytes(
  '{"organization": {"names": ["삼성전자", "한국 \\"주식\\" 회사"], "emoji": "😀👍🏽🎉"},\n'
  + '\t"note": "line\r\nbreak \u0000\u0001\u0007\u001f end 🧪", "quote": \'single\' "double"}\n',
  40_000,
);

const SETTINGS = {
  policy: HARD_POLICY,
  rulesOff: ['TONE001', 'LEAK002'],
  ignored: [{ code: 'TONE001', text: '정말 최악' }, { code: 'LEAK002', text: 'Project Falcon' }],
  role: 'executive',
  language: 'ko',
  crisisMode: true,
  pausedSites: ['www.facebook.com'],
};

const isHigh = (code) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code) => code >= 0xdc00 && code <= 0xdfff;

/** The chunk keys settings.0 … settings.N of a set of items, in order. */
const chunkKeys = (items) => Object.keys(items).filter((k) => /^settings\.\d+$/.test(k))
  .sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]));

/**
 * A small in-memory chrome.storage: `local` and `sync` areas with async get/set/remove, values
 * deep-copied like the real API; `sync` enforces QUOTA_BYTES_PER_ITEM and QUOTA_BYTES (a write that
 * would break either is refused as a whole). `sync.failNextSet(message)` makes the next set throw.
 */
function fakeStorage({ local = {}, sync = {} } = {}) {
  function area(initial, quota) {
    let data = structuredClone(initial);
    let failure = null;
    const calls = { set: 0, remove: 0 };
    return {
      calls,
      /** The area's contents (a copy), for assertions. */
      dump: () => structuredClone(data),
      failNextSet(message) { failure = message; },
      async get(keys) {
        if (keys === null || keys === undefined) return structuredClone(data);
        const wanted = typeof keys === 'string' ? [keys] : keys;
        const out = {};
        for (const key of wanted) if (key in data) out[key] = structuredClone(data[key]);
        return out;
      },
      async set(items) {
        calls.set++;
        if (failure) {
          const message = failure;
          failure = null;
          throw new Error(message);
        }
        const next = { ...data, ...structuredClone(items) };
        if (quota) {
          for (const [key, value] of Object.entries(items)) {
            if (itemBytes(key, value) > QUOTA_BYTES_PER_ITEM) throw new Error('QUOTA_BYTES_PER_ITEM quota exceeded');
          }
          if (totalBytes(next) > QUOTA_BYTES) throw new Error('QUOTA_BYTES quota exceeded');
        }
        data = next;
      },
      async remove(keys) {
        calls.remove++;
        for (const key of typeof keys === 'string' ? [keys] : keys) delete data[key];
      },
    };
  }
  return { local: area(local, false), sync: area(sync, true) };
}

/** Waits (without timers, so mocked timers do not matter) until `condition()` holds. */
async function until(condition, what = 'condition') {
  for (let i = 0; i < 2000; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  assert.fail(`timed out waiting for ${what}`);
}

/** Settings as sync items, as another browser would have written them. */
const syncOf = (settings, changedAt) => toSyncItems(settings, changedAt).items;

/** Silences the console.warn notes settingsSync writes, for the duration of a test. */
function quietWarnings(t) {
  t.mock.method(console, 'warn', () => {});
}

// ---------------------------------------------------------------------------------------------

describe('migrate: an upgrade never loses settings', () => {
  const V0 = {
    policy: '{"organization": {"names": ["Acme"]}}',
    rulesOff: ['TONE001', 'LEAK002'],
    ignored: [{ code: 'TONE001', text: 'awful' }],
    role: 'pr',
    language: 'ko',
    crisisMode: false,
    pausedSites: ['x.com'],
    engineCache: 'not a setting',
  };

  /** Storage after applying a migration's result. */
  const apply = (stored, { set, remove }) => {
    const after = { ...stored, ...set };
    for (const key of remove) delete after[key];
    return after;
  };

  test('version-0 storage with valid settings keeps every value and gains settingsVersion', () => {
    const result = migrate(structuredClone(V0));
    assert.ok(result);
    assert.deepEqual(result.remove, []);
    assert.deepEqual(result.notes, []);
    assert.equal(result.set.settingsVersion, SETTINGS_VERSION);
    assert.deepEqual(apply(V0, result), { ...V0, settingsVersion: SETTINGS_VERSION });
  });

  test('an empty version-0 storage only gains settingsVersion', () => {
    assert.deepEqual(migrate({}), { set: { settingsVersion: SETTINGS_VERSION }, remove: [], notes: [] });
  });

  test('duplicate rulesOff entries are removed, keeping the first-seen order', () => {
    const result = migrate({ ...V0, rulesOff: ['LEAK002', 'TONE001', 'LEAK002', 'TONE001', 'DISC003'] });
    assert.deepEqual(result.set.rulesOff, ['LEAK002', 'TONE001', 'DISC003']);
    assert.deepEqual(result.remove, []);
  });

  test('rulesOff entries that are not rule codes are dropped, the codes kept', () => {
    const result = migrate({ ...V0, rulesOff: ['TONE001', 7, null, 'TONE001'] });
    assert.deepEqual(result.set.rulesOff, ['TONE001']);
  });

  for (const [key, bad] of [['role', 'ceo'], ['language', 'fr'], ['rulesOff', 'TONE001'], ['crisisMode', 'yes'],
    ['policy', { organization: {} }], ['ignored', [{ code: 'TONE001' }]], ['pausedSites', 'x.com']]) {
    test(`an invalid ${key} (${JSON.stringify(bad)}) is removed with a note naming it; the other keys stay`, () => {
      const stored = { ...V0, [key]: bad };
      const result = migrate(structuredClone(stored));
      assert.deepEqual(result.remove, [key]);
      assert.equal(key in result.set, false);
      assert.equal(result.notes.length, 1);
      assert.match(result.notes[0], new RegExp(`\\b${key}\\b`));
      const after = apply(stored, result);
      assert.equal(key in after, false);
      for (const other of SYNCED_KEYS.filter((k) => k !== key)) assert.deepEqual(after[other], V0[other], other);
      assert.equal(after.settingsVersion, SETTINGS_VERSION);
    });
  }

  test('several invalid values are each removed with their own note', () => {
    const result = migrate({ ...V0, role: 'ceo', language: 'fr' });
    assert.deepEqual([...result.remove].sort(), ['language', 'role']);
    assert.equal(result.notes.length, 2);
    assert.ok(result.notes.some((n) => n.includes('role')));
    assert.ok(result.notes.some((n) => n.includes('language')));
  });

  test('already-current storage needs no migration', () => {
    assert.equal(migrate({ ...V0, settingsVersion: SETTINGS_VERSION }), null);
  });

  test('storage from a newer version is neither migrated nor touched', () => {
    const stored = { ...V0, role: 'ceo', settingsVersion: SETTINGS_VERSION + 1 };
    const before = structuredClone(stored);
    assert.equal(migrate(stored), null);
    assert.deepEqual(stored, before);
  });

  test('migrate does not modify the object it is given', () => {
    const stored = { ...V0, role: 'ceo', rulesOff: ['A', 'A'] };
    const before = structuredClone(stored);
    migrate(stored);
    assert.deepEqual(stored, before);
  });
});

describe('pickSettings', () => {
  test('keeps only the synced keys that are set', () => {
    const picked = pickSettings({ policy: 'p', role: 'pr', language: undefined, settingsVersion: 1, syncState: { ok: true } });
    assert.deepEqual(picked, { policy: 'p', role: 'pr' });
  });

  test('the synced keys are what the user chooses, and MAX_IGNORED is a sane bound', () => {
    assert.deepEqual([...SYNCED_KEYS].sort(), ['crisisMode', 'ignored', 'language', 'pausedSites', 'policy', 'role', 'rulesOff']);
    assert.ok(Number.isInteger(MAX_IGNORED) && MAX_IGNORED > 0);
  });
});

describe('toSyncItems / fromSyncItems: settings sync within chrome.storage.sync quotas', () => {
  test('settings with a 40 KB policy of Hangul, emoji, quotes and control characters round-trip exactly', () => {
    assert.ok(encoder.encode(HARD_POLICY).length >= 40_000);
    const changedAt = 1_700_000_000_000;
    const { items } = toSyncItems(SETTINGS, changedAt);
    assert.ok(chunkKeys(items).length > 1, 'a 40 KB policy takes several chunks');
    const back = fromSyncItems(structuredClone(items));
    assert.deepEqual(back, { settings: SETTINGS, changedAt });
    assert.equal(back.settings.policy, HARD_POLICY);
  });

  test('every item fits QUOTA_BYTES_PER_ITEM as Chrome counts it, and the reported total is right', () => {
    // Texts whose characters take 1 to 4 UTF-8 bytes, or grow when escaped as JSON, in many mixes.
    const mixes = [];
    for (let ascii = 0; ascii < 12; ascii++) {
      for (const wide of ['가', '😀', '"', '\\', '\u0001', 'é', '\n']) {
        const unit = 'a'.repeat(ascii) + wide;
        mixes.push({ policy: unit.repeat(Math.ceil(30_000 / unit.length)) });
      }
    }
    for (const settings of [SETTINGS, ...mixes]) {
      const { items, bytes } = toSyncItems(settings, 1);
      for (const [key, value] of Object.entries(items)) {
        assert.ok(itemBytes(key, value) <= QUOTA_BYTES_PER_ITEM, `${key}: ${itemBytes(key, value)} bytes`);
      }
      assert.equal(bytes, totalBytes(items));
    }
  });

  test('the header says which version wrote the items, when, and in how many chunks', () => {
    const { items } = toSyncItems({ role: 'pr' }, 42);
    const header = /** @type {any} */ (items.settings);
    assert.equal(header.version, SETTINGS_VERSION);
    assert.equal(header.changedAt, 42);
    assert.equal(header.chunks, chunkKeys(items).length);
    assert.equal(header.length, JSON.stringify({ role: 'pr' }).length);
    assert.deepEqual(Object.keys(items).sort(), ['settings', 'settings.0']);
  });

  for (const [name, policy] of [['emoji only', '😀'.repeat(20_000)], ['mixed', HARD_POLICY], ['emoji after one ASCII letter', `a${'🎉'.repeat(20_000)}`]]) {
    test(`no chunk starts or ends with half of a surrogate pair (${name})`, () => {
      const { items } = toSyncItems({ policy }, 1);
      const keys = chunkKeys(items);
      assert.ok(keys.length > 2);
      for (const key of keys) {
        const piece = /** @type {string} */ (items[key]);
        assert.ok(piece.length > 0, `${key} is empty`);
        assert.ok(!isLow(piece.charCodeAt(0)), `${key} starts with a low surrogate`);
        assert.ok(!isHigh(piece.charCodeAt(piece.length - 1)), `${key} ends with a high surrogate`);
        assert.ok(piece.isWellFormed(), `${key} has a lone surrogate`);
      }
    });
  }

  test('a missing chunk gives null, never half a policy', () => {
    const { items } = toSyncItems(SETTINGS, 1);
    const keys = chunkKeys(items);
    for (const key of [keys[0], keys[Math.floor(keys.length / 2)], keys.at(-1)]) {
      const partial = { ...items };
      delete partial[key];
      assert.equal(fromSyncItems(partial), null, `without ${key}`);
    }
  });

  test('a chunk left over from an older write (length mismatch) gives null', () => {
    const older = toSyncItems({ ...SETTINGS, policy: `${HARD_POLICY}older text` }, 1).items;
    const newer = toSyncItems(SETTINGS, 2).items;
    const keys = chunkKeys(newer);
    // The new header and some chunks have arrived; the last chunk is still the older write's.
    const mixed = { ...newer, [keys.at(-1)]: older[keys.at(-1)] };
    assert.notEqual(mixed[keys.at(-1)], newer[keys.at(-1)]);
    assert.equal(fromSyncItems(mixed), null);
  });

  test('a header without chunks, or no header at all, gives null', () => {
    assert.equal(fromSyncItems({}), null);
    assert.equal(fromSyncItems({ 'settings.0': '{"role":"pr"}' }), null);
    assert.equal(fromSyncItems({ settings: { version: 1, changedAt: 1 } }), null);
  });

  test('items written by a newer version are reported as newer, not read', () => {
    const { items } = toSyncItems({ role: 'pr' }, 1);
    items.settings = { ...items.settings, version: SETTINGS_VERSION + 1 };
    assert.deepEqual(fromSyncItems(items), { newer: true });
  });

  test('only the synced keys are taken from sync', () => {
    const { items } = toSyncItems({ role: 'pr', settingsVersion: 99, syncState: { ok: true }, secret: 'x' }, 5);
    assert.deepEqual(fromSyncItems(items), { settings: { role: 'pr' }, changedAt: 5 });
  });

  test('chunks that do not join into JSON give null', () => {
    const items = { settings: { version: SETTINGS_VERSION, changedAt: 1, chunks: 1, length: 5 }, 'settings.0': '{"rol' };
    assert.equal(fromSyncItems(items), null);
  });
});

// ---------------------------------------------------------------------------------------------

describe('settingsSync: local and sync storage in step', () => {
  afterEach(() => mock.timers.reset());

  const V0_PROFILE = {
    policy: '{"organization": {"names": ["Acme", "에이크미"]}}',
    role: 'pr',
    rulesOff: ['TONE001'],
    ignored: [{ code: 'LEAK002', text: 'Falcon' }],
  };

  test('(a) first start on an upgraded 0.1.0 profile: versioned, values kept, copied to sync', async () => {
    const storage = fakeStorage({ local: V0_PROFILE });
    const before = Date.now();
    await settingsSync(storage).start();
    const local = storage.local.dump();
    assert.equal(local.settingsVersion, SETTINGS_VERSION);
    assert.deepEqual(pickSettings(local), V0_PROFILE);
    assert.ok(local.settingsChangedAt >= before, 'settings a browser had before syncing count as the newest');
    assert.equal(local.syncState.ok, true);
    assert.equal(local.syncState.bytes, totalBytes(storage.sync.dump()));
    const remote = fromSyncItems(storage.sync.dump());
    assert.deepEqual(remote, { settings: V0_PROFILE, changedAt: local.settingsChangedAt });
  });

  test('upgrade alone: the snapshot it resolves to is local storage as upgraded, and nothing is synced yet', async () => {
    const storage = fakeStorage({ local: V0_PROFILE });
    const snapshot = await settingsSync(storage).upgrade();
    assert.deepEqual(snapshot, storage.local.dump(), 'the worker configures from it without reading again');
    assert.equal(snapshot.settingsVersion, SETTINGS_VERSION);
    assert.deepEqual(pickSettings(snapshot), V0_PROFILE);
    assert.deepEqual(storage.sync.dump(), {}, 'reconcile comes after, off the first answer\'s path');
    const current = { role: 'pr', settingsVersion: SETTINGS_VERSION };
    assert.deepEqual(await settingsSync(fakeStorage({ local: current })).upgrade(), current, 'no upgrade: what was read');
    const newer = fakeStorage({ local: { role: 'pr', settingsVersion: SETTINGS_VERSION + 1 } });
    assert.equal(await settingsSync(newer).upgrade(), null, 'a newer version wrote these');
  });

  test('(b) a second browser with no settings takes the synced ones', async () => {
    const changedAt = Date.now() - 60_000;
    const storage = fakeStorage({ sync: syncOf(SETTINGS, changedAt) });
    await settingsSync(storage).start();
    const local = storage.local.dump();
    assert.deepEqual(pickSettings(local), SETTINGS);
    assert.equal(local.settingsChangedAt, changedAt);
    assert.equal(local.settingsVersion, SETTINGS_VERSION);
  });

  test('(c) sync changed later than local: sync wins', async () => {
    const now = Date.now();
    const mine = { role: 'employee', language: 'en', rulesOff: ['TONE001'] };
    const theirs = { role: 'executive', language: 'ko', rulesOff: [], crisisMode: true };
    const storage = fakeStorage({
      local: { ...mine, settingsVersion: SETTINGS_VERSION, settingsChangedAt: now - 120_000 },
      sync: syncOf(theirs, now - 60_000),
    });
    const syncBefore = storage.sync.dump();
    await settingsSync(storage).start();
    const local = storage.local.dump();
    assert.deepEqual(pickSettings(local), theirs);
    assert.equal(local.settingsChangedAt, now - 60_000);
    assert.deepEqual(storage.sync.dump(), syncBefore, 'sync is not rewritten');
  });

  test('(c) local changed later than sync: local wins and goes to sync', async () => {
    const now = Date.now();
    const mine = { role: 'employee', language: 'en', rulesOff: ['TONE001'] };
    const theirs = { role: 'executive', language: 'ko', rulesOff: [], crisisMode: true };
    const storage = fakeStorage({
      local: { ...mine, settingsVersion: SETTINGS_VERSION, settingsChangedAt: now - 60_000 },
      sync: syncOf(theirs, now - 120_000),
    });
    await settingsSync(storage).start();
    const local = storage.local.dump();
    assert.deepEqual(pickSettings(local), mine);
    assert.deepEqual(fromSyncItems(storage.sync.dump()), { settings: mine, changedAt: now - 60_000 });
    assert.equal(local.syncState.ok, true);
  });

  test('(d) a policy too large for sync stays in local storage and syncState says so', async () => {
    const big = { ...V0_PROFILE, policy: textOfBytes('{"names": ["가나다", "abc"]}\n', 150_000) };
    const previous = syncOf({ role: 'employee' }, Date.now() - 3_600_000);
    const storage = fakeStorage({ local: { ...big, settingsVersion: SETTINGS_VERSION, settingsChangedAt: Date.now() - 1000 }, sync: previous });
    await settingsSync(storage).start();
    const local = storage.local.dump();
    assert.deepEqual(pickSettings(local), big);
    assert.deepEqual(storage.sync.dump(), previous);
    assert.equal(local.syncState.ok, false);
    assert.equal(local.syncState.error, 'too-large');
    assert.ok(local.syncState.bytes > QUOTA_BYTES, `bytes ${local.syncState.bytes}`);
    assert.ok(local.syncState.limit <= QUOTA_BYTES, `limit ${local.syncState.limit}`);
    assert.equal(storage.sync.calls.set, 0, 'no write that Chrome would refuse');
  });

  test('(e) when sync refuses a write, local settings are intact and syncState carries the error', async (t) => {
    quietWarnings(t);
    const storage = fakeStorage({ local: V0_PROFILE });
    storage.sync.failNextSet('MAX_WRITE_OPERATIONS_PER_MINUTE quota exceeded');
    await settingsSync(storage).start();
    const local = storage.local.dump();
    assert.deepEqual(pickSettings(local), V0_PROFILE);
    assert.equal(local.settingsVersion, SETTINGS_VERSION);
    assert.deepEqual(local.syncState, { ok: false, error: 'MAX_WRITE_OPERATIONS_PER_MINUTE quota exceeded' });
    assert.deepEqual(storage.sync.dump(), {});
  });

  test('(e) after a refused write, the next start syncs the settings', async (t) => {
    quietWarnings(t);
    const storage = fakeStorage({ local: V0_PROFILE });
    storage.sync.failNextSet('MAX_WRITE_OPERATIONS_PER_MINUTE quota exceeded');
    await settingsSync(storage).start();
    await settingsSync(storage).start();
    assert.equal(storage.local.dump().syncState.ok, true);
    assert.deepEqual(fromSyncItems(storage.sync.dump()).settings, V0_PROFILE);
  });

  test('(f) a local change is pushed once after 500 ms, and stale chunks of a longer policy are removed', async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    const storage = fakeStorage({ local: { ...SETTINGS, settingsVersion: SETTINGS_VERSION, settingsChangedAt: Date.now() - 1000 } });
    const sync = settingsSync(storage);
    await sync.start();
    const longKeys = chunkKeys(storage.sync.dump());
    assert.ok(longKeys.length > 2, `the 40 KB policy took ${longKeys.length} chunks`);
    const writes = storage.sync.calls.set;

    const small = '{"organization": {"names": ["Acme"]}}';
    await storage.local.set({ policy: '{}' });
    sync.changed({ policy: { oldValue: HARD_POLICY, newValue: '{}' } }, 'local');
    await storage.local.set({ policy: small });
    sync.changed({ policy: { oldValue: '{}', newValue: small } }, 'local');
    mock.timers.tick(499);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(storage.sync.calls.set, writes, 'nothing is written before 500 ms');
    mock.timers.tick(1);

    await until(() => chunkKeys(storage.sync.dump()).length === 1 && storage.sync.calls.remove > 0, 'the push to settle');
    const remote = storage.sync.dump();
    assert.deepEqual(Object.keys(remote).sort(), ['settings', 'settings.0']);
    assert.deepEqual(fromSyncItems(remote).settings, { ...SETTINGS, policy: small });
    assert.equal(storage.sync.calls.set, writes + 1, 'a burst of changes is one write');
    await until(() => storage.local.dump().syncState?.bytes === totalBytes(remote), 'syncState');
    assert.equal(storage.local.dump().syncState.ok, true);
  });

  test('(f) a change to a key that is not a setting is not pushed', async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    const storage = fakeStorage({ local: V0_PROFILE });
    const sync = settingsSync(storage);
    await sync.start();
    const writes = storage.sync.calls.set;
    sync.changed({ syncState: { newValue: { ok: true } } }, 'local');
    sync.changed({ settingsChangedAt: { newValue: 1 } }, 'local');
    mock.timers.tick(1000);
    for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve));
    assert.equal(storage.sync.calls.set, writes);
  });

  test('(g) a pulled change keeps the replaced local settings in settingsBackup', async () => {
    const now = Date.now();
    const mine = { policy: '{"organization": {"names": ["Mine"]}}', role: 'employee', language: 'en', rulesOff: ['TONE001'] };
    const theirs = { policy: '{"organization": {"names": ["Theirs"]}}', role: 'pr' };
    const storage = fakeStorage({
      local: { ...mine, settingsVersion: SETTINGS_VERSION, settingsChangedAt: now - 60_000 },
      sync: syncOf(mine, now - 60_000),
    });
    const sync = settingsSync(storage);
    await sync.start();

    // Another browser writes.
    const items = syncOf(theirs, now);
    await storage.sync.set(items);
    sync.changed({ settings: { newValue: items.settings } }, 'sync');
    await until(() => storage.local.dump().settingsChangedAt === now, 'the pull');

    const local = storage.local.dump();
    assert.deepEqual(pickSettings(local), theirs, 'keys the other browser removed are removed here too');
    assert.deepEqual(local.settingsBackup.settings, mine);
    assert.equal(typeof local.settingsBackup.at, 'number');
  });

  test('the echo of our own sync write changes nothing locally', async () => {
    const storage = fakeStorage({ local: V0_PROFILE });
    const sync = settingsSync(storage);
    await sync.start();
    const before = storage.local.dump();
    const writes = storage.local.calls.set;
    sync.changed({ settings: { newValue: storage.sync.dump().settings } }, 'sync');
    for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(storage.local.dump(), before);
    assert.equal(storage.local.calls.set, writes);
  });

  test('sync written by a newer version is not read at start, and syncState says so', async () => {
    const items = syncOf({ role: 'executive' }, Date.now());
    items.settings = { ...items.settings, version: SETTINGS_VERSION + 1 };
    const storage = fakeStorage({ local: V0_PROFILE, sync: items });
    await settingsSync(storage).start();
    assert.deepEqual(pickSettings(storage.local.dump()), V0_PROFILE);
    assert.deepEqual(storage.local.dump().syncState, { ok: false, error: 'newer-settings' });
    assert.deepEqual(storage.sync.dump(), items);
  });

  test('sync written by a newer version is not overwritten by a later local change', async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    const items = syncOf({ role: 'executive' }, Date.now());
    items.settings = { ...items.settings, version: SETTINGS_VERSION + 1 };
    const storage = fakeStorage({ local: V0_PROFILE, sync: items });
    const sync = settingsSync(storage);
    await sync.start();
    await storage.local.set({ role: 'employee' });
    sync.changed({ role: { oldValue: 'pr', newValue: 'employee' } }, 'local');
    mock.timers.tick(500);
    for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(storage.sync.dump(), items, 'the newer version\'s settings are left alone');
  });

  test('local settings written by a newer version are not migrated or rewritten', async () => {
    const newer = { ...V0_PROFILE, role: 'ceo', settingsVersion: SETTINGS_VERSION + 1 };
    const storage = fakeStorage({ local: newer });
    await settingsSync(storage).start();
    const local = storage.local.dump();
    assert.deepEqual({ ...local, syncState: undefined }, { ...newer, syncState: undefined });
    assert.deepEqual(local.syncState, { ok: false, error: 'newer-settings' });
    assert.deepEqual(storage.sync.dump(), {});
  });

  test('a policy that fits replaces an older one stored in more, smaller chunks', async () => {
    // An English policy of about 90 KB takes 15 chunks of about 6 KB; a Korean one of about 93 KB
    // takes 13 larger ones. Both fit sync's 100 KB, so the Korean one must sync: the older
    // write's chunks past the new count must not push the write over QUOTA_BYTES.
    const english = { policy: 'abcdefghij'.repeat(9000) };
    const korean = { policy: '가나다라마바사아자차'.repeat(3100) };
    const now = Date.now();
    const oldItems = syncOf(english, now - 60_000);
    assert.ok(totalBytes(oldItems) <= QUOTA_BYTES);
    assert.ok(toSyncItems(korean, now).bytes <= QUOTA_BYTES - 1024, 'the new settings fit');
    assert.ok(chunkKeys(oldItems).length > chunkKeys(syncOf(korean, now)).length);

    const storage = fakeStorage({ local: { ...korean, settingsVersion: SETTINGS_VERSION, settingsChangedAt: now }, sync: oldItems });
    await settingsSync(storage).start();
    const state = storage.local.dump().syncState;
    assert.equal(state.ok, true, `syncState: ${JSON.stringify(state)}`);
    assert.deepEqual(fromSyncItems(storage.sync.dump()).settings, korean);
  });
});
