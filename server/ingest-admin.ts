import { Catalog } from '../store/catalog/index.js';
import { bearerTokenMatches } from './bearer-token.js';
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

  /** True when `authorization` is `Bearer <admin token>` (and the server has one). */
  isAdmin(authorization: string | string[] | undefined): boolean {
    return bearerTokenMatches(authorization, this.options.adminToken);
  }

  /** Throws UNAUTHENTICATED unless `authorization` is `Bearer <admin token>`. */
  requireAdmin(authorization: string | undefined): void {
    if (!this.isAdmin(authorization)) {
      throw apiError('UNAUTHENTICATED', this.options.adminToken === undefined ? 'ingest control is disabled: the server has no RADOME_ADMIN_TOKEN' : 'this mutation needs Authorization: Bearer <RADOME_ADMIN_TOKEN>');
    }
  }

  close(): void {
    this.writer?.close();
    this.writer = undefined;
  }
}
