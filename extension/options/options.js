// @ts-check
// The options page: the organisation's policy as a form. It runs the same WASM engine as the
// worker (an extension page may compile WASM) to read, validate and document policies, so what it
// accepts is exactly what the engine accepts. Saving writes chrome.storage.local.policy; the worker
// and every open tab pick it up without a reload. A policy pushed by an administrator
// (chrome.storage.managed, copied to local storage by the worker) is shown read-only, and the
// paths it locks cannot be edited.

import initEngine, { rules as ruleDocs, validate_policy as validatePolicy } from '../engine/riskhint.js';

/** @type {Record<string, [string, string]>} UI text in English and Korean */
const TEXT = {
  language: ['Language', '언어'],
  browserLanguage: ['Browser default', '브라우저 설정'],
  quietPeriods: ['Quiet periods (before earnings)', '조용한 기간(실적 발표 전)'],
  addQuiet: ['Add a quiet period', '기간 추가'],
  remove: ['Remove', '삭제'],
  reason: ['Reason', '사유'],
  crisis: ['Crisis mode', '위기 모드'],
  crisisActive: ['Crisis mode is on: drafts stick to facts and official links', '위기 모드 켜기: 사실과 공식 링크 위주로'],
  rules: ['Rules', '규칙'],
  asDefault: ['default', '기본'],
  save: ['Save', '저장'],
  export: ['Export JSON', 'JSON 내보내기'],
  import: ['Import JSON…', 'JSON 가져오기…'],
  turnedOff: ['Rules you turned off from a card', '카드에서 끈 규칙'],
  turnBackOn: ['Turn back on', '다시 켜기'],
  noneOff: ['None.', '없음.'],
  saved: ['Saved. Open tabs use it now.', '저장했습니다. 열린 탭에 바로 적용됩니다.'],
  imported: ['Imported and saved.', '가져와서 저장했습니다.'],
  rejected: ['Not saved', '저장하지 않음'],
  unchanged: ['Your current policy is still in force.', '현재 정책이 그대로 적용됩니다.'],
  managed: ['Your organisation manages part of this policy. Its entries are shown under each field; locked fields cannot be changed here.', '조직이 이 정책의 일부를 관리합니다. 조직 항목은 각 칸 아래에 표시되며, 잠긴 항목은 여기서 바꿀 수 없습니다.'],
  fromOrganisation: ['From your organisation:', '조직 설정:'],
  locked: ['Locked by your organisation.', '조직이 잠근 항목입니다.'],
  onePerLine: ['One per line.', '한 줄에 하나씩.'],
  what: ['Catches', '잡는 것'],
  why: ['Why', '이유'],
  example: ['Example', '예'],
  fix: ['Fix', '고치는 법'],
  source: ['Source', '근거'],
};

/** The policy's list fields, in form order: [path, English label, Korean label]. */
const LISTS = [
  ['organization.names', 'Organisation names and handles', '회사명과 계정'],
  ['organization.products', 'Products', '제품'],
  ['organization.executives', 'Executives', '임원'],
  ['organization.tickers', 'Stock codes and tickers', '종목 코드와 티커'],
  ['organization.competitors', 'Competitors', '경쟁사'],
  ['confidential.codenames', 'Codenames of unreleased projects', '미공개 프로젝트 코드명'],
  ['confidential.terms', 'Other confidential terms', '그 밖의 기밀 용어'],
  ['confidential.internal_domains', 'Internal domains', '내부 도메인'],
  ['disclosure.employee_tags', 'Employee disclosure tags', '직원 표시 태그'],
];
const CRISIS_LISTS = [
  ['crisis.topics', 'What the crisis is about', '위기 주제'],
  ['crisis.official_links', 'Official links (the first is suggested)', '공식 링크(첫 번째를 제안)'],
];

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
let korean = navigator.language.toLowerCase().startsWith('ko');
/** @param {string} key */
const t = (key) => (TEXT[key] ?? [key, key])[korean ? 1 : 0];
/** @param {string[]} pair */
const pick = ([en, ko]) => (korean ? ko : en);

/** @type {any} the administrator's policy as written, if any */
let managed = null;

/**
 * The value at a dotted path of an object.
 * @param {any} object
 * @param {string} path
 */
const at = (object, path) => path.split('.').reduce((o, key) => o?.[key], object);

/**
 * Sets the value at a dotted path, creating objects on the way.
 * @param {any} object
 * @param {string} path
 * @param {unknown} value
 */
function put(object, path, value) {
  const keys = path.split('.');
  const last = /** @type {string} */ (keys.pop());
  let o = object;
  for (const key of keys) o = o[key] ??= {};
  o[last] = value;
}

/** @param {string} path */
const isLocked = (path) => (managed?.locked ?? []).some((/** @type {string} */ l) => l === '*' || l === path || path.startsWith(`${l}.`) || l.startsWith(`${path}.`));

/**
 * Reads a policy text; null when it does not parse.
 * @param {string} text
 */
function parsePolicy(text) {
  const outcome = JSON.parse(validatePolicy(text));
  return outcome.ok ? outcome.policy : null;
}

