// A corpus run: every real file under RADOME_CORPUS (any mix of formats; default the shared sample
// folder) goes through the real `radome ingest files`, one after another, and each ends in one of
// ingested / typed error / crash / hang. Readers of this data always meet files nobody anticipated:
// a typed error is an acceptable answer, a crash (the process dies without its totals line) or a
// hang (no answer within RADOME_CORPUS_FILE_TIMEOUT_S, default 120 s) fails the run. After a crash
// or a hang the run goes on from the next file in a new process, so one bad file hides no other.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, sampleDataDir } from '../sample-data.js';

const corpus = process.env.RADOME_CORPUS ?? sampleDataDir;
const FILE_TIMEOUT_MS = Number(process.env.RADOME_CORPUS_FILE_TIMEOUT_S ?? 120) * 1000;
const present = existsSync(corpus);
if (!present) console.log(`archive corpus: ${corpus} not found (set RADOME_CORPUS to a folder of real files); skipping the corpus run`);

type Verdict = 'ingested' | 'typed error' | 'crash' | 'hang';
interface FileResult {
  file: string;
  verdict: Verdict;
  detail: string;
}

/** Every regular file under `dir`, hidden ones included (a corpus is taken as found), in order. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      const info = statSync(path);
      return info.isDirectory() ? filesUnder(path) : info.isFile() ? [path] : [];
    });
}

/**
 * Runs `radome ingest files` over `files` until it ends; resolves to the results of the files it
 * answered for and, if it died or stalled, the verdict on the file in flight.
 */
function ingestUntilStopped(files: string[], env: Record<string, string>): Promise<FileResult[]> {
  return new Promise((resolve) => {
    const results: FileResult[] = [];
    const child = spawn(process.execPath, [join(repoRoot, 'bin', 'radome.js'), 'ingest', 'files', ...files], {
      cwd: repoRoot,
      env: { ...process.env, ...env, LOG_FORMAT: 'json' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let totals = false;
    let timer: NodeJS.Timeout;
    let stalled = false;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        stalled = true;
        child.kill('SIGKILL');
      }, FILE_TIMEOUT_MS);
    };
    arm();
    child.stdout.on('data', (chunk) => {
      out += chunk;
      let nl: number;
      while ((nl = out.indexOf('\n')) >= 0) {
        const line = out.slice(0, nl);
        out = out.slice(nl + 1);
        const file = files[results.length];
        if (/^\d+ ingested, \d+ unchanged, \d+ failed$/.test(line)) totals = true;
        else if (file && line.includes(file)) {
          const failed = /^FAILED\s+.*\[([A-Z_]+)\]/.exec(line);
          results.push({ file, verdict: failed ? 'typed error' : 'ingested', detail: failed ? failed[1]! : (line.split('→')[1]?.trim() ?? 'unchanged') });
          arm();
        }
      }
    });
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const file = files[results.length];
      if (file) {
        // The process ended before answering for this file: it stalled, died, or (ended well but)
        // never named the file, which is as much a failure.
        const last = err.trim().split('\n').slice(-3).join(' | ').slice(0, 300);
        const ended = totals && (code === 0 || code === 1);
        const detail = stalled ? `no answer in ${FILE_TIMEOUT_MS / 1000} s` : ended ? 'the run ended without a line for this file' : `exit ${code ?? signal}: ${last}`;
        results.push({ file, verdict: stalled ? 'hang' : 'crash', detail });
      }
      resolve(results);
    });
  });
}

describe.skipIf(!present)(`archive corpus: every file under ${corpus}`, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'radome-corpus-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it(
    'ingests each file or answers with a typed error: no crash, no hang',
    async () => {
      const files = present ? filesUnder(corpus) : [];
      expect(files.length).toBeGreaterThan(0);
      const results: FileResult[] = [];
      while (results.length < files.length) results.push(...(await ingestUntilStopped(files.slice(results.length), { RADOME_DATA_DIR: dataDir })));

      const counts: Record<Verdict, number> = { ingested: 0, 'typed error': 0, crash: 0, hang: 0 };
      for (const r of results) counts[r.verdict]++;
      const width = Math.max(...results.map((r) => relative(corpus, r.file).length));
      console.log(
        [
          `archive corpus ${corpus}: ${files.length} files`,
          ...results.map((r) => `  ${relative(corpus, r.file).padEnd(width)}  ${r.verdict.padEnd(11)}  ${r.detail}`),
          `  ${Object.entries(counts)
            .map(([k, n]) => `${n} ${k}`)
            .join(', ')}`,
        ].join('\n'),
      );
      expect(results.map((r) => r.file)).toEqual(files);
      expect(results.filter((r) => r.verdict === 'crash' || r.verdict === 'hang')).toEqual([]);
      // The corpus's volumes, products and observation files do ingest (not everything is an error).
      expect(counts.ingested).toBeGreaterThan(0);
    },
    60 * 60_000,
  );
});
