// The UI's words: extension/_locales/{en,ko}/messages.json are complete and consistent (same
// keys, same placeholders mapped to the same $n, valid and case-insensitively unique key names,
// Korean in Korean and not in English), every key the code asks for exists (t('…') calls,
// data-i18n attributes, __MSG_…__ in manifest.json and the dynamic label_/severity_/level_/band_/
// role_/doc_/field_/csv_ families) and every key is used; and extension/i18n.js, run in a VM with a
// fake chrome, formats a chosen language's messages the way chrome.i18n would.

import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

const ROOT = new URL('../../', import.meta.url).pathname;
const EXTENSION = path.join(ROOT, 'extension');
const read = (file) => readFileSync(path.join(ROOT, file), 'utf8');
const readJson = (file) => JSON.parse(read(file));

const en = readJson('extension/_locales/en/messages.json');
const ko = readJson('extension/_locales/ko/messages.json');
const LOCALES = { en, ko };

const HANGUL = /\p{Script=Hangul}/u;
/** Messages that are only the product's name (and placeholders): the same in every language. */
const PROPER_NAMES = ['extName', 'pillText'];
/** The message that names its file's language (i18n.js asks chrome.i18n for it). */
const LANGUAGE_CODE = 'uiLanguage';

/** The $NAME$ placeholders a message uses, lower-cased (Chrome matches them case-insensitively). */
const placeholdersUsed = (message) => new Set([...message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) => m[1].toLowerCase()));

// ---------------------------------------------------------------------------------------------
// How the code names messages

/** The extension's own source files (not the generated engine), relative to the repository. */
function sources(ext) {
  const out = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!['engine', '_locales', 'node_modules'].includes(entry.name)) walk(full);
      } else if (entry.name.endsWith(ext)) {
        out.push(path.relative(ROOT, full));
      }
    }
  };
  walk(EXTENSION);
  return out.sort();
}

/** The index just after the string literal whose opening quote is at `i`. */
function skipString(code, i) {
  const quote = code[i];
  for (i++; code[i] !== quote; i++) if (code[i] === '\\') i++;
  return i + 1;
}

/**
 * The template literal whose opening backtick is at `i`: the index just after it, its text up to
 * the first `${…}` (`head`), and whether it has any (`dynamic`).
 */
function readTemplate(code, i) {
  let head = '';
  let dynamic = false;
  for (i++; code[i] !== '`';) {
    if (code[i] === '\\') {
      if (!dynamic) head += code.slice(i, i + 2);
      i += 2;
    } else if (code[i] === '$' && code[i + 1] === '{') {
      dynamic = true;
      i = skipExpression(code, i + 2);
    } else {
      if (!dynamic) head += code[i];
      i++;
    }
  }
  return { end: i + 1, head, dynamic };
}

/** The index just after the '}' that closes the `${` expression starting at `i`. */
function skipExpression(code, i) {
  for (let depth = 0; ; ) {
    const c = code[i];
    if (c === "'" || c === '"') i = skipString(code, i);
    else if (c === '`') i = readTemplate(code, i).end;
    else {
      if (c === '{') depth++;
      else if (c === '}' && depth-- === 0) return i + 1;
      i++;
    }
  }
}

/**
 * The literals at the top level of `code` from `i`, until a ',' or ')' at depth 0 (or the end):
 * returns where it stopped, and each string or template literal with the text around it.
 */
function scanArgument(code, i) {
  const literals = [];
  for (let depth = 0; i < code.length;) {
    const c = code[i];
    if (c === "'" || c === '"') {
      const end = skipString(code, i);
      literals.push({ start: i, end, key: code.slice(i + 1, end - 1) });
      i = end;
    } else if (c === '`') {
      const template = readTemplate(code, i);
      literals.push({ start: i, end: template.end, ...(template.dynamic ? { prefix: template.head } : { key: template.head }) });
      i = template.end;
    } else {
      if ('([{'.includes(c)) depth++;
      else if (')]}'.includes(c)) {
        if (depth === 0) break;
        depth--;
      } else if (c === ',' && depth === 0) break;
      i++;
    }
  }
  return { end: i, literals };
}

/**
 * The keys the first argument of the call whose '(' is at `open` can name: its string literals
 * (but not those compared against, as in `verdict === 'block' ? 'pillBlock' : …`), and the fixed
 * start of its template literals.
 */
