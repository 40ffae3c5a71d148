import type { Logger } from 'pino';
import { asRadomeError } from '../../core/errors.js';
import { DEFAULT_RETRY, withRetry } from '../../core/retry.js';
import type { IngestContext } from '../ingest-object.js';
import { quarantineKeyFor } from '../ingest-object.js';
import type { Level2ChunksSource, ListedChunk } from '../sources/level2-chunks.js';
import { ownedPrefixesOf } from '../level2/plan.js';
import { deleteStaleObjects } from '../stale-objects.js';
import { ChunkVolume } from './chunk-volume.js';

/** A folder whose volume is done (closed, too old or broken) is looked at again this often, for reuse. */
const REPROBE_MS = 10 * 60_000;
/** A site's volume folders are listed again at least this often while a volume is followed. */
export const FOLDER_RELIST_MS = 60_000;

/** An open volume and the key of the last chunk read from it (the next listing starts after it). */
type Folder = { volume: ChunkVolume; after: string } | { doneKey: string; probedAt: number };

export interface ChunkPassResult {
  /** Commits made (each adds the cuts completed since the last). */
  ingested: number;
  skipped: number;
  failed: number;
  /** Volumes still open. */
  backlog: number;
}

/**
 * Follows the real-time chunks of radar sites. Each pass reads the chunks that follow on from the
 * last one read, and commits as soon as a cut is complete (its sweeps become queryable), then
 * closes the volume at its end chunk with the whole volume planned exactly as the archived file
 * would be. Chunk bytes are not kept, only decoded grids.
 *
 * Listing is incremental: while a site has an open volume, a pass lists only that volume's folder,
 * after the last chunk read (`StartAfter`); the site's folders are listed again when no volume is
 * open (one ended, failed or none started yet), and at least every FOLDER_RELIST_MS in case a new
 * volume began without the open one ending.
 */
export class ChunksFollower {
  private readonly folders = new Map<string, Folder>();
  private readonly siteFolders = new Map<string, { folders: string[]; listedAt: number }>();

  constructor(
    private readonly ctx: IngestContext,
    private readonly source: Level2ChunksSource,
  ) {}

  async pass(site: string, windowMinutes: number, signal?: AbortSignal): Promise<ChunkPassResult> {
    const now = Date.now();
    const result: ChunkPassResult = { ingested: 0, skipped: 0, failed: 0, backlog: 0 };
    const isOpen = (folder: string) => {
      const known = this.folders.get(folder);
      return known !== undefined && 'volume' in known;
    };
    const cached = this.siteFolders.get(site);
    const relist = !cached || now - cached.listedAt >= FOLDER_RELIST_MS || !cached.folders.some(isOpen);
    const folders = relist ? await this.source.volumeFolders(site) : cached.folders.filter(isOpen);
    if (relist) this.siteFolders.set(site, { folders, listedAt: now });
    for (const folder of folders) {
      if (signal?.aborted) break;
      const known = this.folders.get(folder);
      if (known && 'doneKey' in known && now - known.probedAt < REPROBE_MS) continue;
      const open = known && 'volume' in known ? known : null;
      const chunks = await this.source.chunks(folder, open?.after);
      if (open) {
        // Chunks of a later volume in the same folder: this one will not end; look at the folder afresh.
        const mine = chunks.filter((c) => `${folder}${c.stamp}` === open.volume.key);
        if (mine.length < chunks.length) this.folders.delete(folder);
        await this.follow(folder, open, mine, now, result, signal);
        continue;
      }
      if (chunks.length === 0) continue;
      const key = `${folder}${chunks[0]!.stamp}`;
      if (known && 'doneKey' in known && known.doneKey === key) {
        known.probedAt = now;
        continue;
      }
      if ((await this.ctx.catalog.reader.ingest.isIngested(this.source.id, key, 'closed')) || chunks[0]!.time < now - windowMinutes * 60_000) {
        this.folders.set(folder, { doneKey: key, probedAt: now });
        result.skipped++;
        continue;
      }
      const fresh = { volume: new ChunkVolume(key, chunks[0]!.time), after: '' };
      this.folders.set(folder, fresh);
      await this.follow(
        folder,
        fresh,
        chunks.filter((c) => c.stamp === chunks[0]!.stamp),
        now,
        result,
        signal,
      );
    }
    return result;
  }

