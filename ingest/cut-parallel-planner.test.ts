// `radome ingest files` writes a new volume's objects as its cuts are rendered (WriteAhead): the
// plan must still be planArchiveII's to the byte, every object it names as written ahead must be in
// the store as the plan has it, and nothing else may be left in the store: not a sweep group
// numbered otherwise than guessed, not the objects of a file that failed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openCatalog } from '../store/catalog/open-catalog.js';
import type { Catalog } from '../store/catalog/index.js';
import { FileObjectStore } from '../store/objects/file-store.js';
import { createCutParallelPlanner, type CutParallelPlanner } from './cut-parallel-planner.js';
import { createLevel2Pool } from './level2/parallel-decode.js';
import { planArchiveII } from './level2/plan.js';
import type { IngestPlan } from './plan-types.js';
import { encodeArchiveII, type EncodeOptions } from '../test/fixtures/archive2-encoder.js';
import { moment, sweep31, T0, volume31 } from '../test/level2/synthetic-volumes.js';
import { typedArrayDigest } from '../test/level2/volume-digest.js';

const options = { renderSize: 64, ingestedAt: 5 };
const fileOf = (bytes: Uint8Array) => ({ source: 'test', key: 'KLOT20220317_000842_V06', size: bytes.length, fingerprint: 'f' });

/** Cuts in file order with these elevation numbers, each with REF, and ZDR on the ones named. */
function cutsNumbered(numbers: number[], withZdr: number[] = []): EncodeOptions {
  return volume31({
    radialsPerRecord: 10,
    sweeps31: numbers.map((n, k) => sweep31(n, 0.5 * n, 1, 30, T0 + k * 20_000, { REF: moment('REF', 30, 200, n), ...(withZdr.includes(n) ? { ZDR: moment('ZDR', 30, 200, 20 + n) } : {}) })),
  });
}

async function storedKeys(store: FileObjectStore): Promise<string[]> {
  const keys: string[] = [];
  for await (const o of store.list('')) keys.push(o.key);
  return keys.sort();
}

describe('CutParallelPlanner.writingAhead', () => {
  let planner: CutParallelPlanner;
  let dir: string;
  let store: FileObjectStore;
  let catalog: Catalog;
  beforeAll(() => {
    planner = createCutParallelPlanner(createLevel2Pool(1));
  });
  afterAll(() => planner.close());
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'radome-write-ahead-'));
    store = new FileObjectStore(join(dir, 'objects'), { durable: false });
    catalog = await openCatalog(':memory:');
  });
  afterEach(async () => {
    await catalog.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function planWritingAhead(volume: EncodeOptions): Promise<{ plan: IngestPlan; want: ReturnType<typeof planArchiveII> }> {
    const bytes = encodeArchiveII(volume);
    const want = planArchiveII(bytes, fileOf(bytes), options);
    const outcome = await planner.writingAhead(store, catalog.reader)(bytes, fileOf(bytes), options);
    if ('error' in outcome) throw outcome.error;
    return { plan: outcome.plan, want };
  }

  async function expectWrittenAsPlanned(plan: IngestPlan): Promise<void> {
    const planned = new Map(plan.objects.map((o) => [o.key, o]));
    for (const o of plan.writtenAhead ?? []) expect(Buffer.from((await store.get(o.key))!.body).equals(o.body), o.key).toBe(true);
    // Nothing in the store that the plan does not have.
    for (const key of await storedKeys(store)) expect(planned.has(key), key).toBe(true);
  }

  it("writes a new volume's cuts ahead; its plan is planArchiveII's", async () => {
    const { plan, want } = await planWritingAhead(cutsNumbered([1, 2, 3, 4, 5, 6, 7, 8], [3, 6]));
    expect(typedArrayDigest(plan.objects)).toEqual(typedArrayDigest(want.objects));
    // The cuts' objects as they were rendered, the rest once the volume was planned: all of them are in the store before the plan is returned.
    expect(plan.writtenAhead!.size).toBe(plan.objects.length);
    await expectWrittenAsPlanned(plan);
  });

  it('writes again what it numbered otherwise than the plan, and deletes what the plan does not have', async () => {
    // Cut 3 ends before cut 2: both were guessed to be sweep_1; cut 3's ZDR there is not the plan's.
    const { plan, want } = await planWritingAhead(cutsNumbered([1, 3, 2, 4], [3]));
    expect(typedArrayDigest(plan.objects)).toEqual(typedArrayDigest(want.objects));
    expect(plan.writtenAhead!.size).toBe(plan.objects.length);
    await expectWrittenAsPlanned(plan);
    expect(await store.get('radar/level2/KLOT/2022/03/17/KLOT20220317_000842.zarr/sweep_1/ZDR/.zarray')).toBeNull();
  });

  it('writes nothing ahead of a volume the catalog holds already', async () => {
    const bytes = encodeArchiveII(cutsNumbered([1, 2, 3, 4]));
    const first = await planner.planFile(bytes, fileOf(bytes), options);
    if ('error' in first) throw first.error;
    await catalog.writer.retention.commitDoomingReplaced('level2', first.plan.id, 5, (w) => first.plan.commit(w, { ...fileOf(bytes), ingestedAt: 5 }));
    const { plan } = await planWritingAhead(cutsNumbered([1, 2, 3, 4]));
    expect(plan.writtenAhead?.size).toBe(0);
    expect(await storedKeys(store)).toEqual([]);
  });

  it('leaves nothing in the store of a file that fails after cuts were written', async () => {
    const good = encodeArchiveII(cutsNumbered([1, 2, 3, 4, 5, 6, 7, 8]));
    const bad = good.slice(0, good.length - 200);
    const outcome = await planner.writingAhead(store, catalog.reader)(bad, fileOf(bad), options);
    expect('error' in outcome && outcome.error.code).toBeTruthy();
    expect(await storedKeys(store)).toEqual([]);
  });
});