function keysOfCall(code, open) {
  const { literals } = scanArgument(code, open + 1);
  const keys = [];
  const prefixes = [];
  for (const literal of literals) {
    const before = code.slice(open + 1, literal.start);
    const after = code.slice(literal.end, literal.end + 10);
    if (/[=!]==?\s*$/.test(before) || /^\s*[=!]==?/.test(after)) continue;
    if (literal.prefix !== undefined) prefixes.push(literal.prefix);
    else if (literal.key) keys.push(literal.key); // '' is a fallback (`?? ''`), never a key
  }
  return { keys, prefixes };
}

/**
 * The keys named by every t(…) and chrome.i18n.getMessage(…) call in the extension's scripts:
 * static keys and dynamic prefixes, each with the files that use it.
 */
function keysFromCalls() {
  const statics = new Map(); // key -> files
  const prefixes = new Map();
  const note = (map, key, file) => map.set(key, [...new Set([...(map.get(key) ?? []), file])]);
  for (const file of sources('.js')) {
    const code = read(file);
    for (const m of code.matchAll(/(?<![\w$])(?:t|getMessage)\(/g)) {
      const found = keysOfCall(code, m.index + m[0].length - 1);
      for (const key of found.keys) note(statics, key, file);
      for (const prefix of found.prefixes) note(prefixes, prefix, file);
    }
  }
  return { statics, prefixes };
}

/** The keys of data-i18n attributes in the extension's pages, each with its files. */
function keysFromHtml() {
  const keys = new Map();
  for (const file of sources('.html')) {
    for (const m of read(file).matchAll(/data-i18n="([^"]*)"/g)) keys.set(m[1], [...(keys.get(m[1]) ?? []), file]);
  }
  return keys;
}

/** The keys of __MSG_…__ references in manifest.json (and the pages and styles), each with its files. */
function keysFromManifest() {
  const keys = new Map();
  for (const file of ['manifest.json', ...sources('.html'), ...sources('.css')]) {
    for (const m of read(file).matchAll(/__MSG_(\w+)__/g)) keys.set(m[1], [...(keys.get(m[1]) ?? []), file]);
  }
  return keys;
}

/** The string literals of `name = [ … ]` (or `name: [ … ]`) in a source file. */
function arrayInSource(file, name) {
  const m = read(file).match(new RegExp(`\\b${name}\\s*[=:]\\s*\\[([^\\]]*)\\]`));
  assert.ok(m, `${name} not found in ${file}`);
  return [...m[1].matchAll(/'([^']*)'|"([^"]*)"/g)].map((s) => s[1] ?? s[2]);
}

const LABELS = arrayInSource('extension/content/labels.js', 'ALL');
const POLICY_LISTS = [...arrayInSource('extension/options/options.js', 'LISTS'), ...arrayInSource('extension/options/options.js', 'CRISIS_LISTS')];

/** The dynamic key families: prefix -> the keys the code can build with it. */
const FAMILIES = {
  label_: LABELS.map((label) => `label_${label.replace(/-/g, '_')}`),
  severity_: ['block', 'warn', 'info'].map((s) => `severity_${s}`),
  level_: ['off', 'block', 'warn', 'info'].map((s) => `level_${s}`),
  band_: ['high', 'medium', 'low'].map((s) => `band_${s}`),
  role_: ['employee', 'executive', 'pr'].map((s) => `role_${s}`),
  doc_: ['what', 'why', 'example', 'fix', 'source'].map((s) => `doc_${s}`),
  field_: POLICY_LISTS.map((p) => `field_${p.replace(/\./g, '_')}`),
  csv_: arrayInSource('extension/popup/csv.js', 'COLUMNS').map((c) => `csv_${c}`),
};

const calls = keysFromCalls();
const STATIC_USES = [
  ...[...calls.statics].map(([key, files]) => ({ key, where: `t() or getMessage() in ${files.join(', ')}` })),
  ...[...keysFromHtml()].map(([key, files]) => ({ key, where: `data-i18n in ${files.join(', ')}` })),
  ...[...keysFromManifest()].map(([key, files]) => ({ key, where: `__MSG_${key}__ in ${files.join(', ')}` })),
];

// ---------------------------------------------------------------------------------------------

describe('messages.json: en and ko agree', () => {
  test('en and ko have exactly the same keys', () => {
    const onlyEn = Object.keys(en).filter((k) => !(k in ko));
    const onlyKo = Object.keys(ko).filter((k) => !(k in en));
    assert.deepEqual({ onlyEn, onlyKo }, { onlyEn: [], onlyKo: [] });
  });

  for (const [lang, messages] of Object.entries(LOCALES)) {
    test(`${lang}: no message is empty`, () => {
      const empty = Object.entries(messages).filter(([, e]) => typeof e?.message !== 'string' || !e.message.trim()).map(([k]) => k);
      assert.deepEqual(empty, []);
    });

    test(`${lang}: keys are valid message names, unique when case is ignored`, () => {
      const invalid = Object.keys(messages).filter((k) => !/^[A-Za-z0-9_@]+$/.test(k));
      assert.deepEqual(invalid, []);
      const seen = new Map();
      const clashes = [];
      for (const key of Object.keys(messages)) {
        const lower = key.toLowerCase();
        if (seen.has(lower)) clashes.push(`${seen.get(lower)} / ${key}`);
        seen.set(lower, key);
      }
      assert.deepEqual(clashes, []);
    });
  }

  test('both locales use the same placeholders in each message', () => {
    const differ = Object.keys(en).filter((k) => k in ko).filter((key) => {
      const a = [...placeholdersUsed(en[key].message)].sort();
      const b = [...placeholdersUsed(ko[key].message)].sort();
      return JSON.stringify(a) !== JSON.stringify(b);
    });
    assert.deepEqual(differ, []);
  });

  for (const [lang, messages] of Object.entries(LOCALES)) {
    test(`${lang}: every placeholder a message uses is declared, as one of $1…$9`, () => {
      const problems = [];
      for (const [key, entry] of Object.entries(messages)) {
        const declared = Object.fromEntries(Object.entries(entry.placeholders ?? {}).map(([n, p]) => [n.toLowerCase(), p?.content]));
        for (const name of placeholdersUsed(entry.message)) {
          if (!(name in declared)) problems.push(`${key}: $${name.toUpperCase()}$ is not declared`);
          else if (!/^\$[1-9]$/.test(declared[name])) problems.push(`${key}: ${name} has content ${JSON.stringify(declared[name])}`);
        }
      }
      assert.deepEqual(problems, []);
    });
  }

  test('en and ko map each placeholder to the same substitution', () => {
    const problems = [];
    for (const key of Object.keys(en).filter((k) => k in ko)) {
      const contents = (entry) => Object.fromEntries(Object.entries(entry.placeholders ?? {}).map(([n, p]) => [n.toLowerCase(), p.content]));
      const a = contents(en[key]);
      const b = contents(ko[key]);
      for (const name of placeholdersUsed(en[key].message)) {
        if (a[name] !== b[name]) problems.push(`${key}.${name}: en ${a[name]}, ko ${b[name]}`);
      }
    }
    assert.deepEqual(problems, []);
  });

  test('ko messages are in Korean; en messages have no Korean', () => {
    const notKorean = Object.keys(ko).filter((k) => ![...PROPER_NAMES, LANGUAGE_CODE].includes(k) && !HANGUL.test(ko[k].message));
    const koreanInEn = Object.keys(en).filter((k) => HANGUL.test(en[k].message));
    assert.deepEqual({ notKorean, koreanInEn }, { notKorean: [], koreanInEn: [] });
  });

  test(`each locale's ${LANGUAGE_CODE} message is its own language code`, () => {
    for (const [lang, messages] of Object.entries(LOCALES)) assert.equal(messages[LANGUAGE_CODE]?.message, lang);
  });

  test('messages that are a proper name read the same in both languages', () => {
    for (const key of PROPER_NAMES) assert.equal(ko[key]?.message, en[key]?.message, key);
  });
});

describe('messages.json: what the code uses', () => {
  test('the scan finds the code\'s uses (a sanity check of this test)', () => {
    assert.ok(calls.statics.has(LANGUAGE_CODE), 'chrome.i18n.getMessage(\'…\') keys are found');
    assert.ok(calls.statics.size > 30, `${calls.statics.size} static t() keys`);
    assert.ok(calls.statics.has('pillBlock') && calls.statics.has('levelDefault'), 'keys chosen by a conditional are found');
    assert.ok(!calls.statics.has('block'), 'compared values are not taken as keys');
    assert.ok(keysFromHtml().has('optionsTitle'));
    assert.deepEqual([...keysFromManifest().keys()].sort(), ['extDescription', 'extName']);
    assert.ok(LABELS.length >= 5 && POLICY_LISTS.length >= 5);
  });

  test('every key the code names (t(\'…\'), data-i18n, __MSG_…__) exists in en', () => {
    const missing = STATIC_USES.filter(({ key }) => !(key in en)).map(({ key, where }) => `${key} (${where})`);
    assert.deepEqual(missing, []);
  });

  test('every prefix the code builds keys from is a known family', () => {
    const unknown = [...calls.prefixes].filter(([prefix]) => !(prefix in FAMILIES)).map(([p, files]) => `${p}… (${files.join(', ')})`);
    assert.deepEqual(unknown, []);
  });

  for (const [prefix, keys] of Object.entries(FAMILIES)) {
    test(`every ${prefix}… key the code can build exists in en and ko`, () => {
      assert.ok(keys.length > 0);
      const missing = keys.filter((k) => !(k in en) || !(k in ko));
      assert.deepEqual(missing, []);
    });
  }

  test('every key in en is used somewhere (no stale strings)', () => {
    const used = new Set([...STATIC_USES.map((u) => u.key), ...Object.values(FAMILIES).flat()]);
    const unused = Object.keys(en).filter((k) => !used.has(k));
    assert.deepEqual(unused, []);
  });
});

// ---------------------------------------------------------------------------------------------

/** chrome.i18n.getMessage as Chrome does it, over one locale's messages. */
function chromeGetMessage(messages, key, substitutions) {
  const entry = Object.entries(messages).find(([k]) => k.toLowerCase() === String(key).toLowerCase())?.[1];
  if (!entry) return '';
  const subs = substitutions === undefined ? [] : [].concat(substitutions).map(String);
  const contents = Object.fromEntries(Object.entries(entry.placeholders ?? {}).map(([n, p]) => [n.toLowerCase(), p.content]));
  return entry.message
    .replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name) => contents[name.toLowerCase()] ?? whole)
    .replace(/\$(\$|[1-9])/g, (_, c) => (c === '$' ? '$' : subs[Number(c) - 1] ?? ''));
}

