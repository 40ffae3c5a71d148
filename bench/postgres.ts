/**
 * The catalog on PostgreSQL beside SQLite, on this machine: commit throughput of one process
 * (synthetic Level 2 volumes of 27 sweeps), and a retention pass removing the oldest days — by
 * partition drop on PostgreSQL, by row deletes on SQLite. Starts Debian's PostgreSQL
 * (test/support/postgres-server.ts) on a temporary folder.
 *   npm run bench -- postgres
 */
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { CommitLevel2VolumeInput, SweepRow } from '../store/catalog/index.js';
import { openCatalog } from '../store/catalog/index.js';
import { openPostgresCatalog } from '../store/catalog/postgres/postgres-catalog.js';
import { postgresSkipReason, startPostgres } from '../test/support/postgres-server.js';
import { makeVolume, tempDbPath } from '../test/store/catalog-fixtures.js';
import { report, type BenchRow } from './harness.js';

const DAYS = 6;
const VOLUMES_PER_DAY = 48;
const SITES = ['KLOT', 'KTLX', 'KAMX'];
const T0 = Date.UTC(2024, 4, 20, 0, 2);
const DAY = 86_400_000;
/** Retention keeps the last half of the days; the cutoff lies inside a day, as it does in service. */
const CUTOFF = T0 + (DAYS / 2) * DAY + 3_600_000;

/** 27 sweeps per volume: 9 elevations × 3 moments. */
function volumes(): CommitLevel2VolumeInput[] {
  const out: CommitLevel2VolumeInput[] = [];
  for (let d = 0; d < DAYS; d++) {
    for (let v = 0; v < VOLUMES_PER_DAY; v++) {
      for (const site of SITES) {
        const input = makeVolume({ site, start: T0 + d * DAY + v * 1_800_000 });
        const extra: SweepRow[] = [];
        for (let e = 4; e <= 9; e++) for (const s of input.sweeps.filter((s) => s.elevationNumber === 1)) extra.push({ ...s, id: s.id.replace('e01', `e0${e}`), elevationNumber: e });
        input.sweeps.push(...extra);
        out.push(input);
      }
    }
  }
  return out;
}

async function main(): Promise<void> {
  const skip = postgresSkipReason();
  if (skip) {
    console.log(`bench postgres skipped: ${skip}`);
    return;
  }
  const inputs = volumes();
  const sweeps = inputs.reduce((n, i) => n + i.sweeps.length, 0);
  const rows: BenchRow[] = [];

  const server = await startPostgres();
  try {
    const pgCatalog = await openPostgresCatalog(await server.createDatabase('bench'));
    let t = performance.now();
    for (const input of inputs) await pgCatalog.writer.radar.commitVolume(input);
    const pgCommitMs = performance.now() - t;

    const path = tempDbPath();
    const sqlite = openCatalog(path);
    t = performance.now();
    for (const input of inputs) sqlite.writer.radar.commitVolume(input);
    const sqliteCommitMs = performance.now() - t;
    const pgRate = inputs.length / (pgCommitMs / 1000);
    const sqliteRate = inputs.length / (sqliteCommitMs / 1000);
    rows.push({
      metric: `volume commits, 1 process (${inputs.length} volumes, ${sweeps} sweeps)`,
      unit: 'volumes/s',
      radome: pgRate,
      peer: sqliteRate,
      ratio: `${(pgRate / sqliteRate).toPrecision(2)} (PostgreSQL / SQLite)`,
    });

    t = performance.now();
    const pgRetention = await pgCatalog.writer.retention.doomOlderThan(CUTOFF, Date.now());
    const pgRetentionMs = performance.now() - t;
    t = performance.now();
    const sqliteRetention = sqlite.writer.retention.doomOlderThan(CUTOFF, Date.now());
    const sqliteRetentionMs = performance.now() - t;
    if (pgRetention.volumes !== sqliteRetention.volumes || pgRetention.objects !== sqliteRetention.objects) {
      throw new Error(`retention removed different rows: ${JSON.stringify(pgRetention)} vs ${JSON.stringify(sqliteRetention)}`);
    }
    rows.push({
      metric: `retention pass: ${pgRetention.volumes} volumes, ${pgRetention.objects} doomed keys (PostgreSQL drops ${DAYS / 2} day partitions)`,
      unit: 'ms',
      radome: pgRetentionMs,
      peer: sqliteRetentionMs,
      ratio: `${(sqliteRetentionMs / pgRetentionMs).toPrecision(2)} (SQLite / PostgreSQL)`,
    });
    sqlite.close();
    rmSync(dirname(dirname(path)), { recursive: true, force: true });
    await pgCatalog.close();
  } finally {
    await server.stop();
  }
  report('postgres', rows, { loadavg: loadavg(), note: 'radome = PostgreSQL engine, peer = SQLite engine; single runs (both passes change the catalog)' });
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
}

await main();
