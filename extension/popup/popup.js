// @ts-check
// The popup: what riskhint saw on the current tab (counts per label and per risk band, the riskiest
// posts, export to CSV and JSON) and quick controls (pause on this site, role, crisis mode).
// It reads the page's summary from the tab's content script; it never sees anything else.
// `popup.html?tab=<id>` shows a given tab's summary (to keep it open in a window of its own).

// Label names come from content/labels.js (loaded first by popup.html), shared with the overlay.
const LABELS = Object.keys(riskhintLabelNames);

/** @type {Record<string, [string, string]>} UI text in English and Korean */
const TEXT = {
  settings: ['Settings', '설정'],
  pause: ['Pause riskhint on this site', '이 사이트에서 일시 중지'],
  role: ['I post as', '내 역할'],
  employee: ['Employee', '직원'],
  executive: ['Executive', '임원'],
  pr: ['PR / social media', '홍보 담당'],
  crisis: ['Crisis mode', '위기 모드'],
  crisisLocked: ['Set by your organisation.', '조직 정책으로 설정되어 있습니다.'],
  summary: ['On this page', '이 페이지'],
  show: ['Show', '표시'],
  allPosts: ['All labelled posts', '모든 표시 게시물'],
  mediumUp: ['Risk 40 and over', '위험도 40 이상'],
  highOnly: ['Risk 70 and over', '위험도 70 이상'],
  riskiest: ['Riskiest posts', '위험도 높은 게시물'],
  exportCsv: ['Export CSV', 'CSV 내보내기'],
  exportJson: ['Export JSON', 'JSON 내보내기'],
  unsupported: ['riskhint works on X, Facebook and LinkedIn. Open one of them to see its summary.', 'riskhint는 X, Facebook, LinkedIn에서 동작합니다.'],
  noAnswer: ['This page has not loaded riskhint yet. Reload it to start.', '이 페이지에 riskhint가 아직 없습니다. 새로 고침하세요.'],
  notRecognised: ["riskhint doesn't recognise this page's layout, so nothing is labelled here. The site may have changed.", '이 페이지의 구조를 인식하지 못해 표시한 것이 없습니다. 사이트가 바뀌었을 수 있습니다.'],
  paused: ['Paused on this site.', '이 사이트에서 일시 중지됨.'],
  nothing: ['Nothing labelled yet. Scroll the feed.', '아직 표시한 게시물이 없습니다.'],
  posts: ['posts labelled', '개 게시물 표시'],
  high: ['high', '높음'],
  medium: ['medium', '중간'],
  low: ['low', '낮음'],
  ...riskhintLabelNames,
};

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
let korean = navigator.language.toLowerCase().startsWith('ko');
/** @param {string} key */
const t = (key) => (TEXT[key] ?? [key, key])[korean ? 1 : 0];

/** @param {number} risk */
const band = (risk) => (risk >= 70 ? 'high' : risk >= 40 ? 'medium' : 'low');

/** @type {SummaryRow[]} (typedef in content/timeline.js) */
let posts = [];
/** @type {number | undefined} */
let tabId;

async function main() {
  const settings = await chrome.storage.local.get(['language', 'role', 'crisisMode', 'policyState', 'pausedSites']);
  if (settings.language === 'ko' || settings.language === 'en') korean = settings.language === 'ko';
  document.documentElement.lang = korean ? 'ko' : 'en';
  document.querySelectorAll('[data-text]').forEach((el) => { el.textContent = t(/** @type {HTMLElement} */ (el).dataset.text ?? ''); });

  const requested = Number(new URLSearchParams(location.search).get('tab'));
  tabId = requested || (await chrome.tabs.query({ active: true, currentWindow: true }))[0]?.id;

  setUpControls(settings);
  /** @type {any} */
  let answer = null;
  try {
    answer = tabId === undefined ? null : await chrome.tabs.sendMessage(tabId, { type: 'summary' });
  } catch {
    answer = null; // no content script there: not a supported site, or loaded before the extension
  }
  if (!answer) return notice(tabId === undefined ? t('unsupported') : t('noAnswer'));
  $('site').textContent = answer.site;
  const pause = /** @type {HTMLInputElement} */ ($('pause'));
  pause.checked = answer.paused;
  pause.dataset.site = answer.site;
  if (answer.paused) return notice(t('paused'));
  if (!answer.recognised) return notice(t('notRecognised'));
  posts = answer.posts.filter((/** @type {any} */ p) => p.labels.length > 0);
  $('summary').hidden = false;
  render();
}

/** @param {string} text */
function notice(text) {
  $('notice').textContent = text;
  $('notice').hidden = false;
}

