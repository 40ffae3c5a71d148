// Runs fuzz cases in child processes (test/fuzz/case-process.ts, compiled under dist/), each case
// with a time limit and a memory limit: a case that outlives its time is a hang, one that takes
// the process past its RSS budget (polled, and checked against the process's peak after each
// case) is a memory finding, one that ends the process is a crash, and a failure that is not a
// RadomeError is an untyped finding. Findings are saved under var/fuzz/ for replay.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serialize } from 'node:v8';
import { fileURLToPath } from 'node:url';
import { workerUrl } from '../../ingest/worker-pool.js';
import { generateCase } from './cases.js';
import type { CaseRequest, ChildMessage, ParentMessage } from './protocol.js';
import type { CaseOutcome } from './run-case.js';
import { loadSeeds, type FuzzInput, type Seed } from './seeds.js';

export type FindingKind = 'crash' | 'hang' | 'memory' | 'untyped';

export interface Finding {
  kind: FindingKind;
  /** Seed name and mutation steps (or the crafted input's name). */
  name: string;
  steps: string[];
  detail: string;
  /** Case number in the run, for `npm run fuzz -- --seed S --case N`. */
  index?: number;
  /** Where the input was saved. */
  saved?: string;
}

/** An input made outside the mutator (a crafted bomb), with the outcomes it may have. */
export interface CraftedCase {
  name: string;
  input: FuzzInput;
  /** Acceptable outcomes: 'ingested' or RadomeError codes. */
  expect: string[];
}

export interface CaseRecord {
  name: string;
  /** Case number of a generated case. */
  index?: number;
  outcome: CaseOutcome;
  ms: number;
  maxRssBytes: number;
}

export interface FuzzOptions {
  runSeed: number;
  /** Generated cases to run (the first ones are the seeds unmutated). */
  cases?: number;
  /** Or: run generated cases until this many minutes have passed. */
  minutes?: number;
  /** Or: only this generated case (a replay). */
  only?: number;
  /** Crafted inputs, run before the generated cases. */
  crafted?: CraftedCase[];
  processes?: number;
  caseTimeoutMs?: number;
  maxRssBytes?: number;
  /** Use the real samples too (default: when present). */
  real?: boolean;
  /** Where findings are saved; null: not saved. */
  saveDir?: string | null;
  onCase?: (record: CaseRecord, report: FuzzReport) => void;
}

export interface FuzzReport {
  runSeed: number;
  seeds: number;
  cases: number;
  /** Ingested (or, for real-time chunks, a volume still waiting for chunks). */
  ok: number;
  typed: Record<string, number>;
  findings: Finding[];
  /** Crafted cases whose outcome was not among those expected. */
  unexpected: { name: string; outcome: string; expected: string[] }[];
  crafted: CaseRecord[];
  slowestMs: number;
  peakRssBytes: number;
  elapsedMs: number;
}

/** A case's time budget: the slowest real cases (a whole volume, 600 MB of bomb) take ~20 s on a busy 2-core machine. */
const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_RSS = 1024 * 2 ** 20;
/** A process is replaced after this many cases, so a slow leak is not blamed on a case. */
const CASES_PER_PROCESS = 150;
const RSS_POLL_MS = 25;
/** Time a process may take to read the seeds and make a case's input, before the case's own time starts. */
const SETUP_TIMEOUT_MS = 180_000;

type Job = { message: CaseRequest; name: string; index?: number; crafted?: CraftedCase };
type JobResult = { kind: 'done'; outcome: CaseOutcome; ms: number; maxRssBytes: number; steps: string[] } | { kind: FindingKind & ('crash' | 'hang' | 'memory'); detail: string; steps: string[] };

const caseProcessUrl = workerUrl('./case-process.js', import.meta.url);

