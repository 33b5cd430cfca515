// @ts-check
// The options page: the organisation's policy as a form. It runs the same WASM engine as the
// worker (an extension page may compile WASM) to read, validate and document policies, so what it
// accepts is exactly what the engine accepts. Saving asks the worker to store the policy; the worker
// and every open tab pick it up without a reload. A policy pushed by an administrator
// (chrome.storage.managed, copied to local storage by the worker) is shown read-only, and the
// paths it locks (the engine decides which) cannot be edited.

import initEngine, { validate_policy as validatePolicy, locked_fields as lockedFields } from '../engine/riskhint.js';

/**
 * Every rule's documentation in both languages: engine/rules.json, which the build writes with
 * `riskhint rules --json` (the WASM engine leaves the documentation out to stay small).
 * @type {RuleDoc[]}
 */
let ruleDocs = [];
async function loadRuleDocs() {
  ruleDocs = await (await fetch(chrome.runtime.getURL('engine/rules.json'))).json();
}

const { t } = riskhintI18n;
const { key: KEY, saveSettings } = riskhintProtocol;

/** The policy's list fields, in form order; each is named by message field_<path with _>. */
const LISTS = ['organization.names', 'organization.products', 'organization.executives', 'organization.tickers', 'organization.competitors', 'organization.contacts',
  'confidential.codenames', 'confidential.terms', 'confidential.internal_domains', 'disclosure.employee_tags'];
const CRISIS_LISTS = ['crisis.topics', 'crisis.official_links'];

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
/**
 * One of the engine's texts in both languages, in the UI's.
 * @param {{en: string, ko: string}} pair
 */
const pick = (pair) => pair[riskhintI18n.language() === 'ko' ? 'ko' : 'en'];

/** @type {PolicyJson | null} the administrator's policy as written, if any */
let managed = null;

/** @type {unknown[]} the user's custom rules as written (edited in the policy file, kept by the form) */
let customRules = [];

/** @type {Set<string>} the form's fields the administrator locked, as the engine judges them */
let lockedPaths = new Set();

/**
 * The value at a dotted path of a policy as written.
 * @param {unknown} object
 * @param {string} path
 * @returns {unknown}
 */
const at = (object, path) => path.split('.').reduce((/** @type {unknown} */ o, key) => (o && typeof o === 'object' ? /** @type {PolicyJson} */ (o)[key] : undefined), object);

/**
 * Sets the value at a dotted path, creating objects on the way.
 * @param {PolicyJson} object
 * @param {string} path
 * @param {unknown} value
 */
function put(object, path, value) {
  const keys = path.split('.');
  const last = /** @type {string} */ (keys.pop());
  let o = object;
  for (const key of keys) o = /** @type {PolicyJson} */ (o[key] ??= {});
  o[last] = value;
}

/** @param {string} path */
const isLocked = (path) => lockedPaths.has(path);

/** Every field of the form, by its policy path: what the engine is asked about locks. */
const formPaths = () => [...LISTS, ...CRISIS_LISTS, 'crisis.active', 'quiet_periods', ...ruleDocs.map((doc) => `rules.${doc.code}`)];

/**
 * Reads a policy text; null when it does not parse.
 * @param {string} text
 */
function parsePolicy(text) {
  /** @type {PolicyCheck} */
  const outcome = JSON.parse(validatePolicy(text));
  return outcome.ok ? outcome.policy : null;
}

