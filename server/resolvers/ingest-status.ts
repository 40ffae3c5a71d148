import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { SOURCE_NAMES } from '../../core/source-settings.js';
import { RadomeError } from '../../core/errors.js';
import { checkFlagName, validateIngestFlag } from '../../core/ingest-flags.js';
import type { RadomeContext } from '../context.js';
import type { IngestAdmin } from '../ingest-admin.js';
import { BackfillRequest, backfillFromRow, failureFromRow, flagFromRow, IngestFlag, IngestSourceStatus, IngestStatus, sourceStatusFromRow } from '../types/ingest-status.js';

/** The server's ingest admin, or CONFIG when this server was built without one. */
function adminOf(ctx: RadomeContext): IngestAdmin {
  if (!ctx.ingestAdmin) throw new RadomeError('CONFIG', 'ingest status is not available on this server (no catalog configured for it)');
  return ctx.ingestAdmin;
}

function sourceName(source: string): string {
  if (!(SOURCE_NAMES as readonly string[]).includes(source)) throw new RadomeError('BAD_INPUT', `source ${JSON.stringify(source)} is not one of ${SOURCE_NAMES.join(', ')}`);
  return source;
}

@Resolver()
export class IngestStatusResolver {
  @Query(() => IngestStatus, {
    description: 'The ingest daemon: per-source last run, pause state, backlog and counts; failed-file counts; flags; backfills. With the admin token also failed files and error messages.',
  })
  async ingestStatus(@Ctx() ctx: RadomeContext): Promise<IngestStatus> {
    const admin = adminOf(ctx);
    const c = await admin.status();
    const adminView = admin.isAdmin(ctx.authorization);
    const [{ failed, quarantined }, sources, failures, flags, backfills, pendingObjectDeletions] = await Promise.all([
      c.failureCounts(),
      c.sources(),
      adminView ? c.failures() : null,
      c.flags(),
      c.backfills(50),
      c.doomedCount(),
    ]);
    return {
      adminView,
      sources: sources.map((r) => sourceStatusFromRow(r, adminView)),
      failedFiles: failed,
      quarantinedFiles: quarantined,
      failures: failures?.map(failureFromRow) ?? null,
      flags: flags.map(flagFromRow),
      backfills: backfills.map((r) => backfillFromRow(r, adminView)),
      pendingObjectDeletions,
    };
  }

  @Mutation(() => IngestSourceStatus, { description: 'Pauses a daemon source from its next pass on. Needs the admin token.' })
  async pauseSource(@Arg('source', () => String) source: string, @Ctx() ctx: RadomeContext): Promise<IngestSourceStatus> {
    adminOf(ctx).requireAdmin(ctx.authorization);
    return sourceStatusFromRow(await (await adminOf(ctx).control()).setSourcePaused(sourceName(source), true), true);
  }

  @Mutation(() => IngestSourceStatus, { description: 'Resumes a paused daemon source. Needs the admin token.' })
  async resumeSource(@Arg('source', () => String) source: string, @Ctx() ctx: RadomeContext): Promise<IngestSourceStatus> {
    adminOf(ctx).requireAdmin(ctx.authorization);
    return sourceStatusFromRow(await (await adminOf(ctx).control()).setSourcePaused(sourceName(source), false), true);
  }

  @Mutation(() => BackfillRequest, { description: 'Queues a backfill of [from, to) for the daemon to run after its next pass of the source. Needs the admin token.' })
  async requestBackfill(@Arg('source', () => String) source: string, @Arg('from', () => Date) from: Date, @Arg('to', () => Date) to: Date, @Ctx() ctx: RadomeContext): Promise<BackfillRequest> {
    adminOf(ctx).requireAdmin(ctx.authorization);
    if (!(from.getTime() < to.getTime())) throw new RadomeError('BAD_INPUT', 'requestBackfill: from must be before to');
    return backfillFromRow(await (await adminOf(ctx).control()).requestBackfill(sourceName(source), from.getTime(), to.getTime(), Date.now()), true);
  }

  @Mutation(() => IngestFlag, { nullable: true, description: 'Sets a daemon flag (null value removes it); returns it, or null when removed. Needs the admin token.' })
  async setIngestFlag(@Arg('name', () => String) name: string, @Arg('value', () => String, { nullable: true }) value: string | null, @Ctx() ctx: RadomeContext): Promise<IngestFlag | null> {
    adminOf(ctx).requireAdmin(ctx.authorization);
    const checked = value === null ? null : validateIngestFlag(name, value);
    if (checked === null) checkFlagName(name);
    const row = await (await adminOf(ctx).control()).setFlag(name, checked, Date.now());
    return row && flagFromRow(row);
  }
}
