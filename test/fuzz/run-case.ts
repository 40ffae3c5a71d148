// One fuzz case, run the way radome runs a file: through ingestObject (decode, render, plan,
// reconcile, objects, catalog rows) into a real SQLite catalog and an in-memory object store, or,
// for real-time chunks, through the ChunksFollower. GNSS station-days are read back from their
// Parquet objects and ingested a second time (the merge path). Untyped failures are caught where
// radome would wrap them into a RadomeError, so they are seen as the bugs they are.
import { pino } from 'pino';
import { asRadomeError, isRadomeError, type RadomeError } from '../../core/errors.js';
import type { RetryPolicy } from '../../core/retry.js';
import { ingestObject, type IngestContext } from '../../ingest/ingest-object.js';
import { ingestPlanOf, planRadomeFile } from '../../ingest/plan-file.js';
import type { IngestPlan, PlanOutcome } from '../../ingest/plan-types.js';
import { ChunkVolume } from '../../ingest/realtime/chunk-volume.js';
import { ChunksFollower } from '../../ingest/realtime/follow-chunks.js';
import { parseLevel2ChunkKey } from '../../ingest/sources/level2-chunk-keys.js';
import type { Level2ChunksSource, ListedChunk } from '../../ingest/sources/level2-chunks.js';
import type { SourceObject } from '../../ingest/sources/types.js';
import { type Catalog, openCatalog } from '../../store/catalog/index.js';
import { decodeSnrParquet } from '../../store/gnss/snr-parquet.js';
import { objectBytes } from '../../store/objects/object-body.js';
import type { ObjectHead, ObjectStore, ObjectSummary, ObjectToPut, StoredObject } from '../../store/types.js';
import type { FuzzInput } from './seeds.js';
import { level2ChunkKeyFor } from '../support/bucket-keys.js';

export type CaseStatus = 'ingested' | 'pending' | 'typed' | 'untyped';

export interface CaseOutcome {
  status: CaseStatus;
  /** RadomeError code of a typed failure. */
  code?: string;
  message?: string;
  /** Stack of an untyped failure. */
  stack?: string;
}

/** Objects in memory (nothing stubbed: put, get and list behave as the real stores do). */
class MemoryObjectStore implements ObjectStore {
  readonly url = 'memory:';
  private readonly objects = new Map<string, StoredObject>();

  async put(key: string, body: Uint8Array, contentType: string): Promise<void> {
    this.objects.set(key, { key, body: body.slice(), contentType, size: body.length, etag: `"${key.length}-${body.length}"`, lastModified: new Date() });
  }
  async putMany(objects: readonly ObjectToPut[]): Promise<void> {
    for (const o of objects) await this.put(o.key, objectBytes(o.body), o.contentType);
  }
  async get(key: string): Promise<StoredObject | null> {
    return this.objects.get(key) ?? null;
  }
  async head(key: string): Promise<ObjectHead | null> {
    const o = this.objects.get(key);
    return o ? { key, size: o.size, contentType: o.contentType, etag: o.etag, lastModified: o.lastModified } : null;
  }
  async delete(keys: string[]): Promise<void> {
    for (const k of keys) this.objects.delete(k);
  }
  async *list(prefix: string): AsyncIterable<ObjectSummary> {
    for (const o of [...this.objects.values()].sort((a, b) => (a.key < b.key ? -1 : 1))) {
      if (o.key.startsWith(prefix)) yield { key: o.key, size: o.size, etag: o.etag, lastModified: o.lastModified };
    }
  }
}

/** No retries: the memory store never fails, and a retried bad file would only cost time. */
const NO_RETRY: RetryPolicy = { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 };

/** A failure that is a bug, not a verdict on the input: not a RadomeError, or one wrapping an engine error. */
export function isUntyped(e: unknown): boolean {
  if (!isRadomeError(e)) return true;
  for (let c: unknown = e.cause; c; c = (c as { cause?: unknown }).cause) {
    if (c instanceof TypeError || c instanceof RangeError || c instanceof ReferenceError || c instanceof SyntaxError) return true;
    if (isRadomeError(c)) continue;
    break;
  }
  return false;
}

/** Records the first untyped failure seen while a case runs (radome wraps them; the fuzzer must see them raw). */
class FailureWatch {
  first: unknown = null;
  /** The last typed failure (a rejected chunk's, say). */
  typed: RadomeError | null = null;
  note(e: unknown): void {
    if (this.first === null && isUntyped(e)) this.first = e;
    else if (isRadomeError(e)) this.typed = e;
  }
  outcome(): CaseOutcome | null {
    if (this.first === null) return null;
    const e = this.first;
    return { status: 'untyped', message: e instanceof Error ? `${e.name}: ${e.message}` : String(e), stack: e instanceof Error ? e.stack : undefined };
  }
}

let watch = new FailureWatch();