async function main() {
  await Promise.all([initEngine(), riskhintI18n.ready(), loadRuleDocs()]);
  const stored = /** @type {StoredSettings} */ (await chrome.storage.local.get([KEY.policy, KEY.managedPolicy, KEY.rulesOff, KEY.ignored, KEY.language, KEY.syncState]));
  document.documentElement.lang = riskhintI18n.language();
  riskhintI18n.translate(document);
  languagePicker(stored.language);
  syncState(stored.syncState);

  managed = typeof stored.managedPolicy === 'string' ? parsePolicy(stored.managedPolicy) : null;
  lockedPaths = new Set(managed && stored.managedPolicy ? JSON.parse(lockedFields(stored.managedPolicy, JSON.stringify(formPaths()))) : []);
  if (managed) {
    $('managed-note').textContent = t('managed');
    $('managed-note').hidden = false;
  }
  const text = typeof stored.policy === 'string' ? stored.policy : await (await fetch('../default-policy.jsonc')).text();
  /** @type {PolicyCheck} */
  const current = JSON.parse(validatePolicy(text));
  fill(current.ok ? current.policy : {});
  customRuleRows(customRules, current.ok ? current.warnings : []);
  turnedOff(Array.isArray(stored.rulesOff) ? stored.rulesOff : []);
  ignoredFindings(Array.isArray(stored.ignored) ? stored.ignored : []);
  // Lists that change elsewhere (a card's Ignore or Turn off, another browser through sync).
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local') return;
    /** @type {StoredSettings} */
    const now = Object.fromEntries(Object.entries(changes).map(([key, change]) => [key, change.newValue]));
    if (KEY.rulesOff in changes) turnedOff(now.rulesOff ?? []);
    if (KEY.ignored in changes) ignoredFindings(now.ignored ?? []);
    if (KEY.syncState in changes) syncState(now.syncState);
  });

  $('policy').addEventListener('submit', async (event) => {
    event.preventDefault();
    await save(JSON.stringify(collect(), null, 2), t('saved'));
  });
  $('export').addEventListener('click', () => exportPolicy());
  const importer = /** @type {HTMLInputElement} */ ($('import'));
  importer.addEventListener('change', async () => {
    const file = importer.files?.[0];
    importer.value = '';
    if (!file) return;
    const imported = await file.text();
    if (await save(imported, t('imported'))) fill(parsePolicy(imported) ?? {});
  });
}

/** @param {unknown} current */
function languagePicker(current) {
  const select = document.createElement('select');
  select.id = 'language';
  for (const [value, label] of [['', t('browserLanguage')], ['en', 'English'], ['ko', '한국어']]) {
    const option = new Option(label, value, false, value === (current ?? ''));
    select.append(option);
  }
  select.addEventListener('change', async () => {
    if (select.value) await saveSettings({ language: /** @type {Lang} */ (select.value) });
    else await saveSettings({}, [KEY.language]);
    location.reload();
  });
  const label = document.createElement('label');
  label.className = 'row';
  label.append(t('language'), select);
  $('status').before(label);
}

/**
 * A list field: a textarea with one entry per line, the organisation's entries under it.
 * @param {HTMLElement} parent
 * @param {string} path
 * @param {PolicyJson} policy
 */
function listField(parent, path, policy) {
  const id = `field-${path.replace('.', '-')}`;
  const label = document.createElement('label');
  label.className = 'field';
  label.htmlFor = id;
  label.textContent = t(`field_${path.replace(/\./g, '_')}`);
  const area = document.createElement('textarea');
  area.id = id;
  area.dataset.path = path;
  const written = at(policy, path);
  const items = Array.isArray(written) ? written : [];
  area.value = items.map((item) => (typeof item === 'string' ? item : String(item?.url ?? ''))).join('\n');
  area.rows = Math.max(2, Math.min(6, items.length + 1));
  const hint = document.createElement('p');
  hint.className = 'hint';
  hint.textContent = t('onePerLine');
  parent.append(label, area, hint);
  organisationNote(parent, path, area);
}

/**
 * Under a field: the administrator's entries, and whether the field is locked.
 * @param {HTMLElement} parent
 * @param {string} path
 * @param {HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement} input
 */
