// Writes the fuzz targets' seed corpus into fuzz/corpus/<target>/ and their dictionaries into
// fuzz/dicts/ (both committed; run again after changing a seed here):  node fuzz/seeds.mjs
//
// Each target's input format is described at the top of its file in fuzz/fuzz_targets/. Draft
// seeds start with two option bytes and post seeds with one; `opts()` spells them out by name.

import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const MiB = 1 << 20;

const POLICY = { none: 0, hanbit: 1, crisis: 2, odd: 3 };
const ROLE = { employee: 0, executive: 1, pr: 2, unset: 3 };
const DAY = { june: 0, quiet: 1, quietEnd: 2, impossible: 3 };
const LANG = { draft: 0, en: 1, ko: 2 };
const PLATFORM = { other: 0, x: 1, facebook: 2, linkedin: 3, instagram: 32 };

/** The two option bytes of a check_draft input (see fuzz_targets/check_draft.rs). */
function draftOpts({ policy = 'hanbit', role = 'employee', day = 'june', lang = 'draft', platform = 'x', chars = false, reply = false, ignore = false } = {}) {
  const a = POLICY[policy] | (ROLE[role] << 2) | (DAY[day] << 4) | (LANG[lang] << 6);
  const b = PLATFORM[platform] | (chars ? 4 : 0) | (reply ? 8 : 0) | (ignore ? 16 : 0);
  return Buffer.from([a, b]);
}

/** The option byte of a scan_posts input (see fuzz_targets/scan_posts.rs). */
function postOpts({ policy = 'hanbit', ko = false, chars = false, reach = 3 } = {}) {
  return Buffer.from([POLICY[policy] | (ko ? 4 : 0) | (chars ? 8 : 0) | (reach << 4)]);
}

const bytes = (x) => (Buffer.isBuffer(x) ? x : Buffer.from(x, 'utf8'));

// Texts shared by the draft and post seeds: what people write, and what slips past filters.
const TEXTS = {
  'en-mnpi-codename': "Q3 revenue already beat $2B internally. Can't say more about Project Falcon 🤐",
  'ko-product-praise': '노바 X1 진짜 최고예요 강추! 한빛전자 최고',
  'ko-codename-particles': '팰컨은 다음 달 🎉 드디어 팰컨이 나온다. 팰컨에서부터 시작',
  'mixed-en-ko': 'Hanbit 한빛전자 Nova X1 노바 X1 #ad 광고 lol ㅋㅋㅋㅋ 대성모바일 is trash, Daesung Mobile 망해라',
  'profanity-masked': 'this is f***ing sh1t, fuuuuck, 시1발 씨@발 ㅅㅂ 개새끼',
  'pii-numbers': 'call 010-1234-5678 or +82 10 1234 5678, card 4111 1111 1111 1111, 900101-1234567, SSN 123-45-6789, me@corp.hanbit.example',
  'secrets': 'password=hunter2\napi_key: "abcd1234efgh5678"\nAKIAIOSFODNN7EXAMPLE\n비밀번호: qwerty123',
  'crisis-joke': 'LOL the battery fire is hilarious 🔥🔥😂 probably arson, 배터리 화재 ㅋㅋ',
  'non-apology': 'We apologize if anyone was offended. 오해가 있었다면 죄송합니다. 본의 아니게 논란이 된 점 유감입니다.',
  'threat-legal': "I'll sue you and see you in court. 고소하겠습니다. You're a fraud and a thief.",
  'promotion': 'Use my code HANBIT20 for 20% off the Nova X1! Link in bio 👇 #sponsored',
  'media-inquiry': '기자입니다. 한빛전자 배터리 건 관련해 입장을 듣고 싶습니다. Reporter here, comment?',
  'emoji-zwj': '👨\u200D👩\u200D👧 Falcon 👩🏽\u200D💻 🏳️\u200D🌈 🇰🇷 1️⃣ ❤️ 👍🏽👍🏿 🧑🏻\u200D🤝\u200D🧑🏿',
  'control-chars': '\u0001\u0007\u0008\u001b[31mFalcon\u001b[0m\r\n\t\u007f\u0085\u000bProject\u000cFalcon\u2028\u2029',
  'bidi-overrides': '\u202EnoclaF tcejorP\u202C \u2066노바 X1\u2069 \u200FHanbit\u200E \u202Bأ Falcon\u202C \u061C',
  'combining-marks': 'Fa\u0301\u0308lcon, e\u0301\u0301\u0301\u0301, 한\u0301빛, N\u0303ova X1, \u0301\u0302\u0303',
  'full-width': 'ＦＡＬＣＯＮ　Ｐｒｏｊｅｃｔ　Ｆａｌｃｏｎ ＨＢＥ １２３４５０ ｆｕｃｋ ０１０－１２３４－５６７８',
  'zero-width': 'Fal\u200Bcon Pro\u200Dject\u2060 Falcon \uFEFF팰\u200B컨 f\u00ADu\u200Cck \u3164',
  'homoglyphs': 'Fаlсоn (Cyrillic а, с, о) Νova Χ1 (Greek Ν, Χ) ѕhіt',
  'jamo-and-halfwidth': 'ㅍㅐㄹㅋㅓㄴ 팰컨 ﾍﾝﾋﾞｯﾄ ﾡﾢ ㅋㅋㅋㅋㅋㅋㅋㅋ ㅎㅎ',
  // Found by fuzzing: an unclosed tag whose search window ended inside a syllable (a panic).
  'unclosed-tag-before-korean': '<b' + '가나다'.repeat(120),
  'empty': '',
  'whitespace-only': ' \t\n\r\u3000\u00A0\u2003',
};

