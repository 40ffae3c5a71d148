import { timingSafeEqual } from 'node:crypto';
import { Catalog } from '../store/catalog/index.js';
import { apiError } from './errors.js';

export interface IngestAdminOptions {
  catalogPath: string;
  /** RADOME_ADMIN_TOKEN; without one every ingest-control mutation is refused. */
  adminToken?: string;
}

/**
 * Where the ingest status lives and who may change it. The server's own catalog handle is
 * read-only; status writes (pause, flags, backfill requests) go through a writable connection of
 * their own, opened on first use; the daemon (maybe another process) reads them at every pass.
 */
export class IngestAdmin {
  private writer: Catalog | undefined;

  constructor(private readonly options: IngestAdminOptions) {}

  catalog(): Catalog {
    this.writer ??= Catalog.open(this.options.catalogPath);
    return this.writer;
  }

  /** Throws UNAUTHENTICATED unless `authorization` is `Bearer <admin token>`. */
  requireAdmin(authorization: string | undefined): void {
    const expected = this.options.adminToken;
    const given = /^Bearer\s+(.+)$/i.exec(authorization ?? '')?.[1]?.trim();
    const ok = expected !== undefined && given !== undefined && given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
    if (!ok) {
      throw apiError('UNAUTHENTICATED', expected === undefined ? 'ingest control is disabled: the server has no RADOME_ADMIN_TOKEN' : 'this mutation needs Authorization: Bearer <RADOME_ADMIN_TOKEN>');
    }
  }

  close(): void {
    this.writer?.close();
    this.writer = undefined;
  }
}
