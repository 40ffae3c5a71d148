/**
 * A catalog reader in its own process, for catalog-concurrency.test.ts (run with vite-node).
 * Reads in a loop while another process commits, until it sees RADOME_TEST_VOLUMES volumes,
 * then prints one JSON line: how many reads, what went wrong, what it saw.
 */
import { openReadOnlyCatalog } from '../../store/catalog/index.js';

const path = process.env.RADOME_TEST_DB!;
const expected = Number(process.env.RADOME_TEST_VOLUMES);
const sweepsPerVolume = Number(process.env.RADOME_TEST_SWEEPS_PER_VOLUME);
const deadline = Date.now() + 60_000;

const catalog = await openReadOnlyCatalog(path);
process.stdout.write('ready\n');

const result = { reads: 0, errors: [] as string[], torn: 0, backwards: 0, counts: new Set<number>(), last: 0 };
while (result.last < expected && Date.now() < deadline) {
  try {
    const volumes = await catalog.reader.radar.volumes({}, { first: 20 });
    if (volumes.totalCount < result.last) result.backwards++;
    result.last = volumes.totalCount;
    result.counts.add(volumes.totalCount);
    // Commits are atomic: a volume is never seen without all its sweeps.
    for (const sweeps of await catalog.reader.radar.sweepsForVolumes(volumes.rows.map((v) => v.id))) if (sweeps.length !== sweepsPerVolume) result.torn++;
    if ((await catalog.reader.radar.sweeps({}, { first: 1 })).totalCount % sweepsPerVolume !== 0) result.torn++;
    result.reads++;
  } catch (e) {
    result.errors.push(e instanceof Error ? `${(e as { code?: string }).code ?? ''} ${e.message}` : String(e));
    if (result.errors.length > 20) break;
  }
}
await catalog.close();
process.stdout.write(`${JSON.stringify({ ...result, counts: result.counts.size })}\n`);