// Not UTF-8: a lone continuation byte, truncated sequences, an encoded surrogate, overlong forms.
const INVALID_UTF8 = Buffer.concat([
  bytes('Project '), Buffer.from([0xff, 0xfe]), bytes(' Falcon '), Buffer.from([0xc3, 0x28]), bytes(' 팰'),
  Buffer.from([0xec, 0xbb]), bytes(' '), Buffer.from([0xed, 0xa0, 0x80]), bytes(' '), Buffer.from([0xf0, 0x9f, 0x98]),
  bytes(' '), Buffer.from([0xc0, 0xaf, 0xe0, 0x80, 0xaf]), bytes(' 010-1234-5678'),
]);

/** Deterministic filler of `size` bytes: the pattern repeated (UTF-8, so never a split character). */
function repeated(pattern, size) {
  const unit = bytes(pattern);
  const out = Buffer.alloc(Math.floor(size / unit.length) * unit.length);
  for (let at = 0; at < out.length; at += unit.length) unit.copy(out, at);
  return out;
}

function write(target, name, content) {
  const dir = join(here, 'corpus', target);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), content);
}

for (const target of ['check_draft', 'scan_posts', 'policy']) rmSync(join(here, 'corpus', target), { recursive: true, force: true });

// --- check_draft -------------------------------------------------------------------------------
for (const [name, text] of Object.entries(TEXTS)) write('check_draft', name, Buffer.concat([draftOpts(), bytes(text)]));
write('check_draft', 'invalid-utf8', Buffer.concat([draftOpts(), INVALID_UTF8]));
write('check_draft', 'executive-in-quiet-period', Buffer.concat([draftOpts({ role: 'executive', day: 'quiet' }), bytes(TEXTS['en-mnpi-codename'])]));
write('check_draft', 'ko-messages-chars-cli', Buffer.concat([draftOpts({ lang: 'ko', chars: true, platform: 'other' }), bytes(TEXTS['mixed-en-ko'])]));
write('check_draft', 'pr-role-linkedin', Buffer.concat([draftOpts({ role: 'pr', platform: 'linkedin' }), bytes(TEXTS['ko-product-praise'])]));
write('check_draft', 'crisis-mode', Buffer.concat([draftOpts({ policy: 'crisis', day: 'quietEnd' }), bytes(TEXTS['crisis-joke'])]));
write('check_draft', 'odd-policy', Buffer.concat([draftOpts({ policy: 'odd', lang: 'en' }), bytes('a ㅋ 😀 é Ａ # x y 1 A b 대 Falcon 팰 q4 a.b/x 불 🔥 #a')]));
write('check_draft', 'no-policy-facebook', Buffer.concat([draftOpts({ policy: 'none', role: 'unset', platform: 'facebook' }), bytes(TEXTS['profanity-masked'])]));
write('check_draft', 'ko-review-label-last-instagram', Buffer.concat([draftOpts({ platform: 'instagram', lang: 'ko' }), bytes('노바 X1을 한 달 동안 직접 써 봤습니다. 야간 모드는 어두운 골목에서도 디테일을 잘 살려 주었고, 배터리는 하루 종일 촬영해도 넉넉했어요. 화면도 아주 밝아서 낮에 야외에서 보기 편했습니다. 가격 대비 만족도가 높아서 사진 찍는 분들께 추천합니다. 이 글은 한빛전자로부터 제품을 제공받아 작성했습니다.')]));
write('check_draft', 'impossible-date-refused', Buffer.concat([draftOpts({ day: 'impossible' }), bytes('Project Falcon')]));
write('check_draft', 'reply-to-a-post', Buffer.concat([draftOpts({ reply: true }), bytes("you're an idiot, sorry you feel that way\0Hanbit's Nova X1 caught fire, recall it!")]));
write('check_draft', 'ignore-first-finding', Buffer.concat([draftOpts({ ignore: true }), bytes('Project Falcon and Falcon again, 팰컨 too, fuck')]));
// Over MAX_TEXT_BYTES (1 MiB), so the limit falls inside a Hangul syllable and findings lie on both sides.
write('check_draft', 'over-1mib-mixed', Buffer.concat([draftOpts({ ignore: true }), bytes('Project Falcon 😀 '), repeated('가나다 lol ㅋ 010-1234-5678 ', MiB + 64), bytes(' 팰컨 and Project Falcon again')]));