/**
 * Runs extension/i18n.js in a fresh VM context with a fake chrome whose browser language is
 * `uiLanguage` and whose storage holds `stored`.
 */
function loadI18n({ uiLanguage = 'en-US', stored = { language: 'ko' }, failFetch = false } = {}) {
  const browserMessages = uiLanguage.toLowerCase().startsWith('ko') ? ko : en;
  const fetched = [];
  const listeners = [];
  const warnings = [];
  const chrome = {
    i18n: {
      getUILanguage: () => uiLanguage,
      getMessage: (key, subs) => chromeGetMessage(browserMessages, key, subs),
    },
    storage: {
      local: { get: async () => ({ ...stored }) },
      onChanged: { addListener: (listener) => listeners.push(listener) },
    },
    runtime: { getURL: (p) => `chrome-extension://test/${p}` },
  };
  async function fetch(url) {
    fetched.push(url);
    const prefix = 'chrome-extension://test/';
    assert.ok(url.startsWith(prefix), url);
    if (failFetch) throw new TypeError('Failed to fetch');
    const json = JSON.parse(readFileSync(path.join(EXTENSION, url.slice(prefix.length)), 'utf8'));
    return { json: async () => json };
  }
  const context = vm.createContext({
    chrome,
    location: { protocol: 'chrome-extension:' },
    fetch,
    console: { ...console, warn: (...args) => warnings.push(args) },
  });
  // protocol.js first, as manifest.json and the extension's pages load it.
  for (const file of ['extension/protocol.js', 'extension/i18n.js']) vm.runInContext(read(file), context, { filename: file });
  return {
    i18n: context.riskhintI18n,
    fetched,
    warnings,
    /** Delivers a storage change to i18n.js's onChanged listeners. */
    changed: (changes, area) => listeners.forEach((listener) => listener(changes, area)),
  };
}

