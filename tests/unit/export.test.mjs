// What a person reads in the UI's language beyond messages.json: the popup's CSV export (headers,
// label names, yes/no and dates in the chosen language, the formula guard and the BOM kept) and
// dates formatted with the chosen language, not the browser's. extension/i18n.js runs in a VM with
// a fake chrome whose browser language is English, as in locales.test.mjs.

import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { toCsv, COLUMNS } from '../../extension/popup/csv.js';

const EXTENSION = new URL('../../extension/', import.meta.url).pathname;
const messages = (lang) => JSON.parse(readFileSync(path.join(EXTENSION, `_locales/${lang}/messages.json`), 'utf8'));

/** extension/i18n.js and labels.js in a VM: an English browser, with `language` chosen in storage. */
async function ui(language) {
  const en = messages('en');
  const chrome = {
    i18n: { getMessage: (key) => en[key]?.message ?? '' },
    storage: { local: { get: async () => (language ? { language } : {}) }, onChanged: { addListener() {} } },
    runtime: { getURL: (p) => `chrome-extension://test/${p}` },
  };
  const fetch = async (url) => ({ json: async () => JSON.parse(readFileSync(path.join(EXTENSION, url.replace('chrome-extension://test/', '')), 'utf8')) });
  const context = vm.createContext({ chrome, fetch, location: { protocol: 'chrome-extension:' }, console, Intl, Date });
  for (const file of ['protocol.js', 'i18n.js', 'content/labels.js']) vm.runInContext(readFileSync(path.join(EXTENSION, file), 'utf8'), context, { filename: file });
  // A `var` in a script is a property of the VM's global; labels.js reads riskhintI18n from it.
  const { riskhintI18n: i18n, riskhintLabels: labels } = context;
  await i18n.ready();
  return { i18n, words: { t: i18n.t, labelName: labels.name, formatDate: (at) => i18n.formatDate(at, { time: true, timeZone: 'UTC' }) } };
}

const ROW = {
  id: '1983130065320780162', url: 'https://x.com/home', author: '@hanbit_cs', text: '=HYPERLINK("x") 배송 "언제" 와요?',
  labels: ['complaint', 'brand-mention'], risk: 72, replies: 3, reposts: 1, likes: 10, views: 1200, promoted: false,
  seenAt: '2026-12-04T16:40:00.000Z',
};

/** The CSV's lines, without its BOM and final line break (checking both are there). */
function lines(csv) {
  assert.ok(csv.startsWith('\uFEFF'), 'a BOM, so spreadsheets read Korean');
  assert.ok(csv.endsWith('\r\n'));
  return csv.slice(1, -2).split('\r\n');
}

describe('CSV export in the UI language', () => {
  test('Korean UI: Korean headers, label names, yes/no and date', async () => {
    const { words } = await ui('ko');
    const [header, row] = lines(toCsv([ROW], words));
    assert.equal(header, '게시물 ID,페이지 주소,작성자,내용,라벨,위험도,답글,공유,좋아요,조회수,광고,확인 시각');
    // A cell that starts like a formula is made safe (a handle's @ too); quotes are doubled inside a quoted cell.
    assert.ok(row.startsWith('1983130065320780162,https://x.com/home,\'@hanbit_cs,'), row);
    assert.ok(row.includes(',"\'=HYPERLINK(""x"") 배송 ""언제"" 와요?",'), row);
    assert.ok(row.includes(',"불만, 자사 언급",72,3,1,10,1200,아니요,'), row);
    assert.match(row, /,2026\. 12\. 4\. [^,]*4:40$/);
  });

  test('English UI: English headers and label names', async () => {
    const { words } = await ui('en');
    const [header, row] = lines(toCsv([{ ...ROW, promoted: true }], words));
    assert.equal(header, 'ID,URL,Author,Text,Labels,Risk,Replies,Reposts,Likes,Views,Ad,Seen at');
    assert.ok(row.includes(',"Complaint, Brand mention",72,3,1,10,1200,yes,"Dec 4, 2026, 4:40'), row);
  });

  test('every column has a header in both languages, none left as its key', async () => {
    for (const lang of ['en', 'ko']) {
      const { words } = await ui(lang);
      const header = lines(toCsv([], words))[0].split(',');
      assert.equal(header.length, COLUMNS.length);
      assert.ok(header.every((h) => !h.startsWith('csv_')), header.join(','));
    }
  });
});

describe('dates follow the chosen language, not the browser', () => {
  test('Korean chosen in an English browser: a Korean date', async () => {
    const { i18n } = await ui('ko');
    assert.equal(i18n.formatDate('2026-12-04T16:40:00.000Z', { timeZone: 'UTC' }), '2026. 12. 4.');
  });

  test('no choice in an English browser: an English date', async () => {
    const { i18n } = await ui(undefined);
    assert.equal(i18n.formatDate('2026-12-04T16:40:00.000Z', { timeZone: 'UTC' }), 'Dec 4, 2026');
  });

  test('what is not a date is shown as it is', async () => {
    const { i18n } = await ui('ko');
    assert.equal(i18n.formatDate('someday'), 'someday');
  });
});