// --- scan_posts --------------------------------------------------------------------------------
const posts = (...texts) => bytes(texts.join('\0'));
write('scan_posts', 'feed-en-ko-mixed', Buffer.concat([postOpts(), posts(TEXTS['mixed-en-ko'], TEXTS['ko-product-praise'], TEXTS['crisis-joke'], TEXTS['media-inquiry'])]));
write('scan_posts', 'feed-crisis-viral', Buffer.concat([postOpts({ policy: 'crisis', reach: 6 }), posts('My Nova X1 caught fire while charging. @HanbitElec recall this now!', '배터리 화재 또 났네요 한빛전자 리콜해라')]));
write('scan_posts', 'feed-hostile-ko-hints', Buffer.concat([postOpts({ ko: true }), posts(TEXTS['profanity-masked'], TEXTS['threat-legal'], TEXTS['homoglyphs'])]));
write('scan_posts', 'feed-leaks-chars-cli', Buffer.concat([postOpts({ chars: true }), posts(TEXTS['pii-numbers'], TEXTS.secrets, TEXTS['en-mnpi-codename'])]));
write('scan_posts', 'feed-odd-characters', Buffer.concat([postOpts({ policy: 'odd' }), posts(TEXTS['emoji-zwj'], TEXTS['control-chars'], TEXTS['bidi-overrides'], TEXTS['combining-marks'], TEXTS['full-width'], TEXTS['zero-width'], TEXTS['jamo-and-halfwidth'])]));
write('scan_posts', 'feed-promotions-no-policy', Buffer.concat([postOpts({ policy: 'none', reach: 15 }), posts(TEXTS.promotion, 'Loving my new phone! #ad', '', ' ')]));
write('scan_posts', 'invalid-utf8', Buffer.concat([postOpts(), INVALID_UTF8]));
write('scan_posts', 'worker-json-batch', Buffer.concat([postOpts(), bytes(JSON.stringify([
  { id: '1', text: 'My Nova X1 caught fire while charging. @HanbitElec recall this now!', reposts: 1200, likes: 5400, views: 880000 },
  { id: '2', text: '기자입니다. 한빛전자 배터리 건 관련해 입장을 듣고 싶습니다', author: '@reporter', promoted: false },
  { id: '3', text: 'Use code HANBIT20 👇', promoted: true, replies: 3 },
]))]));
write('scan_posts', 'worker-json-bad-field', Buffer.concat([postOpts(), bytes('[{"id": "1", "text": "hi", "likes": -1}]')]));
write('scan_posts', 'over-1mib-post', Buffer.concat([postOpts({ reach: 9 }), bytes('Hanbit battery fire 🔥 '), repeated('시발 recall 한빛전자 ㅋ ', MiB + 64), bytes('\0short second post, Nova X1')]));