async function main() {
  await initEngine();
  const stored = await chrome.storage.local.get(['policy', 'managedPolicy', 'rulesOff', 'language']);
  if (stored.language === 'ko' || stored.language === 'en') korean = stored.language === 'ko';
  document.documentElement.lang = korean ? 'ko' : 'en';
  document.querySelectorAll('[data-text]').forEach((el) => { el.textContent = t(/** @type {HTMLElement} */ (el).dataset.text ?? ''); });
  languagePicker(stored.language);

  managed = typeof stored.managedPolicy === 'string' ? parsePolicy(stored.managedPolicy) : null;
  if (managed) {
    $('managed-note').textContent = t('managed');
    $('managed-note').hidden = false;
  }
  const text = typeof stored.policy === 'string' ? stored.policy : await (await fetch('../default-policy.jsonc')).text();
  fill(parsePolicy(text) ?? {});
  turnedOff(Array.isArray(stored.rulesOff) ? stored.rulesOff : []);

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
    if (select.value) await chrome.storage.local.set({ language: select.value });
    else await chrome.storage.local.remove('language');
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
 * @param {string[]} field [path, English label, Korean label]
 * @param {any} policy
 */
function listField(parent, [path, en, ko], policy) {
  const id = `field-${path.replace('.', '-')}`;
  const label = document.createElement('label');
  label.className = 'field';
  label.htmlFor = id;
  label.textContent = pick([en, ko]);
  const area = document.createElement('textarea');
  area.id = id;
  area.dataset.path = path;
  const items = at(policy, path) ?? [];
  area.value = items.map((/** @type {any} */ item) => (typeof item === 'string' ? item : item?.url ?? '')).join('\n');
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
    note.textContent = `${t('locked')}${theirs !== undefined ? ` ${t('fromOrganisation')} ${[].concat(theirs).map(String).join(', ')}` : ''}`;
  } else if (Array.isArray(theirs) && theirs.length) {
    note.textContent = `${t('fromOrganisation')} ${theirs.map((x) => (typeof x === 'string' ? x : x?.url)).join(', ')}`;
  } else {
    return;
  }
  note.dataset.managedFor = path;
  input.after(note);
}

/** @param {any} policy */
function fill(policy) {
  const lists = $('lists');
  lists.replaceChildren();
  const legend = document.createElement('legend');
  legend.textContent = korean ? '조직과 기밀' : 'Organisation and confidential terms';
  lists.append(legend);
  LISTS.forEach((field) => listField(lists, field, policy));

  $('quiet-rows').replaceChildren();
  for (const period of policy.quiet_periods ?? []) quietRow(period);
  $('add-quiet').onclick = () => quietRow({ start: '', end: '', reason: '' });
  if (isLocked('quiet_periods')) /** @type {HTMLButtonElement} */ ($('add-quiet')).disabled = true;

  const active = /** @type {HTMLInputElement} */ (document.querySelector('[data-path="crisis.active"]'));
  active.checked = Boolean(at(policy, 'crisis.active'));
  active.parentElement?.querySelectorAll('.note').forEach((n) => n.remove());
  organisationNote(/** @type {HTMLElement} */ (active.parentElement), 'crisis.active', active);
  $('crisis-lists').replaceChildren();
  CRISIS_LISTS.forEach((field) => listField($('crisis-lists'), field, policy));

  ruleRows(policy.rules ?? {});
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
  row.append(input('date', period.start, 'start', korean ? '시작일' : 'Start'), '–', input('date', period.end, 'end', korean ? '종료일' : 'End'),
    input('text', period.reason ?? '', 'reason', t('reason')), remove);
  $('quiet-rows').append(row);
}

/** @param {Record<string, string>} levels */
function ruleRows(levels) {
  const docs = JSON.parse(ruleDocs());
  $('rule-rows').replaceChildren(...docs.map((/** @type {any} */ doc) => {
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
      select.append(new Option(level ? level : `${t('asDefault')} (${doc.severity})`, level, false, (levels[doc.code] ?? '') === level));
    }
    // Choosing a level must not toggle the details open.
    select.addEventListener('click', (e) => e.stopPropagation());
    const what = document.createElement('span');
    what.className = 'what';
    what.textContent = pick([doc.what.en, doc.what.ko]);
    summary.append(code, what, select);
    details.append(summary);
    for (const [key, value] of [['why', pick([doc.why.en, doc.why.ko])], ['example', doc.example], ['fix', pick([doc.fix.en, doc.fix.ko])], ['source', doc.source]]) {
      const p = document.createElement('p');
      const strong = document.createElement('strong');
      strong.textContent = `${t(key)}: `;
      p.append(strong, value);
      details.append(p);
    }
    organisationNote(details, `rules.${doc.code}`, select);
    return details;
  }));
}

/** The form as a user policy layer (locked fields are left to the administrator). */
function collect() {
  /** @type {any} */
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
  const outcome = JSON.parse(validatePolicy(text));
  const status = $('status');
  if (!outcome.ok) {
    status.className = 'error';
    status.textContent = `${t('rejected')}: ${korean ? `${outcome.line}행 ${outcome.column}열` : `line ${outcome.line}, column ${outcome.column}`}${outcome.path ? `, ${outcome.path}` : ''}: ${outcome.message}. ${t('unchanged')}`;
    return false;
  }
  await chrome.storage.local.set({ policy: text });
  status.className = '';
  status.textContent = done;
  return true;
}

async function exportPolicy() {
  const { policy } = await chrome.storage.local.get('policy');
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
    const none = document.createElement('li');
    none.textContent = t('noneOff');
    list.replaceChildren(none);
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
      await chrome.storage.local.set({ rulesOff: rest });
      turnedOff(rest);
    });
    item.append(code, button);
    return item;
  }));
}

main();
