import { timingSafeEqual } from 'node:crypto';
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { SOURCE_NAMES } from '../../core/daemon-config.js';
import { RadomeError } from '../../core/errors.js';
import { checkFlagName, validateIngestFlag } from '../../ingest/flags.js';
import { Catalog } from '../../store/catalog/index.js';
import type { RadomeContext } from '../context.js';
import { apiError } from '../errors.js';
import {
  BackfillRequest,
  backfillFromRow,
  failureFromRow,
  flagFromRow,
  IngestFlag,
  IngestSourceStatus,
  IngestStatus,
  sourceStatusFromRow,
} from '../types/ingest-status.js';

interface IngestAdmin {
  catalogPath: string;
  /** RADOME_ADMIN_TOKEN; without one every mutation here is refused. */
  adminToken?: string;
}

let admin: IngestAdmin | undefined;
let writer: Catalog | undefined;

/**
 * Where the ingest status lives and who may change it. The server's own catalog handle is
 * read-only; status writes (pause, flags, backfill requests) go through a writable connection of
 * their own, opened on first use; the daemon (maybe another process) reads them at every pass.
 */
export function configureIngestAdmin(options: IngestAdmin): () => void {
  admin = options;
  return () => {
    writer?.close();
    writer = undefined;
    admin = undefined;
  };
}

function catalog(): Catalog {
  if (!admin) throw new RadomeError('CONFIG', 'ingest status is not available on this server (no catalog configured for it)');
  writer ??= Catalog.open(admin.catalogPath);
  return writer;
}

function requireAdmin(ctx: RadomeContext): void {
  const expected = admin?.adminToken;
  const given = /^Bearer\s+(.+)$/i.exec(ctx.authorization ?? '')?.[1]?.trim();
  const ok = expected !== undefined && given !== undefined && given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
  if (!ok) {
    throw apiError('UNAUTHENTICATED', expected === undefined ? 'ingest control is disabled: the server has no RADOME_ADMIN_TOKEN' : 'this mutation needs Authorization: Bearer <RADOME_ADMIN_TOKEN>');
  }
}

function sourceName(source: string): string {
  if (!(SOURCE_NAMES as readonly string[]).includes(source)) throw new RadomeError('BAD_INPUT', `source ${JSON.stringify(source)} is not one of ${SOURCE_NAMES.join(', ')}`);
  return source;
}

@Resolver()
export class IngestStatusResolver {
  @Query(() => IngestStatus, { description: 'The ingest daemon: per-source last run, success, error, pause state, backlog and counts; failed files; flags; backfills.' })
  ingestStatus(): IngestStatus {
    const c = catalog();
    return {
      sources: c.listSourceStatus().map(sourceStatusFromRow),
      failures: c.listFailures().map(failureFromRow),
      flags: c.listIngestFlags().map(flagFromRow),
      backfills: c.listBackfills(50).map(backfillFromRow),
      pendingObjectDeletions: c.doomedCount(),
    };
  }

  @Mutation(() => IngestSourceStatus, { description: 'Pauses a daemon source from its next pass on. Needs the admin token.' })
  pauseSource(@Arg('source', () => String) source: string, @Ctx() ctx: RadomeContext): IngestSourceStatus {
    requireAdmin(ctx);
    return sourceStatusFromRow(catalog().setSourcePaused(sourceName(source), true));
  }

  @Mutation(() => IngestSourceStatus, { description: 'Resumes a paused daemon source. Needs the admin token.' })
  resumeSource(@Arg('source', () => String) source: string, @Ctx() ctx: RadomeContext): IngestSourceStatus {
    requireAdmin(ctx);
    return sourceStatusFromRow(catalog().setSourcePaused(sourceName(source), false));
  }

  @Mutation(() => BackfillRequest, { description: 'Queues a backfill of [from, to) for the daemon to run after its next pass of the source. Needs the admin token.' })
  requestBackfill(
    @Arg('source', () => String) source: string,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Ctx() ctx: RadomeContext,
  ): BackfillRequest {
    requireAdmin(ctx);
    if (!(from.getTime() < to.getTime())) throw new RadomeError('BAD_INPUT', 'requestBackfill: from must be before to');
    return backfillFromRow(catalog().requestBackfill(sourceName(source), from.getTime(), to.getTime(), Date.now()));
  }

  @Mutation(() => IngestFlag, { nullable: true, description: 'Sets a daemon flag (null value removes it); returns it, or null when removed. Needs the admin token.' })
  setIngestFlag(@Arg('name', () => String) name: string, @Arg('value', () => String, { nullable: true }) value: string | null, @Ctx() ctx: RadomeContext): IngestFlag | null {
    requireAdmin(ctx);
    const checked = value === null ? null : validateIngestFlag(name, value);
    if (checked === null) checkFlagName(name);
    const row = catalog().setIngestFlag(name, checked, Date.now());
    return row && flagFromRow(row);
  }
}
