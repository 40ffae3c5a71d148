// The bounded fuzz suite `npm test` runs: every crafted bomb once, then a fixed number of seeded
// mutations of the seeds (real samples when present, the synthetic files always), each case in
// a child process with a time and memory budget. `npm run fuzz -- --minutes 30` runs it longer.
import { describe, expect, it } from 'vitest';
import { craftedBombs } from './bombs.js';
import { runFuzz, type CaseRecord, type FuzzReport } from './runner.js';

const GiB = 2 ** 30;
/** Seeded cases in CI: a few minutes on two processes. */
const CASES = Number(process.env.RADOME_FUZZ_CASES ?? 240);

function findings(r: FuzzReport): string[] {
  return r.findings.map((f) => `${f.kind} ${f.name} [${f.steps.join('; ')}]: ${f.detail.split('\n')[0]}${f.saved ? ` (saved ${f.saved})` : ''}`);
}

describe('fuzz: crafted decompression and allocation bombs', () => {
  it('end each in its typed error, each process staying under 1 GB of RSS', async () => {
    const bombs = craftedBombs();
    const report = await runFuzz({ runSeed: 1, cases: 0, crafted: bombs, real: false, maxRssBytes: GiB, saveDir: null });
    expect(findings(report)).toEqual([]);
    expect(report.unexpected).toEqual([]);
    expect(report.crafted.map((c) => c.name).sort()).toEqual(bombs.map((b) => `crafted:${b.name}`).sort());
    for (const c of report.crafted) {
      expect(c.maxRssBytes, c.name).toBeLessThanOrEqual(GiB);
      expect(c.outcome.status, c.name).toBe('typed');
    }
    // The decompression bombs are stopped by the budget (TOO_LARGE), the Level 2 ones by the ICD's limits.
    const byName = new Map(report.crafted.map((c) => [c.name, c.outcome.code]));
    expect(byName.get('crafted:bzip2-1100MiB')).toBe('TOO_LARGE');
    expect(byName.get('crafted:gzip-in-gzip-1GiB')).toBe('TOO_LARGE');
    expect(byName.get('crafted:level2-one-gate-radials-then-65000-gates')).toBe('CORRUPT');
  }, 600_000);
});

describe('fuzz: seeded mutations of every format and container', () => {
  it(`${CASES} cases end in ingested or a typed error: no crash, hang, memory overrun or untyped failure`, async () => {
    const records: CaseRecord[] = [];
    const report = await runFuzz({ runSeed: 20_261_204, cases: CASES, maxRssBytes: GiB, caseTimeoutMs: 30_000, saveDir: null, onCase: (r) => records.push(r) });
    expect(findings(report)).toEqual([]);
    expect(report.cases).toBe(CASES);
    // The seeds themselves run first: the synthetic ones are valid files that must ingest, so the
    // mutants reach the decoders' insides rather than failing at the door.
    const seeds = records.filter((r) => r.index! < report.seeds && r.name.startsWith('synthetic:'));
    expect(seeds.length).toBeGreaterThanOrEqual(20);
    for (const s of seeds) expect(s.outcome, s.name).toEqual({ status: 'ingested' });
    // Mutants fail in more than one way (the mutator damages, not only destroys).
    expect(Object.keys(report.typed).length).toBeGreaterThanOrEqual(3);
    expect(report.ok).toBeGreaterThan(0);
  }, 900_000);
});