function organisationNote(parent, path, input) {
  const theirs = at(managed, path);
  const note = document.createElement('p');
  note.className = 'note';
  if (isLocked(path)) {
    input.disabled = true;
    input.closest('.rule, label, div')?.classList.add('locked');
    note.textContent = `${t('locked')}${theirs !== undefined ? ` ${t('fromOrganisation')} ${(Array.isArray(theirs) ? theirs : [theirs]).map(String).join(', ')}` : ''}`;
  } else if (Array.isArray(theirs) && theirs.length) {
    note.textContent = `${t('fromOrganisation')} ${theirs.map((x) => (typeof x === 'string' ? x : x?.url)).join(', ')}`;
  } else {
    return;
  }
  note.dataset.managedFor = path;
  input.after(note);
}

/** @param {PolicyJson} policy */
function fill(policy) {
  const lists = $('lists');
  lists.replaceChildren();
  const legend = document.createElement('legend');
  legend.textContent = t('organisationAndConfidential');
  lists.append(legend);
  LISTS.forEach((field) => listField(lists, field, policy));

  $('quiet-rows').replaceChildren();
  for (const period of /** @type {QuietPeriod[]} */ (Array.isArray(policy.quiet_periods) ? policy.quiet_periods : [])) quietRow(period);
  $('add-quiet').onclick = () => quietRow({ start: '', end: '', reason: '' });
  if (isLocked('quiet_periods')) /** @type {HTMLButtonElement} */ ($('add-quiet')).disabled = true;

  const active = /** @type {HTMLInputElement} */ (document.querySelector('[data-path="crisis.active"]'));
  active.checked = Boolean(at(policy, 'crisis.active'));
  active.parentElement?.querySelectorAll('.note').forEach((n) => n.remove());
  organisationNote(/** @type {HTMLElement} */ (active.parentElement), 'crisis.active', active);
  $('crisis-lists').replaceChildren();
  CRISIS_LISTS.forEach((field) => listField($('crisis-lists'), field, policy));

  ruleRows(/** @type {Record<string, string>} */ (policy.rules ?? {}));
  customRules = Array.isArray(policy.custom_rules) ? policy.custom_rules : [];
}

/**
 * Empties a list but for one item that says "none".
 * @param {HTMLElement} list
 */
function showNone(list) {
  const none = document.createElement('li');
  none.textContent = t('none');
  list.replaceChildren(none);
}

/**
 * The custom rules, read-only (they are edited in the policy file), each refused one with why.
 * @param {unknown[]} written as written
 * @param {Array<{line: number, column: number, path?: string, message: string}>} warnings
 */
function customRuleRows(written, warnings) {
  const rules = /** @type {Array<CustomRuleJson | null>} */ (written);
  const list = $('custom-rule-rows');
  if (!rules.length) {
    showNone(list);
    return;
  }
  list.replaceChildren(...rules.map((rule, index) => {
    const item = document.createElement('li');
    item.className = 'custom-rule';
    item.dataset.id = String(rule?.id ?? '');
    const code = document.createElement('span');
    code.className = 'code';
    code.textContent = String(rule?.id ?? '');
    const pattern = document.createElement('code');
    pattern.textContent = String(rule?.pattern ?? '');
    const level = t(`level_${rule?.level ?? 'warn'}`, '');
    const message = riskhintI18n.language() === 'ko' && rule?.message_ko ? rule.message_ko : rule?.message;
    item.append(code, ' ', pattern, ` · ${level} · ${String(message ?? '')}`);
    for (const warning of warnings.filter((w) => (w.path ?? '').startsWith(`custom_rules[${index}].`))) {
      const note = document.createElement('p');
      note.className = 'note error';
      note.textContent = t('notUsed', `${t('lineColumn', warning.line, warning.column)}, ${warning.path}`, warning.message);
      item.append(note);
    }
    return item;
  }));
}

