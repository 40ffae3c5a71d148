// `npm run fuzz -- [--minutes N | --cases N] [--seed S] [--case N] [--processes N] [--synthetic-only]`
// Fuzzes radome's ingest with seeded mutations of the real samples and synthetic files, plus
// the crafted bombs, and prints counts: cases, ok, typed errors per code, crashes, hangs,
// memory and untyped findings. Findings are saved under var/fuzz/; exit status 1 if any.
import { join } from 'node:path';
import { repoRoot } from '../sample-data.js';
import { craftedBombs } from './bombs.js';
import { runFuzz, type FuzzReport } from './runner.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const num = (name: string) => (arg(name) === undefined ? undefined : Number(arg(name)));

const minutes = num('minutes');
const only = num('case');
const cases = num('cases') ?? (minutes === undefined && only === undefined ? 500 : undefined);
const runSeed = num('seed') ?? (only === undefined ? Date.now() % 2 ** 31 : 1);
const real = !process.argv.includes('--synthetic-only');

function counts(r: FuzzReport): string {
  const kinds = ['crash', 'hang', 'memory', 'untyped'] as const;
  const n = (k: (typeof kinds)[number]) => r.findings.filter((f) => f.kind === k).length;
  const typed = Object.entries(r.typed)
    .sort((a, b) => b[1] - a[1])
    .map(([code, c]) => `${code} ${c}`)
    .join(', ');
  return (
    `cases ${r.cases}, ok ${r.ok}, typed errors ${Object.values(r.typed).reduce((a, b) => a + b, 0)} (${typed || 'none'}), ` +
    `crashes ${n('crash')}, hangs ${n('hang')}, memory ${n('memory')}, untyped ${n('untyped')}`
  );
}

console.log(
  `radome fuzz: seed ${runSeed}, ${only !== undefined ? `case ${only}` : minutes !== undefined ? `${minutes} minutes` : `${cases} cases`}, ` +
    `${real ? 'real samples (when present) and ' : ''}synthetic seeds`,
);
const started = Date.now();
let lastPrint = started;
const report = await runFuzz({
  runSeed,
  minutes,
  cases,
  only,
  crafted: only === undefined ? craftedBombs() : [],
  real,
  processes: num('processes') ?? 2,
  caseTimeoutMs: num('timeout-ms'),
  maxRssBytes: num('max-rss-mb') !== undefined ? num('max-rss-mb')! * 2 ** 20 : undefined,
  saveDir: join(repoRoot, 'var', 'fuzz'),
  onCase: (rec, r) => {
    if (only !== undefined) console.log(JSON.stringify(rec, null, 2));
    if (Date.now() - lastPrint > 30_000) {
      lastPrint = Date.now();
      console.log(`[${Math.round((lastPrint - started) / 1000)} s] ${counts(r)}`);
    }
  },
});
console.log(`\nseeds ${report.seeds}; ${counts(report)}`);
console.log(`slowest case ${Math.round(report.slowestMs)} ms, peak RSS of a fuzz process ${Math.round(report.peakRssBytes / 2 ** 20)} MB, ${Math.round(report.elapsedMs / 1000)} s`);
for (const c of report.crafted)
  console.log(`  bomb ${c.name}: ${c.outcome.status === 'typed' ? c.outcome.code : c.outcome.status} in ${Math.round(c.ms)} ms, peak RSS ${Math.round(c.maxRssBytes / 2 ** 20)} MB`);
for (const u of report.unexpected) console.log(`UNEXPECTED ${u.name}: ${u.outcome} (expected ${u.expected.join(' or ')})`);
for (const f of report.findings) console.log(`${f.kind.toUpperCase()} ${f.name} [${f.steps.join('; ')}]${f.saved ? ` saved ${f.saved}.*` : ''}\n  ${f.detail.split('\n').slice(0, 8).join('\n  ')}`);
process.exit(report.findings.length || report.unexpected.length ? 1 : 0);