/** A message with its named placeholders replaced by the given values. */
function fill(message, values) {
  return message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name) => values[name.toUpperCase()] ?? whole);
}

describe('i18n.js: a chosen language formats like chrome.i18n', () => {
  test('Korean chosen in an English browser: ko messages with substitutions in the right places', async () => {
    const { i18n, fetched } = loadI18n();
    await i18n.ready();
    assert.equal(i18n.language(), 'ko');
    assert.deepEqual(fetched, ['chrome-extension://test/_locales/ko/messages.json']);
    const { t } = i18n;

    assert.equal(t('pillText', 'X', 3), fill(ko.pillText.message, { SUMMARY: 'X', COUNT: '3' }));
    assert.equal(t('pillText', 'X', 3), 'riskhint · X · 3');
    assert.equal(t('postsLabelled', 5), fill(ko.postsLabelled.message, { COUNT: '5' }));
    assert.equal(t('postsLabelled', 5), '게시물 5개 표시');
    // $1 is the labels and $2 the risk, whatever order the Korean sentence puts them in.
    assert.equal(t('badgeName', 'A, B', 80), fill(ko.badgeName.message, { LABELS: 'A, B', RISK: '80' }));
    assert.equal(t('postButtonName', 80, 'A, B'), fill(ko.postButtonName.message, { RISK: '80', LABELS: 'A, B' }));
    assert.equal(t('lineColumn', 3, 14), fill(ko.lineColumn.message, { LINE: '3', COLUMN: '14' }));
    assert.equal(t('syncTooLarge', 150000, 101376), fill(ko.syncTooLarge.message, { BYTES: '150000', LIMIT: '101376' }));
    assert.equal(t('settings'), ko.settings.message);
    assert.ok(HANGUL.test(t('badgeName', 'A, B', 80)));
  });

  test('every ko message formats as chrome.i18n would format it', async () => {
    const { i18n } = loadI18n();
    await i18n.ready();
    const differ = Object.keys(ko).filter((key) => i18n.t(key, 'first', 'second') !== chromeGetMessage(ko, key, ['first', 'second']));
    assert.deepEqual(differ, []);
  });

  test('a substitution with $ signs is inserted as it is, as chrome.i18n does', async () => {
    const { i18n } = loadI18n();
    await i18n.ready();
    // chrome.i18n (base::ReplaceStringPlaceholders) reads $$ and $1 in the message only, never in
    // what it substitutes.
    assert.equal(i18n.t('turnOffRule', 'US$$ $1'), fill(ko.turnOffRule.message, { CODE: 'US$$ $1' }));
    assert.equal(i18n.t('turnOffRule', 'US$$ $1'), chromeGetMessage(ko, 'turnOffRule', ['US$$ $1']));
  });

  test('an unknown key reads as the key', async () => {
    const { i18n } = loadI18n();
    await i18n.ready();
    assert.equal(i18n.t('noSuchMessage'), 'noSuchMessage');
  });

  test('the browser\'s own language goes through chrome.i18n, without fetching', async () => {
    const { i18n, fetched } = loadI18n({ stored: {} });
    await i18n.ready();
    assert.equal(i18n.language(), 'en');
    assert.deepEqual(fetched, []);
    assert.equal(i18n.t('badgeName', 'A, B', 80), fill(en.badgeName.message, { LABELS: 'A, B', RISK: '80' }));
  });

  test('a Korean browser speaks Korean without a choice', async () => {
    const { i18n, fetched } = loadI18n({ uiLanguage: 'ko-KR', stored: {} });
    await i18n.ready();
    assert.equal(i18n.language(), 'ko');
    assert.deepEqual(fetched, []);
    assert.equal(i18n.t('postsLabelled', 5), fill(ko.postsLabelled.message, { COUNT: '5' }));
  });

  test('changing the language in storage switches the words and tells listeners', async () => {
    const { i18n, changed } = loadI18n();
    await i18n.ready();
    let told = 0;
    i18n.onChange(() => told++);
    changed({ language: { oldValue: 'ko', newValue: 'en' } }, 'local');
    await i18n.ready();
    assert.equal(i18n.language(), 'en');
    assert.equal(i18n.t('postsLabelled', 5), fill(en.postsLabelled.message, { COUNT: '5' }));
    assert.equal(told, 1);
    changed({ language: { newValue: 'ko' } }, 'sync');
    await i18n.ready();
    assert.equal(i18n.language(), 'en', 'a sync-area change is not the UI language');
  });

  test('when the chosen language cannot be loaded, the browser\'s language stays', async () => {
    const { i18n, warnings } = loadI18n({ failFetch: true });
    await i18n.ready();
    assert.equal(i18n.language(), 'en');
    assert.equal(i18n.t('settings'), en.settings.message);
    assert.equal(warnings.length, 1);
  });
});