/** @param {{start: string, end: string, reason?: string}} period */
function quietRow(period) {
  const row = document.createElement('div');
  row.className = 'row quiet-period';
  const input = (/** @type {string} */ type, /** @type {string} */ value, /** @type {string} */ name, /** @type {string} */ label) => {
    const el = document.createElement('input');
    el.type = type;
    el.value = value;
    el.dataset.name = name;
    el.setAttribute('aria-label', label);
    el.disabled = isLocked('quiet_periods');
    return el;
  };
  const remove = document.createElement('button');
  remove.type = 'button';
  remove.textContent = t('remove');
  remove.disabled = isLocked('quiet_periods');
  remove.addEventListener('click', () => row.remove());
  row.append(input('date', period.start, 'start', t('start')), '–', input('date', period.end, 'end', t('end')),
    input('text', period.reason ?? '', 'reason', t('reason')), remove);
  $('quiet-rows').append(row);
}

/** @param {Record<string, string>} levels */
function ruleRows(levels) {
  const docs = ruleDocs;
  $('rule-rows').replaceChildren(...docs.map((doc) => {
    const details = document.createElement('details');
    details.className = 'rule';
    details.dataset.code = doc.code;
    const summary = document.createElement('summary');
    summary.className = 'row';
    const code = document.createElement('span');
    code.className = 'code';
    code.textContent = doc.code;
    const select = document.createElement('select');
    select.dataset.rule = doc.code;
    select.setAttribute('aria-label', `${doc.code} ${doc.name}`);
    for (const level of ['', 'off', 'info', 'warn', 'block']) {
      select.append(new Option(t(level ? `level_${level}` : 'levelDefault', t(`level_${doc.severity}`)), level, false, (levels[doc.code] ?? '') === level));
    }
    // Choosing a level must not toggle the details open.
    select.addEventListener('click', (e) => e.stopPropagation());
    const what = document.createElement('span');
    what.className = 'what';
    what.textContent = pick(doc.what);
    summary.append(code, what, select);
    details.append(summary);
    for (const [key, value] of [['why', pick(doc.why)], ['example', pick(doc.example)], ['fix', pick(doc.fix)], ['source', pick(doc.source)]]) {
      const p = document.createElement('p');
      const strong = document.createElement('strong');
      strong.textContent = `${t(`doc_${key}`)}: `;
      p.append(strong, value);
      details.append(p);
    }
    organisationNote(details, `rules.${doc.code}`, select);
    return details;
  }));
}

/** The form as a user policy layer (locked fields are left to the administrator). */
function collect() {
  /** @type {PolicyJson} */
  const policy = {};
  document.querySelectorAll('textarea[data-path]').forEach((el) => {
    const area = /** @type {HTMLTextAreaElement} */ (el);
    if (area.disabled) return;
    const items = area.value.split('\n').map((s) => s.trim()).filter(Boolean);
    if (items.length) put(policy, /** @type {string} */ (area.dataset.path), items);
  });
  const active = /** @type {HTMLInputElement} */ (document.querySelector('[data-path="crisis.active"]'));
  if (!active.disabled && active.checked) put(policy, 'crisis.active', true);
  if (!isLocked('quiet_periods')) {
    const periods = [...document.querySelectorAll('.quiet-period')].map((row) => {
      const value = (/** @type {string} */ name) => /** @type {HTMLInputElement} */ (row.querySelector(`[data-name="${name}"]`)).value.trim();
      return { start: value('start'), end: value('end'), reason: value('reason') };
    }).filter((p) => p.start || p.end || p.reason);
    if (periods.length) policy.quiet_periods = periods;
  }
  // Custom rules are edited in the policy file; the form keeps them as written, refused ones too.
  if (customRules.length) policy.custom_rules = customRules;
  document.querySelectorAll('select[data-rule]').forEach((el) => {
    const select = /** @type {HTMLSelectElement} */ (el);
    if (select.value && !select.disabled) put(policy, `rules.${select.dataset.rule}`, select.value);
  });
  return policy;
}

