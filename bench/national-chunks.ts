/**
 * What following a real-time volume costs the thread that answers GraphQL queries (issue 23): the
 * real KLOT chunks (../shared/data/nexrad/level2-chunks) fed to a ChunkVolume one by one, a
 * commit planned at every newly complete cut and at the close, as ChunksFollower does (objects and
 * rows not written: planning is the CPU-heavy part). Cuts rendered here (renderCutsHere) and on
 * the daemon's plan pool (PlanPool.renderCuts, RADOME_INGEST_WORKERS threads, default 2). Per
 * volume: this thread's CPU, wall time, and the event loop's delay meanwhile (what a query
 * arriving then waits before it is even parsed). RADOME_BENCH_VOLUMES volumes a mode (default 5).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { createPlanPool } from '../ingest/plan-pool.js';
import { ChunkVolume, renderCutsHere, type RenderCuts } from '../ingest/realtime/chunk-volume.js';
import { parseLevel2ChunkKey } from '../ingest/sources/level2-chunk-keys.js';
import { median, report, type BenchRow } from './harness.js';

const DATA = process.env.RADOME_SAMPLE_DATA ?? join(process.cwd(), '..', 'shared', 'data');
const DIR = join(DATA, 'nexrad', 'level2-chunks', 'KLOT-20260811-225858');
if (!existsSync(DIR)) {
  console.error(`bench national-chunks: sample chunks not found under ${DATA} (set RADOME_SAMPLE_DATA)`);
  process.exit(0);
}
const chunks = readdirSync(DIR)
  .sort()
  .map((name) => {
    const bytes = new Uint8Array(readFileSync(join(DIR, name)));
    const key = `KLOT/417/${name}`;
    return { listed: { ...parseLevel2ChunkKey(key)!, key, size: bytes.length }, bytes };
  });
const volumes = Number(process.env.RADOME_BENCH_VOLUMES ?? 5);
const options = { renderSize: 1024, ingestedAt: 0 };

/** Long enough for the delay monitor's timer (5 ms) to run in between. */
const nextTurn = () => sleep(6);

/** One volume followed from its first chunk to its close; returns the commits made. */
async function follow(render: RenderCuts): Promise<number> {
  const volume = new ChunkVolume('KLOT/417/20260811-225858', chunks[0]!.listed.time);
  let commits = 0;
  // A turn of the event loop where the follower waits for I/O (the chunk's fetch, the commit's
  // writes), so the loop's delay measures the longest stretch of work between them.
  for (const { listed, bytes } of chunks) {
    await nextTurn();
    volume.push(listed, bytes);
    if (volume.newCuts().length > 0 && !volume.complete) {
      volume.committed(await volume.plan(volume.sourceObject('bench', 'open'), options, render));
      commits++;
      await nextTurn();
    }
  }
  volume.committed(await volume.plan(volume.sourceObject('bench', 'closed'), options, render));
  await nextTurn();
  return commits + 1;
}

interface Measured {
  cpuMs: number[];
  wallMs: number[];
  delayMaxMs: number[];
  delayP99Ms: number[];
  commits: number;
}

async function measure(render: RenderCuts): Promise<Measured> {
  await follow(render); // warm-up: JIT, the pool's threads
  const m: Measured = { cpuMs: [], wallMs: [], delayMaxMs: [], delayP99Ms: [], commits: 0 };
  for (let i = 0; i < volumes; i++) {
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const cpu = process.threadCpuUsage();
    const t = performance.now();
    m.commits = await follow(render);
    m.wallMs.push(performance.now() - t);
    const used = process.threadCpuUsage(cpu);
    m.cpuMs.push((used.user + used.system) / 1000);
    delay.disable();
    m.delayMaxMs.push(delay.max / 1e6);
    m.delayP99Ms.push(delay.percentile(99) / 1e6);
  }
  return m;
}

const threads = Number(process.env.RADOME_INGEST_WORKERS ?? 2);
const pool = createPlanPool(threads);
const here = await measure(renderCutsHere);
const onPool = await measure(pool.renderCuts);
await pool.close();

const rows: BenchRow[] = [
  { metric: 'commits a volume (one a newly complete cut, then the close)', radome: onPool.commits },
  {
    metric: 'main-thread CPU a volume',
    radome: median(onPool.cpuMs),
    peer: median(here.cpuMs),
    ratio: median(onPool.cpuMs) / median(here.cpuMs),
    unit: 'ms',
    target: 'radome: plan pool; peer: this thread',
  },
  { metric: 'wall a volume (all chunks at once)', radome: median(onPool.wallMs), peer: median(here.wallMs), unit: 'ms' },
  { metric: 'event-loop delay max (median of volumes)', radome: median(onPool.delayMaxMs), peer: median(here.delayMaxMs), unit: 'ms', target: 'what a query waits at worst' },
  { metric: 'event-loop delay p99 (median of volumes)', radome: median(onPool.delayP99Ms), peer: median(here.delayP99Ms), unit: 'ms' },
];
report('national-chunks', rows, { volumes, threads, here, onPool });
