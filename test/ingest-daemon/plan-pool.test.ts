// The plan pool hands a thread its next task before the current one ends; tasks on one thread
// share its grid pool, so each must still plan exactly as the calling thread does.
import { afterAll, describe, expect, it } from 'vitest';
import { decodeRadomeFile } from '../../ingest/decode/detect.js';
import { planIngest } from '../../ingest/plan-ingest.js';
import { createPlanPool } from '../../ingest/plan-pool.js';
import type { IngestPlan } from '../../ingest/plan-types.js';
import planFileTask from '../../ingest/plan-worker.js';
import { encodeArchiveII } from '../fixtures/archive2-encoder.js';
import { moment, sweep31, T0, volume31, wideningVolume31 } from '../level2/synthetic-volumes.js';

const options = { renderSize: 64, ingestedAt: 0 };
const volumes = [
  encodeArchiveII(volume31()),
  encodeArchiveII(wideningVolume31()),
  encodeArchiveII(volume31({ sweeps31: [sweep31(1, 0.48, 0.5, 20, T0, { REF: moment('REF', 20, 160, 7) }), sweep31(2, 0.88, 1, 30, T0 + 20_000, { VEL: moment('VEL', 30, 70, 10) })] })),
];

function objectsOf(plan: IngestPlan): [string, string, number[]][] {
  return plan.objects.map((o) => [o.key, o.contentType, [...o.body]]);
}

describe('createPlanPool', () => {
  const pool = createPlanPool(1);
  afterAll(() => pool.close());

  it('plans files queued together on one thread as the calling thread plans each', async () => {
    const files = [...volumes, ...volumes].map((bytes, i) => ({ bytes, object: { source: 'test', key: `v${i}`, size: bytes.length, fingerprint: `f${i}` } }));
    // Copies go to the pool: what it is handed is its own.
    const pooled = await Promise.all(files.map((f) => pool.planFile(f.bytes.slice(), f.object, options)));
    for (const [i, f] of files.entries()) {
      const inThread = planIngest(decodeRadomeFile(f.bytes), f.object, options);
      expect(pooled[i]!.id).toBe(inThread.id);
      expect(objectsOf(pooled[i]!)).toEqual(objectsOf(inThread));
    }
  });

  it('a task runs start to end without yielding, so two on one thread never share its grids', () => {
    const result = planFileTask({ bytes: volumes[0]!, object: { source: 'test', key: 'v', size: volumes[0]!.length, fingerprint: 'f' }, options });
    expect(result).not.toBeInstanceOf(Promise);
    expect(result.kind).toBe('level2');
  });

  it('an undecodable file fails with its code while the thread goes on with the next', async () => {
    const bad = new Uint8Array(64).fill(7);
    const object = (key: string, size: number) => ({ source: 'test', key, size, fingerprint: key });
    const [failed, planned] = await Promise.allSettled([pool.planFile(bad, object('bad', 64), options), pool.planFile(volumes[0]!.slice(), object('good', volumes[0]!.length), options)]);
    expect(failed.status).toBe('rejected');
    expect((failed as PromiseRejectedResult).reason).toMatchObject({ code: expect.any(String) });
    expect(planned.status).toBe('fulfilled');
  });
});
