// @ts-check
// The popup: what riskhint saw on the current tab (counts per label and per risk band, the riskiest
// posts, export to CSV and JSON) and quick controls (pause on this site, role, crisis mode).
// It reads the page's summary from the tab's content script; it never sees anything else.
// `popup.html?tab=<id>` shows a given tab's summary (to keep it open in a window of its own).

import { toCsv } from './csv.js';

const { t } = riskhintI18n;
const { key: KEY, tabRequest: TAB_REQUEST, saveSettings } = riskhintProtocol;
const LABELS = riskhintLabels.ALL;
const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** @param {number} risk */
const band = (risk) => (risk >= 70 ? 'high' : risk >= 40 ? 'medium' : 'low');

/** @type {SummaryRow[]} */
let posts = [];
/** @type {number | undefined} */
let tabId;

async function main() {
  await riskhintI18n.ready();
  const settings = /** @type {StoredSettings} */ (await chrome.storage.local.get([KEY.role, KEY.crisisMode, KEY.policyState, KEY.pausedSites]));
  document.documentElement.lang = riskhintI18n.language();
  riskhintI18n.translate(document);
  $('bands').setAttribute('aria-label', t('bandsName'));
  $('chart').setAttribute('aria-label', t('chartName'));

  const requested = Number(new URLSearchParams(location.search).get('tab'));
  tabId = requested || (await chrome.tabs.query({ active: true, currentWindow: true }))[0]?.id;

  setUpControls(settings);
  /** @type {TabSummary | null} */
  let answer = null;
  try {
    /** @type {TabRequest} */
    const request = { type: TAB_REQUEST.summary };
    answer = tabId === undefined ? null : await chrome.tabs.sendMessage(tabId, request);
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
  posts = answer.posts.filter((p) => p.labels.length > 0);
  $('summary').hidden = false;
  render();
}

/** @param {string} text */
function notice(text) {
  $('notice').textContent = text;
  $('notice').hidden = false;
}

/** @param {StoredSettings} settings */
function setUpControls(settings) {
  const pause = /** @type {HTMLInputElement} */ ($('pause'));
  pause.addEventListener('change', async () => {
    const site = pause.dataset.site;
    if (!site) return;
    const { pausedSites = [] } = /** @type {StoredSettings} */ (await chrome.storage.local.get(KEY.pausedSites));
    const others = pausedSites.filter((s) => s !== site);
    await saveSettings({ pausedSites: pause.checked ? [...others, site] : others });
    $('summary').hidden = pause.checked;
    $('notice').hidden = !pause.checked;
    if (pause.checked) notice(t('paused'));
  });

  const role = /** @type {HTMLSelectElement} */ ($('role'));
  role.value = settings.role ?? 'employee';
  role.addEventListener('change', () => saveSettings({ role: /** @type {Role} */ (role.value) }));

  const crisis = /** @type {HTMLInputElement} */ ($('crisis'));
  const state = settings.policyState;
  const locked = (state?.overridden ?? []).some((path) => path === 'crisis' || path.startsWith('crisis.'));
  crisis.checked = Boolean(state?.crisisActive);
  crisis.disabled = locked;
  $('crisis-locked').hidden = !locked;
  crisis.addEventListener('change', () => saveSettings({ crisisMode: crisis.checked }));

  $('filter').addEventListener('change', render);
  $('export-csv').addEventListener('click', () => download('csv'));
  $('export-json').addEventListener('click', () => download('json'));
}

function render() {
  const minimum = Number(/** @type {HTMLSelectElement} */ ($('filter')).value);
  const shown = posts.filter((p) => p.risk >= minimum).sort((a, b) => b.risk - a.risk);
  $('totals').textContent = t('postsLabelled', shown.length);

  const bands = $('bands');
  bands.replaceChildren(...['high', 'medium', 'low'].map((name) => {
    const chip = document.createElement('span');
    chip.className = `chip ${name}`;
    chip.dataset.band = name;
    chip.textContent = `${t(`band_${name}`)} ${shown.filter((p) => band(p.risk) === name).length}`;
    return chip;
  }));

  const counts = LABELS.map((label) => [label, shown.filter((p) => p.labels.includes(label)).length]);
  const most = Math.max(1, ...counts.map(([, n]) => Number(n)));
  $('chart').replaceChildren(...counts.map(([label, n]) => {
    const row = document.createElement('li');
    row.dataset.label = String(label);
    const name = document.createElement('span');
    name.textContent = riskhintLabels.name(String(label));
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
    labels.textContent = p.labels.map(riskhintLabels.name).join(' · ');
    button.append(risk, words, labels);
    button.setAttribute('aria-label', `${t('postButtonName', p.risk, p.labels.map(riskhintLabels.name).join(', '))}. ${words.textContent}`);
    // Scrolls the page to the post and opens its card.
    button.addEventListener('click', () => tabId !== undefined && chrome.tabs.sendMessage(tabId, /** @type {TabRequest} */ ({ type: TAB_REQUEST.reveal, id: p.id })));
    item.append(button);
    return item;
  }));
}

/**
 * Saves the posts shown (after the filter) for a report.
 * @param {'csv' | 'json'} format
 */
function download(format) {
  const minimum = Number(/** @type {HTMLSelectElement} */ ($('filter')).value);
  const rows = posts.filter((p) => p.risk >= minimum).sort((a, b) => b.risk - a.risk);
  // JSON is for machines: the same keys, label names and ISO dates in every language.
  const body = format === 'json' ? JSON.stringify(rows, null, 2)
    : toCsv(rows, { t, labelName: riskhintLabels.name, formatDate: (at) => riskhintI18n.formatDate(at, { time: true }) });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([body], { type: format === 'json' ? 'application/json' : 'text/csv;charset=utf-8' }));
  link.download = `riskhint-${$('site').textContent || 'page'}-${new Date().toISOString().slice(0, 10)}.${format}`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

main();
