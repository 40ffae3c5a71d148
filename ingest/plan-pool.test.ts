// The plan pool hands a thread its next task before the current one ends; tasks on one thread
// share its grid pool, so each must still plan exactly as the whole decoded volume plans.
import { afterAll, describe, expect, it } from 'vitest';
import { decodeArchiveII } from './decode/level2/index.js';
import { level2IngestPlanOf, planLevel2Volume } from './level2/plan.js';
import { createPlanPool } from './plan-pool.js';
import type { IngestPlan, PlanOutcome } from './plan-types.js';
import { objectBytes } from '../store/objects/object-body.js';
import planFileTask from './plan-worker.js';
import { encodeArchiveII } from '../test/fixtures/archive2-encoder.js';
import { moment, sweep31, T0, volume31, wideningVolume31 } from '../test/level2/synthetic-volumes.js';

const options = { renderSize: 64, ingestedAt: 0 };
const volumes = [
  encodeArchiveII(volume31()),
  encodeArchiveII(wideningVolume31()),
  encodeArchiveII(volume31({ sweeps31: [sweep31(1, 0.48, 0.5, 20, T0, { REF: moment('REF', 20, 160, 7) }), sweep31(2, 0.88, 1, 30, T0 + 20_000, { VEL: moment('VEL', 30, 70, 10) })] })),
];

function objectsOf(plan: IngestPlan): [string, string, number[]][] {
  return plan.objects.map((o) => [o.key, o.contentType, [...objectBytes(o.body)]]);
}

function planOf(outcome: PlanOutcome): IngestPlan {
  if ('error' in outcome) throw outcome.error;
  return outcome.plan;
}

const object = (key: string, size: number) => ({ source: 'test', key, size, fingerprint: key });

describe('createPlanPool', () => {
  const pool = createPlanPool(1);
  afterAll(() => pool.close());

  it('plans volumes queued together on one thread as each whole decoded volume plans', async () => {
    const files = [...volumes, ...volumes].map((bytes, i) => ({ bytes, object: { source: 'test', key: `v${i}`, size: bytes.length, fingerprint: `f${i}` } }));
    // Copies go to the pool: what it is handed is its own.
    const pooled = (await Promise.all(files.map((f) => pool.planFile(f.bytes.slice(), f.object, options)))).map(planOf);
    for (const [i, f] of files.entries()) {
      const inThread = level2IngestPlanOf(planLevel2Volume(decodeArchiveII(f.bytes), f.object, options));
      expect(pooled[i]!.id).toBe(inThread.id);
      expect(objectsOf(pooled[i]!)).toEqual(objectsOf(inThread));
    }
  });

  it('a task runs start to end without yielding, so two on one thread never share its grids', () => {
    const result = planFileTask({ bytes: volumes[0]!, object: { source: 'test', key: 'v', size: volumes[0]!.length, fingerprint: 'f' }, options });
    expect(result).not.toBeInstanceOf(Promise);
    expect(result).toMatchObject({ kind: 'plan', format: 'level2' });
  });

  it('an undecodable file fails with its code and its bytes back, while the thread goes on with the next', async () => {
    const bad = new Uint8Array(64).fill(7);
    const [failed, planned] = await Promise.all([pool.planFile(bad, object('bad', 64), options), pool.planFile(volumes[0]!.slice(), object('good', volumes[0]!.length), options)]);
    expect('error' in failed && failed.error.code).toBe('UNRECOGNIZED');
    // The pool took the caller's bytes; the failure returns them for quarantine.
    expect(bad.byteLength).toBe(0);
    expect('bytes' in failed && [...failed.bytes!]).toEqual(Array(64).fill(7));
    expect(planOf(planned).kind).toBe('level2');
  });

  it('moves bytes that span their whole buffer to the thread, and copies a view into a larger one', async () => {
    const whole = volumes[0]!.slice();
    expect(planOf(await pool.planFile(whole, object('whole', volumes[0]!.length), options)).kind).toBe('level2');
    expect(whole.byteLength).toBe(0); // moved, not copied: the caller holds none of it any more

    const larger = new Uint8Array(volumes[0]!.length + 16);
    larger.set(volumes[0]!, 8);
    const view = larger.subarray(8, 8 + volumes[0]!.length);
    expect(planOf(await pool.planFile(view, object('view', view.length), options)).kind).toBe('level2');
    expect(view.byteLength).toBe(volumes[0]!.length); // the rest of its buffer is not the pool's to take
    expect([...view.subarray(0, 32)]).toEqual([...volumes[0]!.subarray(0, 32)]);
  });
});