// --- policy ------------------------------------------------------------------------------------
write('policy', 'valid-hanbit-example.jsonc', readFileSync(join(here, '..', 'examples', 'hanbit-policy.jsonc')));
write('policy', 'valid-odd-terms.jsonc', readFileSync(join(here, 'policies', 'odd-terms.jsonc')));
const POLICIES = {
  'valid-empty-object.json': '{}',
  'valid-comments-only-around.jsonc': '// a note\n/* block\n comment */ { /* inside */ } // after',
  'valid-every-field.json': JSON.stringify({
    organization: { names: ['Acme', '에이크미'], products: ['Rocket'], executives: ['Jane Doe'], tickers: ['ACME'], competitors: ['Globex'] },
    confidential: { codenames: ['Bluebird'], terms: ['merger plan'], internal_domains: ['intra.acme.example'] },
    disclosure: { employee_tags: ['#AcmeEmployee', '#에이크미직원'], see_more_chars: { x: 280, facebook: 400, linkedin: 140, instagram: 125, other: 100 } },
    quiet_periods: [{ start: '2026-12-01', end: '2026-12-31', reason: 'Q4' }, { start: '2027-02-28', end: '2027-02-28' }],
    crisis: { active: true, topics: ['recall'], official_links: ['https://acme.example/news'] },
    rules: { TONE003: 'off', MNPI001: 'block', CONF001: 'info', PII004: 'warn' },
    locked: ['crisis.active', 'rules.MNPI001', 'organization.names'],
  }, null, 2),
  'valid-admin-then-user.json': '{"organization": {"names": ["Acme"]}, "crisis": {"active": true}, "locked": ["crisis", "organization.names"]}\0{"organization": {"names": ["Other"]}, "crisis": {"active": false}, "rules": {"TONE001": "off"}}',
  'valid-admin-locks-all-then-user.json': '{"rules": {"CONF001": "block"}, "locked": ["*"]}\0{"rules": {"CONF001": "off"}, "confidential": {"codenames": ["X"]}}',
  'valid-custom-rules-some-refused.jsonc': `{
  // custom rules: good ones, and ones refused one by one (the rest of the policy loads)
  "confidential": { "codenames": ["Bluebird"] },
  "custom_rules": [
    { "id": "ACME-ROADMAP", "pattern": "Roadmap (?:for )?20[0-9]{2}", "level": "block", "message": "Roadmap dates are internal.", "message_ko": "로드맵 일정은 사내 정보입니다.", "replacement": "our roadmap" },
    { "id": "ACME-FAB", "pattern": "(?:팹|fab) ?[0-9]+호기", "category": "tone", "message": "m" },
    { "id": "BROKEN", "pattern": "(unclosed", "message": "m" },
    { "id": "TONE001", "pattern": "x", "message": "m" },
    { "id": "EVIL", "pattern": "(a+)+$", "message": "m" },
    { "id": "CAFE", "pattern": "café", "message": "m" },
    { "id": "CASE", "pattern": "(?i)x", "message": "m" },
    { "id": "EMPTY", "pattern": "\\b|x*", "level": "info", "message": "m" }
  ]
}`,
  'valid-custom-rules-admin-then-user.json': '{"custom_rules": [{"id": "A", "pattern": "alpha", "message": "m"}], "locked": ["custom_rules"]}\0{"custom_rules": [{"id": "A", "pattern": "beta", "message": "m"}, {"id": "B", "pattern": "gamma", "message": "m"}]}',
  'broken-custom-rule-wrong-type.json': '{"custom_rules": [{"id": "A", "pattern": 7, "message": "m"}]}',
  'broken-unknown-field.json': '{\n  "organization": {\n    "competitor": ["Globex"]\n  }\n}',
  'broken-quiet-period-backwards.json': '{"quiet_periods": [{"start": "2026-12-31", "end": "2026-12-01"}]}',
  'broken-impossible-date.json': '{"quiet_periods": [{"start": "2026-02-30", "end": "2026-03-01"}]}',
  'broken-official-link.json': '{"crisis": {"official_links": ["javascript:alert(1)", "ftp://x"]}}',
  'broken-unknown-rule.json': '{"rules": {"NOPE001": "off", "TONE001": "loud"}}',
  'broken-see-more-cut-off.json': '{"disclosure": {"see_more_chars": {"x": 0, "facebook": -1, "linkedin": 4294967296, "tiktok": 150}}}',
  'broken-trailing-garbage.json': '{"crisis": {"active": true}}\n  oops',
  'broken-array-top-level.json': '[{"organization": {}}]',
  'broken-unterminated-comment.jsonc': '{ /* never closed \n "rules": {} }',
  'broken-unterminated-string.json': '{"organization": {"names": ["Acme',
  'broken-wrong-types.json': '{"organization": {"names": "Acme"}, "crisis": {"active": "yes"}, "locked": [1, null]}',
  'broken-deep-nesting.json': '{"organization": {"names": ' + '['.repeat(200) + ']'.repeat(200) + '}}',
  'broken-duplicate-section.json': '{"crisis": {"active": true}, "crisis": {"active": false}}',
  'broken-empty.json': '',
  'broken-cut-at-line-start.json': '{\n  "organization": {\n',
  'broken-escapes.json': '{"organization": {"names": ["\\ud800", "\\u0000", "\\uDFFF\\uD800", "bad \\x escape"]}}',
};
for (const [name, text] of Object.entries(POLICIES)) write('policy', name, bytes(text));
write('policy', 'broken-invalid-utf8.json', Buffer.concat([bytes('{"organization": {"names": ["'), INVALID_UTF8, bytes('"]}}')]));
// Just under MAX_POLICY_BYTES (1 MiB): tens of thousands of names, codenames and topics to compile.
{
  const head = '{"organization": {"names": [';
  const tail = '"Acme"]}, "confidential": {"codenames": ["팰컨", "Falcon"]}, "crisis": {"active": true, "topics": ["fire"]}}';
  const name = (i) => `"이름${i} Name${i} 😀", `;
  const parts = [];
  let size = Buffer.byteLength(head + tail);
  for (let i = 0; size < MiB - 4096; i++) {
    parts.push(name(i));
    size += Buffer.byteLength(name(i));
  }
  const text = bytes(head + parts.join('') + tail);
  if (text.length > MiB) throw new Error('the large policy must stay under the limit');
  write('policy', 'valid-near-1mib-many-names.json', text);
}
// --- dictionaries: tokens libFuzzer splices into inputs (-dict=fuzz/dicts/<name>.dict) ---------
/** One dictionary line: the token's UTF-8 bytes, printable ASCII as is, the rest as \xNN. */
function dictLine(token) {
  let out = '';
  for (const b of bytes(token)) out += b >= 0x20 && b < 0x7f && b !== 0x22 && b !== 0x5c ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`;
  return `"${out}"`;
}
const WORDS = [
  'Project Falcon', 'Falcon', '팰컨', 'Nova X1', '노바 X1', 'Hanbit', '한빛전자', '@HanbitElec', 'HBE', '123450', 'Kim Minjun', '김민준',
  'Daesung Mobile', '대성모바일', 'Q4 roadmap', 'corp.hanbit.example', '#HanbitEmployee', '#한빛전자직원', '#ad', '#sponsored', '광고', '협찬',
  'revenue', '매출', '$2B', '2조', 'acquisition', '인수', 'guidance', 'password=', 'api_key:', 'AKIA', '비밀번호', 'confidential', '대외비',
  '010-1234-5678', '4111 1111 1111 1111', '900101-1234567', '123-45-6789', '@', 'https://', 'fuck', 'f***', '시발', 'ㅅㅂ', '개새끼', 'idiot',
  'sorry if', '오해가 있었다면', 'sue', '고소', 'fraud', 'battery fire', '배터리 화재', 'recall', '리콜', 'lol', 'ㅋㅋ', '기자입니다',
  'caught fire', 'to the moon', '주가', 'election', '\u200B', '\u200D', '\u0301', '\uFE0F', '\u202E', '\uFF21', '😀', '👍🏽', '\0', '. ', '\n',
];
const POLICY_TOKENS = [
  '{', '}', '[', ']', ':', ',', '"', '//', '/*', '*/', '\\u', '\\"', 'true', 'false', 'null', '"organization"', '"names"', '"products"',
  '"executives"', '"tickers"', '"competitors"', '"confidential"', '"codenames"', '"terms"', '"internal_domains"', '"disclosure"',
  '"employee_tags"', '"see_more_chars"', '"x"', '"facebook"', '"linkedin"', '"instagram"', '"other"', '280', '0', '-1', '100001', '"quiet_periods"', '"start"', '"end"', '"reason"', '"2026-12-20"', '"2027-02-29"', '"crisis"', '"active"', '"topics"',
  '"official_links"', '"https://hanbit.example/"', '"rules"', '"locked"', '"*"', '"crisis.active"', '"rules.CONF001"', '"off"', '"info"',
  '"warn"', '"block"', '"CONF001"', '"MNPI001"', '"TONE001"', '"DISC001"', '\0',
];
mkdirSync(join(here, 'dicts'), { recursive: true });
writeFileSync(join(here, 'dicts', 'text.dict'), '# Words the rules look for, in both languages, and characters that hide them.\n' + WORDS.map(dictLine).join('\n') + '\n');
writeFileSync(join(here, 'dicts', 'policy.dict'), '# JSON, comments and the policy\'s own field names and values.\n' + POLICY_TOKENS.map(dictLine).join('\n') + '\n');
console.log('seeds written to', join(here, 'corpus'), 'and dictionaries to', join(here, 'dicts'));
