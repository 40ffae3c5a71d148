import { Field, Int, ObjectType } from 'type-graphql';
import type { BackfillRequestRow, IngestFailureRow, IngestFlagRow, IngestSourceStatusRow } from '../../store/types.js';

const date = (t: number | null) => (t === null ? null : new Date(t));

@ObjectType({ description: 'One ingest daemon source (level2, level2-chunks, level3, gnss) as of its last pass.' })
export class IngestSourceStatus {
  @Field(() => String)
  name: string;

  @Field(() => Boolean, { description: 'Paused by pauseSource (or the ingest.paused flag pauses every source).' })
  paused: boolean;

  @Field(() => Boolean, { description: 'A pass is running now.' })
  running: boolean;

  @Field(() => Date, { nullable: true })
  lastRunAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'End of the last pass that had no error.' })
  lastSuccessAt: Date | null;

  @Field(() => String, { nullable: true })
  lastError: string | null;

  @Field(() => Date, { nullable: true })
  lastErrorAt: Date | null;

  @Field(() => Int, { description: 'Files listed but not yet ingested, as last counted.' })
  backlog: number;

  @Field(() => Int)
  ingestedCount: number;

  @Field(() => Int)
  skippedCount: number;

  @Field(() => Int)
  failedCount: number;
}

export function sourceStatusFromRow(r: IngestSourceStatusRow): IngestSourceStatus {
  return { ...r, lastRunAt: date(r.lastRunAt), lastSuccessAt: date(r.lastSuccessAt), lastErrorAt: date(r.lastErrorAt) };
}

@ObjectType({ description: 'A source file that failed to ingest: how often, why, and where its raw bytes were kept.' })
export class IngestFailure {
  @Field(() => String, { description: 'Source id, e.g. level2:unidata-nexrad-level2.' })
  source: string;

  @Field(() => String)
  key: string;

  @Field(() => Int)
  attempts: number;

  @Field(() => Date)
  firstFailedAt: Date;

  @Field(() => Date)
  lastFailedAt: Date;

  @Field(() => String, { description: 'TRUNCATED, CORRUPT, UNSUPPORTED, UNRECOGNIZED, SOURCE_UNAVAILABLE…' })
  errorCode: string;

  @Field(() => String)
  errorMessage: string;

  @Field(() => String, { nullable: true, description: 'Object key of the quarantined raw file; null while it is still being retried.' })
  quarantineKey: string | null;
}

export function failureFromRow(r: IngestFailureRow): IngestFailure {
  return { ...r, firstFailedAt: new Date(r.firstFailedAt), lastFailedAt: new Date(r.lastFailedAt) };
}

@ObjectType()
export class IngestFlag {
  @Field(() => String)
  name: string;

  @Field(() => String)
  value: string;

  @Field(() => Date)
  updatedAt: Date;
}

export function flagFromRow(r: IngestFlagRow): IngestFlag {
  return { ...r, updatedAt: new Date(r.updatedAt) };
}

@ObjectType({ description: 'A backfill the daemon runs (or ran) for one source over [from, to).' })
export class BackfillRequest {
  @Field(() => Int)
  id: number;

  @Field(() => String)
  source: string;

  @Field(() => Date)
  from: Date;

  @Field(() => Date)
  to: Date;

  @Field(() => Date)
  requestedAt: Date;

  @Field(() => Date, { nullable: true })
  startedAt: Date | null;

  @Field(() => Date, { nullable: true })
  finishedAt: Date | null;

  @Field(() => String, { nullable: true })
  error: string | null;
}

export function backfillFromRow(r: BackfillRequestRow): BackfillRequest {
  return { ...r, from: new Date(r.from), to: new Date(r.to), requestedAt: new Date(r.requestedAt), startedAt: date(r.startedAt), finishedAt: date(r.finishedAt) };
}

@ObjectType({ description: 'What the ingest daemon is doing: per-source status, failed files, flags, backfills.' })
export class IngestStatus {
  @Field(() => [IngestSourceStatus])
  sources: IngestSourceStatus[];

  @Field(() => [IngestFailure], { description: 'Most recent first.' })
  failures: IngestFailure[];

  @Field(() => [IngestFlag])
  flags: IngestFlag[];

  @Field(() => [BackfillRequest], { description: 'The 50 most recent, newest first.' })
  backfills: BackfillRequest[];

  @Field(() => Int, { description: 'Objects whose rows are gone and whose deletion is pending (retention, replaced sweeps).' })
  pendingObjectDeletions: number;
}
