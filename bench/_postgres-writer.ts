// One ingest worker process for bench/postgres.ts: opens the PostgreSQL catalog, prints READY,
// waits for "go" on stdin, commits its share of the synthetic volumes (every `count`-th from
// `index`), prints DONE.
//   node _postgres-writer.js <url> <days> <index> <count>
import { createInterface } from 'node:readline';
import { openPostgresCatalog } from '../store/catalog/postgres/postgres-catalog.js';
import { benchVolumes } from './_postgres-volumes.js';

const [url, days, index, count] = process.argv.slice(2);
const mine = benchVolumes(Number(days)).filter((_, i) => i % Number(count) === Number(index));
const catalog = await openPostgresCatalog(url!);
console.log('READY');
const lines = createInterface({ input: process.stdin });
for await (const line of lines) if (line === 'go') break;
for (const input of mine) await catalog.writer.radar.commitVolume(input);
await catalog.close();
console.log('DONE');
lines.close();