/** One child process running cases one after the other. */
class FuzzProcess {
  private child: ChildProcess | null = null;
  private stderr = '';
  private ran = 0;
  private nextId = 1;

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly timeoutMs: number,
    private readonly maxRss: number,
  ) {}

  async run(job: Job): Promise<JobResult> {
    // A crafted input gets a process of its own: its peak RSS is then its own, not partly memory
    // that malloc kept from the cases before.
    if (!this.child || this.ran >= CASES_PER_PROCESS || job.crafted) await this.restart();
    const child = this.child!;
    this.ran++;
    const id = this.nextId++;
    let steps: string[] = [];
    this.stderr = '';
    return new Promise<JobResult>((resolve) => {
      let timer: NodeJS.Timeout;
      const arm = (ms: number) => {
        clearTimeout(timer);
        timer = setTimeout(() => finish({ kind: 'hang', detail: `no outcome after ${ms} ms`, steps }, true), ms);
      };
      const poll = setInterval(() => {
        const rss = rssOf(child.pid!);
        if (rss > this.maxRss) finish({ kind: 'memory', detail: `RSS reached ${mb(rss)} MB (budget ${mb(this.maxRss)} MB)`, steps }, true);
      }, RSS_POLL_MS);
      const onMessage = (m: ChildMessage) => {
        if (m.type === 'crash' && m.id === id) {
          finish({ kind: 'crash', detail: `uncaught: ${m.detail}`, steps }, true);
        } else if (m.type === 'start' && m.id === id) {
          steps = m.steps;
          arm(this.timeoutMs);
        } else if (m.type === 'done' && m.id === id) {
          if (m.maxRssBytes > this.maxRss) {
            finish({ kind: 'memory', detail: `peak RSS ${mb(m.maxRssBytes)} MB (budget ${mb(this.maxRss)} MB); outcome ${describeOutcome(m.outcome)}`, steps }, true);
          } else {
            // A process holding much memory after a case (malloc keeps freed memory) starts the next case afresh.
            finish({ kind: 'done', outcome: m.outcome, ms: m.ms, maxRssBytes: m.maxRssBytes, steps }, m.rssBytes > this.maxRss / 3 || Boolean(job.crafted));
          }
        }
      };
      const onExit = (code: number | null, signal: string | null) => {
        finish({ kind: 'crash', detail: `process exited (${signal ?? `code ${code}`}): ${this.stderr.slice(-3000)}`, steps }, false);
      };
      const finish = (result: JobResult, kill: boolean) => {
        clearTimeout(timer);
        clearInterval(poll);
        child.off('message', onMessage);
        child.off('exit', onExit);
        if (kill) this.stop();
        else if (result.kind !== 'done') this.child = null;
        resolve(result);
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
      // Reading the seeds and making the input (recompressing, say) is not the case's time.
      arm(SETUP_TIMEOUT_MS);
      child.send({ ...job.message, id } as ParentMessage);
    });
  }

  private async restart(): Promise<void> {
    this.stop();
    const child = fork(fileURLToPath(caseProcessUrl), [], {
      env: this.env,
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      // Heap beyond the RSS budget: a runaway heap is then caught by the budget, not by V8's abort.
      execArgv: ['--expose-gc', `--max-old-space-size=${Math.ceil(mb(this.maxRss) * 1.5)}`],
    });
    // A process that ends between cases is replaced at the next one.
    child.once('exit', () => {
      if (this.child === child) this.child = null;
    });
    child.stderr!.on('data', (d: Buffer) => {
      this.stderr = (this.stderr + d.toString()).slice(-20_000);
    });
    this.child = child;
    this.ran = 0;
    await new Promise<void>((resolve, reject) => {
      const onExit = () => reject(new Error(`fuzz process exited while starting: ${this.stderr}`));
      child.once('exit', onExit);
      child.once('message', () => {
        child.off('exit', onExit);
        resolve();
      });
    });
  }

  stop(): void {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    this.child = null;
  }
}

function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

export function describeOutcome(o: CaseOutcome): string {
  return o.status === 'typed' ? o.code! : o.status === 'untyped' ? `untyped ${o.message}` : o.status;
}

