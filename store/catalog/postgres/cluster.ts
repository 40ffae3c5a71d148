// The cluster side of a PostgreSQL catalog (../cluster.ts): the scheduler role (the ingest queue is ingest-queue.ts).
//
// The scheduler role is a session-level advisory lock (pg_try_advisory_lock) held on a connection
// of its own, rather than a lease row that must be renewed: the lock lives exactly as long as the
// holder's connection. A process killed with kill -9 closes its socket, its backend ends and the
// lock is free at once; a machine that vanishes is noticed by TCP keepalives (set tight on that
// connection), so another process takes the role within about 20 s.
import pg from 'pg';

const SCHEDULER_LOCK = 0x73636864; // "schd"
/** Seconds of silence before the server probes the holder's connection, between probes, and probes lost before it drops it. */
const KEEPALIVE = '-c tcp_keepalives_idle=10 -c tcp_keepalives_interval=3 -c tcp_keepalives_count=3';

export class SchedulerLock {
  private client: pg.Client | null = null;
  private held = false;
  private pending: Promise<boolean> | null = null;

  constructor(private readonly url: string) {}

  /** See ClusterCatalog.holdScheduler. A lost connection loses the role; the next call tries to take it again. */
  hold(): Promise<boolean> {
    // Callers at once (one per scheduled source) share one check, so one connection is ever opened.
    this.pending ??= this.check().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  private async check(): Promise<boolean> {
    try {
      if (!this.client) {
        const client = new pg.Client({ connectionString: this.url, keepAlive: true, options: KEEPALIVE });
        client.on('error', () => this.drop(client));
        client.on('end', () => this.drop(client));
        await client.connect();
        this.client = client;
      }
      if (this.held) {
        // The lock is this session's while the session lives: one round trip proves it does.
        await this.client.query('SELECT 1');
        return true;
      }
      const { rows } = await this.client.query<{ held: boolean }>('SELECT pg_try_advisory_lock($1) AS held', [SCHEDULER_LOCK]);
      this.held = rows[0]!.held;
      return this.held;
    } catch {
      if (this.client) this.drop(this.client);
      return false;
    }
  }

  async release(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.held = false;
    // Ending the session frees its advisory locks.
    await client?.end().catch(() => {});
  }

  private drop(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = null;
    this.held = false;
    client.end().catch(() => {});
  }
}
