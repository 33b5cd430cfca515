// Every relative link and picture in the README, SECURITY.md and docs/*.md points at a file that
// exists, and a link to a heading (file.md#heading) at a heading that exists, so moving or renaming
// a page cannot leave a dead link behind.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

const pages = ['README.md', 'SECURITY.md', ...readdirSync(join(root, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];

/** The page's text with fenced code blocks and inline code removed: links there are examples. */
function prose(markdown) {
  return markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function slug(heading) {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
}

function anchors(page) {
  const text = readFileSync(join(root, page), 'utf8').replace(/^```[\s\S]*?^```/gm, '');
  return new Set([...text.matchAll(/^#{1,6}\s+(.+)$/gm)].map((match) => slug(match[1])));
}

/** Every [text](target) and ![alt](target) whose target is inside the repository. */
function relativeLinks(markdown) {
  const links = [];
  for (const match of prose(markdown).matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
    const target = match[1];
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:, chrome:
    links.push(target);
  }
  return links;
}

test('the pages checked include the README and the docs', () => {
  assert.ok(pages.includes('README.md'));
  assert.ok(pages.filter((page) => page.startsWith('docs/')).length >= 10, pages.join(', '));
});

/** The links of `markdown`, a page at `page`, that lead nowhere, each with why. */
function deadLinks(page, markdown) {
  const dead = [];
  for (const link of relativeLinks(markdown)) {
    const [path, fragment] = link.split('#');
    const target = path === '' ? page : relative(root, join(root, dirname(page), decodeURI(path)));
    if (!existsSync(join(root, target))) {
      dead.push(`${link}: no file ${target}`);
      continue;
    }
    if (fragment && target.endsWith('.md') && !anchors(target).has(fragment)) {
      dead.push(`${link}: ${target} has no heading #${fragment}`);
    }
  }
  return dead;
}

for (const page of pages) {
  test(`every relative link in ${page} resolves`, () => {
    assert.deepEqual(deadLinks(page, readFileSync(join(root, page), 'utf8')), []);
  });
}

test('the check finds a missing page, a missing heading and a link from the wrong folder', () => {
  const page = [
    '[fine](docs/testing.md#fuzzing) [gone](docs/no-such-page.md) [no heading](docs/testing.md#no-such-heading)',
    '[wrong folder](hanbit-policy.jsonc) ![picture](docs/screenshots/popup.png) [web](https://example.com)',
    '`[in code](nowhere.md)`',
    '```', '[in a block](nowhere.md)', '```',
    '[not yet merged](docs/rules.md)',
  ].join('\n');
  assert.deepEqual(deadLinks('README.md', page), [
    'docs/no-such-page.md: no file docs/no-such-page.md',
    'docs/testing.md#no-such-heading: docs/testing.md has no heading #no-such-heading',
    'hanbit-policy.jsonc: no file hanbit-policy.jsonc',
  ]);
  assert.equal(slug('Disclosure wording and placement'), 'disclosure-wording-and-placement');
  assert.equal(slug('What `./build.sh test` runs'), 'what-buildsh-test-runs');
});
