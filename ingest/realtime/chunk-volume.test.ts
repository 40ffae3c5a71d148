// A real-time volume (ChunkVolume) is committed cut by cut as its chunks come, its cuts rendered
// on the daemon's plan pool threads (PlanPool.renderCuts), off the thread that answers queries.
// Each commit holds every complete cut so far; each cut is rendered once unless radials came after
// it was rendered; the closed volume's rows and objects equal the archived file's (the same
// records) planned whole, to the byte; and a commit that failed plans again from the same grids.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planArchiveII } from '../level2/plan.js';
import { createPlanPool, type PlanPool } from '../plan-pool.js';
import { ChunkVolume, renderCutsHere, type ChunkPlan, type RenderCuts } from './chunk-volume.js';
import type { ListedChunk } from '../sources/level2-chunks.js';
import { objectBytes } from '../../store/objects/object-body.js';
import type { ObjectToPut } from '../../store/types.js';
import { encodeRecords, ldmRecord, volumeHeader, type EncodeOptions } from '../../test/fixtures/archive2-encoder.js';
import { moment, sweep31, T0, volume31, wideningVolume31 } from '../../test/level2/synthetic-volumes.js';
import { typedArrayDigest } from '../../test/level2/volume-digest.js';

const options = { renderSize: 64, ingestedAt: 5 };
const KEY = 'KLOT/1/20220317-000842';

/** The volume as the chunks bucket has it (start chunk: header + metadata record; then a record a chunk), and as its archived file. */
function chunked(o: EncodeOptions): { chunks: { listed: ListedChunk; bytes: Uint8Array }[]; archive: Uint8Array } {
  const records = encodeRecords(o).map((r, i, all) => ldmRecord(r, i === all.length - 1));
  const header = volumeHeader(o);
  const archive = Buffer.concat([header, ...records]);
  const bodies = [Buffer.concat([header, records[0]!]), ...records.slice(1)];
  const chunks = bodies.map((bytes, i) => {
    const type = i === 0 ? 'S' : i === bodies.length - 1 ? 'E' : 'I';
    const listed = { key: `${KEY}-${i + 1}-${type}`, site: 'KLOT', volumeNumber: 1, time: T0, stamp: '20220317-000842', seq: i + 1, type, size: bytes.length } as const;
    return { listed, bytes: new Uint8Array(bytes) };
  });
  return { chunks, archive: new Uint8Array(archive) };
}

/** Follows the chunks as the follower does; returns the commits' plans, the closed plan and how many cuts were rendered. */
async function follow(o: EncodeOptions, render: RenderCuts) {
  const { chunks, archive } = chunked(o);
  const volume = new ChunkVolume(KEY, T0);
  let rendered = 0;
  const counting: RenderCuts = (location, sweeps, size) => {
    rendered += sweeps.length;
    return render(location, sweeps, size);
  };
  const commits: ChunkPlan[] = [];
  for (const { listed, bytes } of chunks) {
    volume.push(listed, bytes);
    if (volume.newCuts().length > 0 && !volume.complete) {
      const p = await volume.plan(volume.sourceObject('test', 'open'), options, counting);
      volume.committed(p);
      commits.push(p);
    }
  }
  expect(volume.complete).toBe(true);
  const closed = await volume.plan(volume.sourceObject('test', 'closed'), options, counting);
  const file = { source: 'test', key: KEY, size: archive.length, fingerprint: 'closed' };
  return { volume, commits, closed, rendered, want: planArchiveII(archive, file, options) };
}

const digests = (objects: ObjectToPut[]) => new Map(objects.map((o) => [o.key, typedArrayDigest(objectBytes(o.body))]));

const eightCuts = volume31({
  radialsPerRecord: 10,
  sweeps31: [1, 2, 3, 4, 5, 6, 7, 8].map((n) => sweep31(n, 0.5 * n, 1, 30, T0 + n * 20_000, { REF: moment('REF', 30, 200, n), VEL: moment('VEL', 30, 200, 10 + n) })),
});

describe('ChunkVolume', () => {
  let pool: PlanPool;
  beforeAll(() => {
    pool = createPlanPool(1);
  });
  afterAll(() => pool.close());

  for (const [where, render] of [
    ['on the plan pool', () => pool.renderCuts],
    ['on this thread', () => renderCutsHere],
  ] as const) {
    it(`commits cut by cut and closes as the archived file is planned, rendering each cut once (${where})`, async () => {
      const { commits, closed, rendered, want } = await follow(eightCuts, render());
      expect(commits.length).toBeGreaterThan(4);
      // Each commit holds every complete cut so far, in order, with its rows numbered in order.
      for (const [i, c] of commits.entries()) {
        if (i > 0) expect(c.plan.sweeps.length).toBeGreaterThan(commits[i - 1]!.plan.sweeps.length);
        expect(c.plan.sweeps.map((s) => s.sweepIndex)).toEqual(c.plan.sweeps.map((_, k) => Math.floor(k / 2)));
        expect(c.plan.volume.sweepCount).toBe(c.plan.sweeps.length);
      }
      const facts = (p: { volume: object }) => {
        const { sourceKey: _k, sourceSize: _s, sourceFingerprint: _f, ...rest } = p.volume as Record<string, unknown>;
        return rest;
      };
      expect(facts(closed.plan)).toEqual(facts(want));
      expect(typedArrayDigest(closed.plan.sweeps)).toEqual(typedArrayDigest(want.sweeps));
      // What the commits wrote, each over the last, is the archived file's objects.
      const written = new Map([...commits.flatMap((c) => [...digests(c.changed)]), ...digests(closed.changed)]);
      expect(written).toEqual(digests(want.objects));
      // The close rendered only the cut no commit had: 8 cuts, 8 renders.
      expect(rendered).toBe(8);
      expect(digests(closed.plan.objects)).toEqual(digests(want.objects));
      expect(closed.changed.filter((o) => o.key.endsWith('.png')).length).toBe(2);
    });
  }

  it('renders a cut again when radials came after it was committed', async () => {
    const { closed, want } = await follow(wideningVolume31({ radialsPerRecord: 5 }), pool.renderCuts);
    expect(typedArrayDigest(closed.plan.sweeps)).toEqual(typedArrayDigest(want.sweeps));
    const closedObjects = digests(closed.plan.objects);
    for (const [key, digest] of digests(want.objects)) if (closedObjects.has(key)) expect(closedObjects.get(key)).toEqual(digest);
  });

  it('plans the closed volume again after a commit that failed: the grids stay with the volume', async () => {
    const { volume, closed } = await follow(eightCuts, pool.renderCuts);
    // Not marked committed (its objects or rows failed): the next pass plans it again.
    const again = await volume.plan(volume.sourceObject('test', 'closed'), options, pool.renderCuts);
    expect(typedArrayDigest(again)).toEqual(typedArrayDigest(closed));
  });
});
