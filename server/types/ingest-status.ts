// The ingest daemon's status as the API shows it. Anyone sees states and counts; what a failure
// says (messages, file keys, quarantine keys) goes to the admin token only, and no view shows an
// absolute server path: a local file is named by its folder and its name.
import { Field, Int, ObjectType } from 'type-graphql';
import type { BackfillRequestRow, IngestFailureRow, IngestFlagRow, IngestSourceStatusRow } from '../../store/catalog/index.js';
import { folderAndName, redactServerPaths } from '../redact.js';

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

  @Field(() => String, { nullable: true, description: 'Why the last pass failed. Admin token only: null without it.' })
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

/** `admin`: the caller gave the admin token, and sees the last error (paths redacted). */
export function sourceStatusFromRow(r: IngestSourceStatusRow, admin: boolean): IngestSourceStatus {
  const lastError = admin && r.lastError !== null ? redactServerPaths(r.lastError) : null;
  return { ...r, lastError, lastRunAt: date(r.lastRunAt), lastSuccessAt: date(r.lastSuccessAt), lastErrorAt: date(r.lastErrorAt) };
}

@ObjectType({ description: 'A source file that failed to ingest: how often, why, and where its raw bytes were kept.' })
export class IngestFailure {
  @Field(() => String, { description: 'Source id, e.g. level2:unidata-nexrad-level2.' })
  source: string;

  @Field(() => String, { description: "The file within its source: a bucket key, or for a local file its folder's name and its own (never a server path)." })
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
  const key = folderAndName(r.key);
  // Messages name the file by its key; say it as the key field does, then cut any other path.
  const errorMessage = redactServerPaths(r.errorMessage.split(r.key).join(key));
  return { ...r, key, errorMessage, firstFailedAt: new Date(r.firstFailedAt), lastFailedAt: new Date(r.lastFailedAt) };
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

  @Field(() => String, { nullable: true, description: 'Why it failed. Admin token only: null without it.' })
  error: string | null;
}

export function backfillFromRow(r: BackfillRequestRow, admin: boolean): BackfillRequest {
  const error = admin && r.error !== null ? redactServerPaths(r.error) : null;
  return { ...r, error, from: new Date(r.from), to: new Date(r.to), requestedAt: new Date(r.requestedAt), startedAt: date(r.startedAt), finishedAt: date(r.finishedAt) };
}

@ObjectType({ description: 'What the ingest daemon is doing: per-source status, failed files, flags, backfills.' })
export class IngestStatus {
  @Field(() => [IngestSourceStatus])
  sources: IngestSourceStatus[];

  @Field(() => Boolean, { description: 'True when the request carried the admin token: failures, lastError and backfill errors are filled in.' })
  adminView: boolean;

  @Field(() => Int, { description: 'Files that failed to ingest (being retried or quarantined).' })
  failedFiles: number;

  @Field(() => Int, { description: 'Of those, files whose raw bytes are quarantined.' })
  quarantinedFiles: number;

  @Field(() => [IngestFailure], { nullable: true, description: 'Most recent first. Admin token only (Authorization: Bearer <RADOME_ADMIN_TOKEN>): null without it.' })
  failures: IngestFailure[] | null;

  @Field(() => [IngestFlag])
  flags: IngestFlag[];

  @Field(() => [BackfillRequest], { description: 'The 50 most recent, newest first.' })
  backfills: BackfillRequest[];

  @Field(() => Int, { description: 'Objects whose rows are gone and whose deletion is pending (retention, replaced sweeps).' })
  pendingObjectDeletions: number;
}
