// Child of bench/catalog-week.ts: the daemon's retention of catalog rows (removeRowsOlderThan, in
// batches) over the catalog at argv[2], deleting what started before argv[3] (epoch ms), stopped
// after argv[4] seconds when given (a day's pass on a loaded machine can outlast the session);
// prints its result as JSON.
import { performance } from 'node:perf_hooks';
import { removeRowsOlderThan } from '../ingest/retention.js';
import { openCatalog } from '../store/catalog/index.js';

const [path, cutoff, maxSeconds] = process.argv.slice(2);
const catalog = await openCatalog(path!);
const signal = maxSeconds ? AbortSignal.timeout(Number(maxSeconds) * 1000) : undefined;
const t0 = performance.now();
const result = await removeRowsOlderThan(catalog, Number(cutoff), Date.now(), signal);
const seconds = (performance.now() - t0) / 1000;
// The parent counts the writer's waits from here on apart: closing re-analyses the tables whose
// statistics the pass made stale (analyseBeforeClose; ANALYZE holds the write lock).
await new Promise<void>((resolve) => process.send!('pass done', () => resolve()));
const t1 = performance.now();
await catalog.close();
process.stdout.write(JSON.stringify({ seconds, closeMs: performance.now() - t1, stoppedEarly: signal?.aborted ?? false, ...result }));