// Chunk pushes are wrapped by the follower (asRadomeError); watch them before it does.
const push = ChunkVolume.prototype.push;
ChunkVolume.prototype.push = function watchedPush(this: ChunkVolume, ...args: Parameters<ChunkVolume['push']>) {
  try {
    push.apply(this, args);
  } catch (e) {
    watch.note(e);
    throw e;
  }
};

function context(catalog: Catalog, objects: ObjectStore, renderSize: number): IngestContext {
  return {
    catalog,
    objects,
    renderSize,
    log: pino({ level: 'silent' }),
    retry: NO_RETRY,
    planFile: async (bytes, object, options): Promise<PlanOutcome> => {
      try {
        return { plan: watched(ingestPlanOf(planRadomeFile(bytes, object, options))) };
      } catch (e) {
        watch.note(e);
        return { error: asRadomeError(e, object.key), bytes };
      }
    },
  };
}

/** The plan with its reconcile and commit watched (ingestObject wraps what they throw). */
function watched(plan: IngestPlan): IngestPlan {
  const { reconcile, commit } = plan;
  return {
    ...plan,
    reconcile: reconcile
      ? async (stored) => {
          try {
            await reconcile.call(plan, stored);
          } catch (e) {
            watch.note(e);
            throw e;
          }
        }
      : undefined,
    commit: async (writer, file) => {
      try {
        await commit.call(plan, writer, file);
      } catch (e) {
        watch.note(e);
        throw e;
      }
    },
  };
}

async function ingestFile(input: Extract<FuzzInput, { kind: 'file' }>, renderSize: number): Promise<CaseOutcome> {
  const catalog = await openCatalog(':memory:');
  const objects = new MemoryObjectStore();
  try {
    const ctx = context(catalog, objects, renderSize);
    const ingestAs = async (key: string) => {
      const object: SourceObject = { source: 'fuzz', key, size: input.bytes.length, fingerprint: `size:${input.bytes.length}` };
      return ingestObject(ctx, { id: 'fuzz', fetch: async () => input.bytes.slice() }, object);
    };
    const first = await ingestAs(input.name);
    if (first.status === 'failed') return { status: 'typed', code: first.error.code, message: first.error.message };
    if (first.status !== 'ingested') return { status: 'pending' };
    if (first.kind === 'gnss') {
      // Read every station-day back, as the server does, then merge the same file in again (under
      // another folder: a gnssrefl SNR file's date is in its name, which must stay whole).
      for await (const o of objects.list('gnss/')) await decodeSnrParquet((await objects.get(o.key))!.body, o.key);
      const again = await ingestAs(`again/${input.name}`);
      if (again.status === 'failed') return { status: 'typed', code: again.error.code, message: `merging again: ${again.error.message}` };
      for await (const o of objects.list('gnss/')) await decodeSnrParquet((await objects.get(o.key))!.body, o.key);
    }
    return { status: 'ingested' };
  } finally {
    await catalog.close();
  }
}

async function followChunks(input: Extract<FuzzInput, { kind: 'chunks' }>, renderSize: number): Promise<CaseOutcome> {
  const catalog = await openCatalog(':memory:');
  const time = Date.UTC(2026, 7, 11, 22, 58, 58);
  const listed: ListedChunk[] = input.chunks.map((bytes, i) => {
    const key = level2ChunkKeyFor('KLOT', 1, time, i + 1, i === 0 ? 'S' : i === input.chunks.length - 1 ? 'E' : 'I');
    return { ...parseLevel2ChunkKey(key)!, key, size: bytes.length };
  });
  const bodies = new Map(listed.map((c, i) => [c.key, input.chunks[i]!]));
  // The chunks bucket's interface over memory (the class's S3 reader is the only thing not used).
  const source = {
    id: 'fuzz-chunks',
    volumeFolders: async () => ['KLOT/1/'],
    chunks: async () => listed,
    fetch: async (key: string) => bodies.get(key)!.slice(),
  } as unknown as Level2ChunksSource;
  try {
    const follower = new ChunksFollower(context(catalog, new MemoryObjectStore(), renderSize), source);
    const result = await follower.pass('KLOT', 1e9);
    if (result.failed > 0) return { status: 'typed', code: watch.typed?.code ?? 'UNKNOWN', message: watch.typed?.message };
    return { status: result.ingested > 0 ? 'ingested' : 'pending' };
  } finally {
    await catalog.close();
  }
}

/** Runs one input; resolves with its outcome (a thrown untyped failure becomes status 'untyped'). */
export async function runCase(input: FuzzInput, renderSize = 64): Promise<CaseOutcome> {
  watch = new FailureWatch();
  let outcome: CaseOutcome;
  try {
    outcome = input.kind === 'file' ? await ingestFile(input, renderSize) : await followChunks(input, renderSize);
  } catch (e) {
    watch.note(e);
    outcome = isRadomeError(e) ? { status: 'typed', code: e.code, message: e.message } : { status: 'untyped', message: String(e) };
  }
  return watch.outcome() ?? outcome;
}