/** @param {Record<string, any>} settings */
function setUpControls(settings) {
  const pause = /** @type {HTMLInputElement} */ ($('pause'));
  pause.addEventListener('change', async () => {
    const site = pause.dataset.site;
    if (!site) return;
    const { pausedSites = [] } = await chrome.storage.local.get('pausedSites');
    const others = /** @type {string[]} */ (pausedSites).filter((s) => s !== site);
    await chrome.storage.local.set({ pausedSites: pause.checked ? [...others, site] : others });
    $('summary').hidden = pause.checked;
    $('notice').hidden = !pause.checked;
    if (pause.checked) notice(t('paused'));
  });

  const role = /** @type {HTMLSelectElement} */ ($('role'));
  role.value = settings.role ?? 'employee';
  role.addEventListener('change', () => chrome.storage.local.set({ role: role.value }));

  const crisis = /** @type {HTMLInputElement} */ ($('crisis'));
  const state = settings.policyState ?? {};
  const locked = (state.overridden ?? []).some((/** @type {string} */ path) => path === 'crisis' || path.startsWith('crisis.'));
  crisis.checked = Boolean(state.crisisActive);
  crisis.disabled = locked;
  $('crisis-locked').hidden = !locked;
  crisis.addEventListener('change', () => chrome.storage.local.set({ crisisMode: crisis.checked }));

  $('filter').addEventListener('change', render);
  $('export-csv').addEventListener('click', () => download('csv'));
  $('export-json').addEventListener('click', () => download('json'));
}

function render() {
  const minimum = Number(/** @type {HTMLSelectElement} */ ($('filter')).value);
  const shown = posts.filter((p) => p.risk >= minimum).sort((a, b) => b.risk - a.risk);
  $('totals').textContent = `${shown.length} ${t('posts')}`;

  const bands = $('bands');
  bands.replaceChildren(...['high', 'medium', 'low'].map((name) => {
    const chip = document.createElement('span');
    chip.className = `chip ${name}`;
    chip.dataset.band = name;
    chip.textContent = `${t(name)} ${shown.filter((p) => band(p.risk) === name).length}`;
    return chip;
  }));

  const counts = LABELS.map((label) => [label, shown.filter((p) => p.labels.includes(label)).length]);
  const most = Math.max(1, ...counts.map(([, n]) => Number(n)));
  $('chart').replaceChildren(...counts.map(([label, n]) => {
    const row = document.createElement('li');
    row.dataset.label = String(label);
    const name = document.createElement('span');
    name.textContent = t(String(label));
    const bar = document.createElement('span');
    bar.className = 'bar';
    bar.style.width = `${(Number(n) / most) * 100}%`;
    const count = document.createElement('span');
    count.className = 'count';
    count.textContent = String(n);
    row.append(name, bar, count);
    return row;
  }));

  $('posts').replaceChildren(...shown.slice(0, 10).map((p) => {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.id = p.id;
    const risk = document.createElement('span');
    risk.className = `risk ${band(p.risk)}`;
    risk.textContent = String(p.risk);
    const words = document.createElement('span');
    words.className = 'words';
    words.textContent = `${p.author ? `${p.author}: ` : ''}${p.text.slice(0, 90)}`;
    const labels = document.createElement('span');
    labels.className = 'labels';
    labels.textContent = p.labels.map(t).join(' · ');
    button.append(risk, words, labels);
    // Scrolls the page to the post and opens its card.
    button.addEventListener('click', () => tabId !== undefined && chrome.tabs.sendMessage(tabId, { type: 'reveal', id: p.id }));
    item.append(button);
    return item;
  }));
}

const COLUMNS = /** @type {const} */ (['id', 'url', 'author', 'text', 'labels', 'risk', 'replies', 'reposts', 'likes', 'views', 'promoted', 'seenAt']);

/**
 * Saves the posts shown (after the filter) for a report.
 * @param {'csv' | 'json'} format
 */
function download(format) {
  const minimum = Number(/** @type {HTMLSelectElement} */ ($('filter')).value);
  const rows = posts.filter((p) => p.risk >= minimum).sort((a, b) => b.risk - a.risk);
  const body = format === 'json' ? JSON.stringify(rows, null, 2) : toCsv(rows);
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([body], { type: format === 'json' ? 'application/json' : 'text/csv;charset=utf-8' }));
  link.download = `riskhint-${$('site').textContent || 'page'}-${new Date().toISOString().slice(0, 10)}.${format}`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

/**
 * RFC 4180 CSV with a BOM, so spreadsheet software reads Korean correctly.
 * @param {Array<Record<string, any>>} rows
 */
function toCsv(rows) {
  const cell = (/** @type {unknown} */ value) => {
    const text = Array.isArray(value) ? value.join(' ') : String(value ?? '');
    // A leading = + - @ would run as a formula in a spreadsheet.
    const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
    return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return `\uFEFF${[COLUMNS.join(','), ...rows.map((row) => COLUMNS.map((c) => cell(row[c])).join(','))].join('\r\n')}\r\n`;
}

main();
