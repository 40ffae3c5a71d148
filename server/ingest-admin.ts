import { openCatalog, type Catalog, type IngestReader, type IngestWriter } from '../store/catalog/index.js';
import { bearerTokenMatches } from './bearer-token.js';
import { apiError } from './errors.js';

export interface IngestAdminOptions {
  catalogPath: string;
  /** RADOME_ADMIN_TOKEN; without one every ingest-control mutation is refused. */
  adminToken?: string;
}

/**
 * The only catalog writes a server makes: an admin's ingest control. A slice of the writer's
 * ingest domain, so resolvers can reach nothing else of it (the type system, not a runtime check).
 */
export type IngestControl = Pick<IngestWriter, 'setSourcePaused' | 'setFlag' | 'requestBackfill'>;

/**
 * Where the ingest status lives and who may change it. The server's own catalog handle is
 * read-only; status writes (pause, flags, backfill requests) go through a writable connection of
 * their own, opened on first use; the daemon (maybe another process) reads them at every pass.
 */
export class IngestAdmin {
  private connection: Promise<Catalog> | undefined;

  constructor(private readonly options: IngestAdminOptions) {}

  /** Ingest status, read on the connection the controls write with (a change is read back at once). */
  async status(): Promise<IngestReader> {
    return (await this.open()).reader.ingest;
  }

  /** Pause and resume, flags and backfill requests: call requireAdmin first. */
  async control(): Promise<IngestControl> {
    return (await this.open()).writer.ingest;
  }

  private open(): Promise<Catalog> {
    // One connection however many requests ask at once; a failed open is tried again next time.
    this.connection ??= openCatalog(this.options.catalogPath).catch((e: unknown) => {
      this.connection = undefined;
      throw e;
    });
    return this.connection;
  }

  /** True when `authorization` is `Bearer <admin token>` (and the server has one). */
  isAdmin(authorization: string | string[] | undefined): boolean {
    return bearerTokenMatches(authorization, this.options.adminToken);
  }

  /** Throws UNAUTHENTICATED unless `authorization` is `Bearer <admin token>`. */
  requireAdmin(authorization: string | undefined): void {
    if (!this.isAdmin(authorization)) {
      throw apiError(
        'UNAUTHENTICATED',
        this.options.adminToken === undefined ? 'ingest control is disabled: the server has no RADOME_ADMIN_TOKEN' : 'this mutation needs Authorization: Bearer <RADOME_ADMIN_TOKEN>',
      );
    }
  }

  async close(): Promise<void> {
    const connection = this.connection;
    this.connection = undefined;
    await (await connection?.catch(() => undefined))?.close();
  }
}
