// Issue 23 at small scale: real NEXRAD sites re-sited from the real KLOT sample, published on
// their schedule at 20× into s3rver's Level 2 and Level 3 buckets (and one site's real-time
// chunks), followed by the real `radome start` with a retention window shorter than the replay.
// Every volume and product published that retention keeps must be queryable once, and the daemon
// must list incrementally rather than re-list whole days.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sampleFile, skipReason } from '../sample-data.js';
import { LEVEL2_SAMPLE, REPLAY_BUCKETS, runNationalReplay, summarizeReplay } from '../support/national-replay.js';

const samplePath = sampleFile(LEVEL2_SAMPLE);
if (!samplePath) console.warn(skipReason(LEVEL2_SAMPLE));

describe.skipIf(!samplePath)('national replay at small scale', () => {
  it('every volume and product published is queryable once; listings resume after the last key', async () => {
    const report = await runNationalReplay(
      // The lowest two cuts keep the encoder and the decoder quick; the schedule is the real one.
      // Retention keeps 12 wall minutes: the replay names its volumes from ~16 min in the past
      // (at its start) to ~4.5 min (at its end), so the older ones are never ingested and some
      // ingested ones expire during the run.
      { sites: 6, simulatedMinutes: 12, speed: 20, maxElevation: 0.5, products: ['N0H'], chunkSites: 1, intervalSeconds: 3, settleMs: 45_000, retentionMinutes: 12, retentionEverySeconds: 2 },
      new Uint8Array(readFileSync(samplePath!)),
    );
    const s = summarizeReplay(report);
    expect(report.errorLines).toEqual([]);
    expect(s.volumesPublished).toBeGreaterThanOrEqual(6 * 2);
    // Retention ran under load and removed rows; every volume and product it should still keep is
    // queryable once, whole; none was ingested twice (its source record gone with its rows).
    expect(s.retention.passes).toBeGreaterThan(0);
    expect(s.retention.volumes).toBeGreaterThan(0);
    expect(s.retainedVolumes).toBeGreaterThanOrEqual(4);
    expect(s.lost).toEqual([]);
    expect(s.duplicated).toEqual([]);
    expect(report.queryableSweeps).toBe(report.queryableVolumes.size * report.sweepsPerVolume);
    expect(s.chunkLagS.n).toBeGreaterThan(0);
    // Every object published is late by a measured, finite amount (the bench flags a starved replayer).
    expect(s.publishLateS.n).toBe(report.published.length);
    expect(Number.isFinite(s.publishLateS.max)).toBe(true);

    // Incremental listing: once a day prefix of the archive buckets has returned keys, every
    // later pass resumes after the last key it saw (none lists it from its start again), so the keys the
    // daemon is sent stay near the objects published rather than growing with each pass.
    const archive = report.lists.filter((l) => l.bucket === REPLAY_BUCKETS.level2 || l.bucket === REPLAY_BUCKETS.level3);
    const passes = archive.filter((l) => l.bucket === REPLAY_BUCKETS.level2).length / report.sites.length;
    expect(passes).toBeGreaterThan(5);
    expect(s.relistsFromStart).toBe(0);
    expect(s.hourlyRelists).toBe(0);
    // The retained volumes' overlays and sweep stores are on disk (the bench divides this by them).
    expect(report.objectBytes).toBeGreaterThan(s.retainedVolumes * 100_000);
    expect(archive.filter((l) => l.startAfter !== null).length).toBeGreaterThan(archive.length / 2);
    const published = report.published.filter((p) => p.kind !== 'chunk').length;
    expect(archive.reduce((n, l) => n + l.keys, 0)).toBeLessThanOrEqual(published * 2);

    // The chunks follower lists an open volume's folder after the last chunk it read, and a site's
    // folders only when no volume is open (or a minute has passed), not the whole folder each pass.
    const chunkLists = report.lists.filter((l) => l.bucket === REPLAY_BUCKETS.chunks);
    const volumeLists = chunkLists.filter((l) => !/^[A-Z]{4}\/$/.test(l.prefix));
    const folderLists = chunkLists.length - volumeLists.length;
    expect(volumeLists.length).toBeGreaterThan(5);
    expect(volumeLists.filter((l) => l.startAfter !== null).length).toBeGreaterThan(volumeLists.length / 2);
    expect(folderLists).toBeLessThan(volumeLists.length);
    const chunksPublished = report.published.filter((p) => p.kind === 'chunk').length;
    expect(volumeLists.reduce((n, l) => n + l.keys, 0)).toBeLessThanOrEqual(chunksPublished + volumeLists.length);
  }, 150_000);
});
