// Retention runs once across a cluster: two `radome ingest run` daemons on one PostgreSQL catalog,
// only the scheduler (the holder of the catalog's scheduler lock) runs retention passes; killed with
// kill -9, the other takes the role over and runs them. On SQLite a daemon is its own scheduler.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCatalog } from '../../store/catalog/index.js';
import { makeVolume } from '../store/catalog-fixtures.js';
import { daemonEnv, startDaemon, volumeCount, waitFor, type DaemonEnv } from './harness.js';

/** One line per retention pass (ingest/retention.ts applyRetention). */
const PASS = /retention removed \d+ volumes/g;
const REMOVED_ONE = /retention removed 1 volumes/g;
const SCHEDULING = /scheduler: this daemon lists the sources for the cluster/;
const passes = (logs: string, line = PASS) => logs.match(line)?.length ?? 0;

describe('ingest daemon: retention once across the cluster', () => {
  let run: DaemonEnv;
  let day = 0;
  /** Commits a volume from 2022 (far older than retention keeps) with the next distinct start time. */
  const commitOldVolume = async () => {
    const catalog = await openCatalog(run.catalog);
    try {
      await catalog.writer.radar.commitVolume(makeVolume({ site: 'KLOT', start: Date.UTC(2022, 2, 1 + day++) }));
    } finally {
      await catalog.close();
    }
  };

  beforeAll(async () => {
    // No source to follow: the daemons only run retention (every second, keeping a week).
    run = await daemonEnv('http://127.0.0.1:9', 'unused', (d) => `file:${join(d, 'objects')}`, {
      sources: { level2: { enabled: false } },
      retention: { olderThan: 'P7D', every: 'PT1S' },
    });
  });

  afterAll(() => {
    if (run) rmSync(run.dataDir, { recursive: true, force: true });
  });

  it('only the scheduler of two daemons runs retention passes; when it is killed the other takes them over', async () => {
    await commitOldVolume();
    const first = startDaemon(run.env);
    const second = startDaemon(run.env);
    const both = () => `--- first\n${first.logs().slice(-2000)}\n--- second\n${second.logs().slice(-2000)}`;
    try {
      const RUNNING = /ingest daemon running/;
      await waitFor(
        // The pass's log line too: the volume can be gone before its remover has logged the pass, and
        // the holder is told by its lines.
        async () => (await volumeCount(run.catalog)) === 0 && RUNNING.test(first.logs()) && RUNNING.test(second.logs()) && passes(first.logs() + second.logs(), REMOVED_ONE) === 1,
        60_000,
        () => `both daemons running and the old volume removed:\n${both()}`,
      );
      const [holder, standby] = passes(first.logs()) > 0 ? [first, second] : [second, first];
      // Several passes (every second) with both running, and another old volume: the holder removes it, the standby runs no pass at all.
      await commitOldVolume();
      await waitFor(
        async () => (await volumeCount(run.catalog)) === 0 && passes(holder.logs()) >= 4,
        30_000,
        () => `the holder's passes to remove the second volume:\n${both()}`,
      );
      expect(passes(holder.logs(), REMOVED_ONE), both()).toBe(2);
      expect(passes(standby.logs()), both()).toBe(0);
      expect(SCHEDULING.test(holder.logs()), both()).toBe(true);
      expect(SCHEDULING.test(standby.logs()), both()).toBe(false);

      await holder.kill();
      const killedAt = Date.now();
      await commitOldVolume();
      await waitFor(
        async () => (await volumeCount(run.catalog)) === 0 && passes(standby.logs(), REMOVED_ONE) === 1,
        20_000,
        () => `the standby to take the scheduler role and remove the volume committed after the kill:\n${both()}`,
      );
      console.log(`retention taken over ${Date.now() - killedAt} ms after kill -9 of the scheduler`);
      expect(SCHEDULING.test(standby.logs()), both()).toBe(true);
      expect(await standby.stop(), standby.logs().slice(-3000)).toBe(0);
    } finally {
      await first.kill();
      await second.kill();
    }
  }, 180_000);
});
