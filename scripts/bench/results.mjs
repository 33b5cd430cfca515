// bench/results.json: every benchmark of ./build.sh bench writes its own section here, so the file
// holds the figures of the last run of each, with when and where they were measured.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const FILE = 'bench/results.json';

/** Replaces one section of bench/results.json. */
export function record(section, figures) {
  mkdirSync('bench', { recursive: true });
  const all = existsSync(FILE) ? JSON.parse(readFileSync(FILE, 'utf8')) : {};
  all[section] = figures;
  writeFileSync(FILE, `${JSON.stringify(all, null, 2)}\n`);
  console.log(`written to ${FILE} (${section})`);
}