/**
 * Validates and stores a policy text. A rejected one is reported with its line and field and
 * changes nothing.
 * @param {string} text
 * @param {string} done the message on success
 */
async function save(text, done) {
  /** @type {PolicyCheck} */
  const outcome = JSON.parse(validatePolicy(text));
  const status = $('status');
  if (!outcome.ok) {
    status.className = 'error';
    status.textContent = t('rejected', `${t('lineColumn', outcome.line, outcome.column)}${outcome.path ? `, ${outcome.path}` : ''}`, outcome.message);
    return false;
  }
  await saveSettings({ policy: text });
  const warnings = outcome.warnings ?? [];
  status.className = warnings.length ? 'error' : '';
  status.textContent = warnings.length ? `${done} ${t('someRulesNotUsed')}` : done;
  customRuleRows(Array.isArray(outcome.policy.custom_rules) ? outcome.policy.custom_rules : [], warnings);
  return true;
}

async function exportPolicy() {
  const { policy } = /** @type {StoredSettings} */ (await chrome.storage.local.get(KEY.policy));
  const text = typeof policy === 'string' ? policy : JSON.stringify(collect(), null, 2);
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  link.download = 'riskhint-policy.json';
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

/** @param {string[]} codes */
function turnedOff(codes) {
  const list = $('turned-off-rows');
  if (!codes.length) {
    showNone(list);
    return;
  }
  list.replaceChildren(...codes.map((code) => {
    const item = document.createElement('li');
    item.className = 'row';
    item.dataset.code = code;
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = t('turnBackOn');
    button.addEventListener('click', async () => {
      const rest = codes.filter((c) => c !== code);
      await saveSettings({ rulesOff: rest });
      turnedOff(rest);
    });
    item.append(code, button);
    return item;
  }));
}

main();

/**
 * The findings ignored from a card, newest first, each with Restore; and Restore all.
 * @param {Array<{code: string, text: string, site?: string, at?: string}>} entries
 */
function ignoredFindings(entries) {
  const list = $('ignored-rows');
  const restoreAll = /** @type {HTMLButtonElement} */ ($('restore-all'));
  restoreAll.hidden = entries.length === 0;
  restoreAll.onclick = () => saveSettings({ ignored: [] });
  if (!entries.length) {
    showNone(list);
    return;
  }
  list.replaceChildren(...[...entries].reverse().map((entry) => {
    const item = document.createElement('li');
    item.className = 'row';
    item.dataset.code = entry.code;
    const code = document.createElement('span');
    code.className = 'code';
    code.textContent = entry.code;
    const words = document.createElement('q');
    words.textContent = entry.text;
    const where = document.createElement('span');
    where.className = 'hint';
    where.textContent = [entry.site, entry.at && riskhintI18n.formatDate(entry.at)].filter(Boolean).join(' · ');
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = t('restore');
    button.setAttribute('aria-label', `${t('restore')}: ${entry.code} “${entry.text}”`);
    button.addEventListener('click', async () => {
      const { ignored = [] } = /** @type {StoredSettings} */ (await chrome.storage.local.get(KEY.ignored));
      await saveSettings({ ignored: ignored.filter((i) => i.code !== entry.code || i.text !== entry.text) });
    });
    item.append(code, words, where, button);
    return item;
  }));
}

/**
 * Whether the settings reach the user's other browsers (the worker keeps chrome.storage.sync).
 * @param {SyncState | undefined} state chrome.storage.local.syncState
 */
function syncState(state) {
  const note = $('sync-state');
  note.hidden = !state;
  if (!state) return;
  note.dataset.state = state.ok ? 'ok' : state.error;
  note.classList.toggle('error', !state.ok);
  note.textContent = state.ok ? t('syncOk')
    : state.error === 'too-large' ? t('syncTooLarge', state.bytes ?? 0, state.limit ?? 0)
      : state.error === 'newer-settings' ? t('syncNewer') : t('syncFailed', state.error);
}