/** Runs the crafted cases, then generated cases until the count or time is reached. */
export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const started = Date.now();
  const real = options.real ?? true;
  const seeds = loadSeeds({ real });
  const corpus = join(tmpdir(), `radome-fuzz-seeds-${process.pid}-${started}.v8`);
  writeFileSync(corpus, serialize(seeds));
  const env = { ...process.env, RADOME_FUZZ_CORPUS: corpus };
  const report: FuzzReport = {
    runSeed: options.runSeed,
    seeds: seeds.length,
    cases: 0,
    ok: 0,
    typed: {},
    findings: [],
    unexpected: [],
    crafted: [],
    slowestMs: 0,
    peakRssBytes: 0,
    elapsedMs: 0,
  };
  const processes = Array.from({ length: options.processes ?? 2 }, () => new FuzzProcess(env, options.caseTimeoutMs ?? DEFAULT_TIMEOUT_MS, options.maxRssBytes ?? DEFAULT_MAX_RSS));
  const crafted = [...(options.crafted ?? [])];
  let index = 0;
  const deadline = options.minutes !== undefined ? started + options.minutes * 60_000 : Infinity;
  const nextJob = (): Job | null => {
    const c = crafted.shift();
    if (c) return { message: { type: 'input', input: c.input }, name: `crafted:${c.name}`, crafted: c };
    if (options.only !== undefined) {
      if (index++ > 0) return null;
      return { message: { type: 'generated', runSeed: options.runSeed, index: options.only }, name: '', index: options.only };
    }
    if (options.cases !== undefined ? index >= options.cases : Date.now() >= deadline) return null;
    const i = index++;
    return { message: { type: 'generated', runSeed: options.runSeed, index: i }, name: '', index: i };
  };
  const work = async (p: FuzzProcess) => {
    for (let job = nextJob(); job; job = nextJob()) {
      const result = await p.run(job);
      const name = job.crafted ? job.name : `${generateName(seeds, options.runSeed, job.index!)}`;
      record(report, seeds, options, job, name, result);
      if (result.kind === 'done') {
        const rec = { name, index: job.index, outcome: result.outcome, ms: result.ms, maxRssBytes: result.maxRssBytes };
        if (job.crafted) report.crafted.push(rec);
        options.onCase?.(rec, report);
      }
    }
    p.stop();
  };
  try {
    await Promise.all(processes.map(work));
  } finally {
    rmSync(corpus, { force: true });
  }
  report.elapsedMs = Date.now() - started;
  return report;
}

function generateName(seeds: readonly Seed[], runSeed: number, index: number): string {
  return generateCase(seeds, runSeed, index).seed.name;
}

function record(report: FuzzReport, seeds: readonly Seed[], options: FuzzOptions, job: Job, name: string, result: JobResult): void {
  report.cases++;
  if (result.kind === 'done') {
    report.slowestMs = Math.max(report.slowestMs, result.ms);
    report.peakRssBytes = Math.max(report.peakRssBytes, result.maxRssBytes);
    const o = result.outcome;
    if (job.crafted) {
      const got = o.status === 'typed' ? o.code! : o.status === 'pending' ? 'ingested' : o.status;
      if (o.status !== 'untyped' && !job.crafted.expect.includes(got)) report.unexpected.push({ name: job.crafted.name, outcome: describeOutcome(o), expected: job.crafted.expect });
    }
    if (o.status === 'typed') report.typed[o.code!] = (report.typed[o.code!] ?? 0) + 1;
    else if (o.status !== 'untyped') report.ok++;
    else report.findings.push(save(options, seeds, job, name, { kind: 'untyped', name, steps: result.steps, detail: `${o.message}\n${o.stack ?? ''}`, index: job.index }));
    return;
  }
  report.findings.push(save(options, seeds, job, name, { kind: result.kind, name, steps: result.steps, detail: result.detail, index: job.index }));
}

/** Saves a finding's input (and what is known of it) under saveDir, for replay. */
function save(options: FuzzOptions, seeds: readonly Seed[], job: Job, name: string, finding: Finding): Finding {
  if (!options.saveDir) return finding;
  const input = job.crafted ? job.crafted.input : generateCase(seeds, options.runSeed, job.index!).input;
  const base = join(options.saveDir, `${finding.kind}-${options.runSeed}-${job.crafted ? job.crafted.name : job.index}`);
  mkdirSync(options.saveDir, { recursive: true });
  if (input.kind === 'file') writeFileSync(`${base}.bin`, input.bytes);
  else {
    mkdirSync(`${base}.chunks`, { recursive: true });
    input.chunks.forEach((c, i) => writeFileSync(join(`${base}.chunks`, String(i + 1).padStart(3, '0')), c));
  }
  writeFileSync(
    `${base}.json`,
    JSON.stringify({ ...finding, name, runSeed: options.runSeed, replay: job.index !== undefined ? `npm run fuzz -- --seed ${options.runSeed} --case ${job.index}` : undefined }, null, 2),
  );
  return { ...finding, saved: base };
}
