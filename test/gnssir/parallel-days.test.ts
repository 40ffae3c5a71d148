// Many-day reflector height queries run over worker threads (ingest/derive/gnssir/parallel-reflector-heights.ts):
// their arcs must be those of the single-thread path, day for day.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSnrFile } from '../../ingest/decode/gnssrefl/read-snr-file.js';
import { closeReflectorHeightPool, PARALLEL_MIN_DAYS, setReflectorHeightThreads } from '../../ingest/derive/gnssir/parallel-reflector-heights.js';
import { planGnssDay } from '../../ingest/gnss/plan-day.js';
import { clearReflectorHeightCache, reflectorHeightDays } from '../../server/gnss-ir/reflector-height-query.js';
import { openCatalog, type Catalog } from '../../store/catalog/index.js';
import { FileObjectStore } from '../../store/objects/index.js';
import { MCHL_FILES, MCHL_JSON, MCHL_PRESENT, MCHL_REFR } from './mchl-reference.js';
import { parseGnssStationId } from '../../core/vocabulary/index.js';

const DAYS = PARALLEL_MIN_DAYS + 4;
const FIRST_DAY = Date.UTC(2024, 0, 1) / 86400e3;

describe.skipIf(!MCHL_PRESENT)('reflector heights of many days over worker threads', () => {
  let dir: string;
  let catalog: Catalog;
  let objects: FileObjectStore;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'radome-gnssir-threads-'));
    catalog = await openCatalog(join(dir, 'catalog.db'));
    objects = new FileObjectStore(join(dir, 'objects'), { durable: false });
    const files = MCHL_FILES.map((p) => readSnrFile(gunzipSync(readFileSync(p!)), p!));
    const days = [];
    const bodies = [];
    // MCHL's three real days stored over and over, one day (day 5) left out so a gap is crossed.
    for (let d = 0; d < DAYS; d++) {
      if (d === 5) continue;
      const src = files[d % 3]!;
      const shift = (FIRST_DAY + d - src.day) * 86400e3;
      const obs = { ...src.observations, times: src.observations.times.map((t) => t + shift) };
      const planned = planGnssDay('MCHL', FIRST_DAY + d, obs, { source: 'test', sourceKey: `mchl-${d}`, timeSystem: 'GPS', ingestedAt: 1, geometry: 'file' });
      days.push(planned.commit);
      bodies.push(planned.object);
    }
    await objects.putMany(bodies);
    await catalog.writer.gnss.commitDays({
      file: { source: 'test', key: 'days', fingerprint: 'x', size: 0, ingestedAt: 1 },
      station: { id: parseGnssStationId('MCHL', 'test station'), name: null, longName: null, latitude: null, longitude: null, heightM: null, receiverType: null, antennaType: null },
      days,
    });
    await catalog.writer.gnss.commitStationSettings({
      file: { source: 'test', key: 'mchl.json', fingerprint: 'x', size: 0, ingestedAt: 1 },
      station: 'MCHL',
      settingsJson: readFileSync(MCHL_JSON!, 'utf8'),
      refractionText: readFileSync(MCHL_REFR!, 'latin1'),
    });
  }, 120_000);

  afterAll(async () => {
    await setReflectorHeightThreads(0);
    await closeReflectorHeightPool();
    await catalog?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('gives each day the arcs the single-thread path gives', async () => {
    const q = { station: 'MCHL', from: FIRST_DAY * 86400e3, to: (FIRST_DAY + DAYS) * 86400e3 };
    await setReflectorHeightThreads(0);
    clearReflectorHeightCache();
    const single = await reflectorHeightDays(catalog.reader, objects, q);
    await setReflectorHeightThreads(2);
    clearReflectorHeightCache();
    const threaded = await reflectorHeightDays(catalog.reader, objects, q);
    expect(single.days.filter((d) => d.arcs.length > 0).length).toBe(DAYS - 1);
    expect(single.days[5]!.missing).toContain('no SNR observations');
    expect(threaded).toEqual(single);
  }, 120_000);
});
