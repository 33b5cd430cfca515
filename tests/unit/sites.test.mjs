// The site adapters' shared helpers (extension/content/sites/common.js), run in a VM as a content
// script runs: one count parser for the counts every site prints (K/M and 천/만, commas, decimal
// points and commas), and one post-id hash.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

const FILE = new URL('../../extension/content/sites/common.js', import.meta.url);
const context = vm.createContext({});
vm.runInContext(readFileSync(FILE, 'utf8'), context, { filename: 'content/sites/common.js' });
const { count, postHash } = context.riskhintSites;

test('plain counts: digits, thousands separators, spaces', () => {
  assert.equal(count('0'), 0);
  assert.equal(count('7'), 7);
  assert.equal(count('2,378'), 2378);
  assert.equal(count('1,122,900'), 1122900);
  assert.equal(count('1.234'), 1234, 'a point without a unit groups thousands, as in much of Europe');
  assert.equal(count('1 234'), 1234);
  assert.equal(count(' 76 '), 76);
});

test('English units: K and M, either case, with a decimal point or comma', () => {
  assert.equal(count('1.8K'), 1800);
  assert.equal(count('2.3k'), 2300);
  assert.equal(count('12K'), 12000);
  assert.equal(count('1M'), 1000000);
  assert.equal(count('1.25M'), 1250000);
  assert.equal(count('1,2K'), 1200, 'a decimal comma before a unit');
  assert.equal(count('1,234K'), 1234000, 'three digits after a comma group thousands');
  assert.equal(count('1.8 K'), 1800);
});

test('Korean units: 천 and 만', () => {
  assert.equal(count('5천'), 5000);
  assert.equal(count('1.2만'), 12000);
  assert.equal(count('3.4만'), 34000);
  assert.equal(count('25만'), 250000);
  assert.equal(count('1.5천'), 1500);
});

test('anything else is 0, never NaN', () => {
  for (const text of ['', 'K', '만', 'likes', '1.2.3만x', '-5', 'Ⅻ', null, undefined]) {
    assert.equal(count(text), 0, String(text));
  }
});

test('post ids: stable, spread, and apart for author and text', () => {
  const id = postHash('Kim Minjun', '오늘 출시 소식을 전합니다.');
  assert.match(id, /^[0-9a-z]+$/);
  assert.equal(postHash('Kim Minjun', '오늘 출시 소식을 전합니다.'), id, 'the same post gets the same id');
  assert.notEqual(postHash('Lee Seoyeon', '오늘 출시 소식을 전합니다.'), id);
  assert.notEqual(postHash('Kim Minjun', '오늘 출시 소식을 전합니다!'), id);
  const ids = new Set(Array.from({ length: 5000 }, (_, i) => postHash('author', `post ${i}`)));
  assert.equal(ids.size, 5000, 'no collisions among 5,000 similar posts');
});

test('the adapters use the shared helpers, not copies of them', () => {
  for (const site of ['x', 'facebook', 'linkedin']) {
    const code = readFileSync(new URL(`../../extension/content/sites/${site}.js`, import.meta.url), 'utf8');
    assert.match(code, /riskhintSites\.start\(/, `${site} starts through common.js`);
    assert.doesNotMatch(code, /riskhint(Timeline|Composer)\.start\(/, `${site} has one start call`);
    assert.doesNotMatch(code, /Math\.imul/, `${site} hashes no ids of its own`);
    assert.doesNotMatch(code, /[천만]\s*:\s*1e/, `${site} has no count units of its own`);
  }
});
