// Prints compare.sh's results as a table and writes them to bench/compare.json.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const lines = readFileSync(process.argv[2], 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const pad = (s, n) => String(s).padEnd(n);
const num = (x, d = 3) => x.toFixed(d);
console.log(`${pad('data', 50)} ${pad('tool', 20)} ${pad('rows', 6)} ${pad('P', 6)} ${pad('R', 6)} ${pad('F1', 6)} ${pad('rows/s', 10)} riskhint's rows/s ÷ this`);
for (const { set, result: r } of lines) {
  const ours = lines.find((l) => l.set === set && l.result.tool === 'riskhint').result;
  const ratio = r.tool === 'riskhint' ? '' : num(ours.rows_per_s / r.rows_per_s, 2);
  console.log(`${pad(set, 50)} ${pad(r.tool, 20)} ${pad(r.rows, 6)} ${pad(num(r.precision), 6)} ${pad(num(r.recall), 6)} ${pad(num(r.f1), 6)} ${pad(Math.round(r.rows_per_s), 10)} ${ratio}`);
}
mkdirSync('bench', { recursive: true });
writeFileSync('bench/compare.json', `${JSON.stringify(lines, null, 2)}\n`);
console.log('written to bench/compare.json');