  private async follow(folder: string, open: { volume: ChunkVolume; after: string }, chunks: ListedChunk[], now: number, result: ChunkPassResult, signal?: AbortSignal): Promise<void> {
    const outcome = await this.advance(open, chunks, signal);
    result[outcome]++;
    if (open.volume.complete || outcome === 'failed') this.folders.set(folder, { doneKey: open.volume.key, probedAt: now });
    else if (this.folders.get(folder) === open) result.backlog++;
  }

  /** Reads the volume's new chunks and commits what they completed. */
  private async advance(open: { volume: ChunkVolume; after: string }, chunks: ListedChunk[], signal?: AbortSignal): Promise<'ingested' | 'skipped' | 'failed'> {
    const { volume } = open;
    const log = this.ctx.log.child({ source: this.source.id, volume: volume.key });
    const retry = { signal, onRetry: (e: unknown, n: number) => log.warn({ retry: n, err: (e as Error).message }, 'chunk source call failed; retrying') };
    for (const chunk of volume.pending(chunks)) {
      if (signal?.aborted) return 'skipped';
      const bytes = await withRetry(() => this.source.fetch(chunk.key), this.ctx.retry ?? DEFAULT_RETRY, retry);
      try {
        volume.push(chunk, bytes);
        open.after = chunk.key;
      } catch (e) {
        await this.reject(chunk, bytes, asRadomeError(e, chunk.key), log);
        return 'failed';
      }
      // Commit as soon as a cut completes, before reading on: that is what makes a sweep
      // queryable seconds after its last chunk even when a backlog of chunks is waiting.
      if (volume.newCuts().length > 0 && !volume.complete) await this.commit(volume, 'open', log);
    }
    if (volume.complete) {
      await this.commit(volume, 'closed', log);
      return 'ingested';
    }
    return 'skipped';
  }

  private async commit(volume: ChunkVolume, state: 'open' | 'closed', log: Logger): Promise<void> {
    const file = volume.sourceObject(this.source.id, state);
    const at = Date.now();
    const planned = await volume.plan(file, { renderSize: this.ctx.renderSize, ingestedAt: at }, this.ctx.renderCuts);
    const { plan } = planned;
    const policy = this.ctx.retry ?? DEFAULT_RETRY;
    await withRetry(() => this.ctx.objects.putMany(planned.changed), policy, { signal: this.ctx.signal });
    const { catalog } = this.ctx;
    const rewritten = (await catalog.reader.radar.volumesByIds([plan.volume.id]))[0] !== null;
    const row = { source: file.source, key: file.key, fingerprint: file.fingerprint, size: file.size, ingestedAt: at };
    await catalog.writer.transaction(async (tx) => {
      await tx.writer.retention.commitDoomingReplaced('level2', plan.volume.id, at, (writer) => writer.radar.commitVolume({ file: row, site: plan.site, volume: plan.volume, sweeps: plan.sweeps }));
      if (state === 'closed') await tx.writer.ingest.forgetSourceFile(file.source, file.key, 'open');
    });
    for (const prefix of rewritten && planned.mayLeaveStale ? ownedPrefixesOf(plan.volume) : []) {
      await deleteStaleObjects(this.ctx.objects, prefix, plan.objects).catch((e: unknown) => log.warn({ err: (e as Error).message, prefix }, 'could not delete stale objects'));
    }
    volume.committed(planned);
    log.info({ id: plan.volume.id, sweeps: plan.sweeps.length, state }, `${state === 'closed' ? 'closed' : 'updated'} real-time volume ${plan.volume.id}: ${plan.sweeps.length} sweeps`);
  }

  /** An undecodable chunk: recorded and quarantined; the volume is given up. */
  private async reject(chunk: ListedChunk, bytes: Uint8Array, error: ReturnType<typeof asRadomeError>, log: Logger): Promise<void> {
    const object = { source: this.source.id, key: chunk.key, size: chunk.size, fingerprint: `size:${chunk.size}` };
    let quarantineKey: string | null = quarantineKeyFor(object);
    try {
      await this.ctx.objects.put(quarantineKey, bytes, 'application/octet-stream');
    } catch {
      quarantineKey = null;
    }
    await this.ctx.catalog.writer.ingest.recordFailure({ ...object, code: error.code, message: error.message, quarantineKey, at: Date.now() });
    log.warn({ code: error.code, quarantineKey }, error.message);
  }
}
