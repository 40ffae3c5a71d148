// writer.transaction(fn) on SQLite: writes made through `tx` land together or not at all, and a
// write through the catalog's own writer waits until the transaction has ended.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCatalog, openReadOnlyCatalog, type Catalog } from './index.js';
import { makeVolume, tempDbPath, volumeSchedule } from '../../test/store/catalog-fixtures.js';

const [first, second, third] = volumeSchedule(3).map(makeVolume) as [ReturnType<typeof makeVolume>, ReturnType<typeof makeVolume>, ReturnType<typeof makeVolume>];
const at = Date.UTC(2022, 2, 18);

describe('catalog transactions (SQLite)', () => {
  let path: string;
  let catalog: Catalog;
  beforeEach(async () => {
    path = tempDbPath();
    catalog = await openCatalog(path);
  });
  afterEach(() => catalog.close());

  it('commits every write made through tx together, and returns what fn returns', async () => {
    const result = await catalog.writer.transaction(async (tx) => {
      await tx.writer.radar.commitVolume(first);
      await tx.writer.ingest.setFlag('ingest.paused', 'true', at);
      // The transaction reads its own writes.
      expect((await tx.reader.radar.volumesByIds([first.volume.id]))[0]?.id).toBe(first.volume.id);
      return 'done';
    });
    expect(result).toBe('done');
    const other = await openReadOnlyCatalog(path);
    try {
      expect((await other.reader.radar.volumesByIds([first.volume.id]))[0]?.id).toBe(first.volume.id);
      expect((await other.reader.ingest.flags()).map((f) => f.name)).toEqual(['ingest.paused']);
    } finally {
      await other.close();
    }
  });

  it('a throwing fn rolls back every write made through tx, nested commits included, and rethrows', async () => {
    await catalog.writer.radar.commitVolume(first);
    const failure = new Error('the object store went away');
    await expect(
      catalog.writer.transaction(async (tx) => {
        await tx.writer.radar.commitVolume(second);
        await tx.writer.retention.commitDoomingReplaced('level2', third.volume.id, at, (writer) => writer.radar.commitVolume(third));
        await tx.writer.ingest.forgetSourceFile(first.file.source, first.file.key, first.file.fingerprint);
        await tx.writer.ingest.setFlag('ingest.paused', 'true', at);
        expect((await tx.reader.radar.volumes({}, { first: 10 })).totalCount).toBe(3);
        throw failure;
      }),
    ).rejects.toBe(failure);
    const volumes = await catalog.reader.radar.volumes({}, { first: 10 });
    expect(volumes.rows.map((v) => v.id)).toEqual([first.volume.id]);
    expect(await catalog.reader.radar.sweepsForVolumes([second.volume.id, third.volume.id])).toEqual([[], []]);
    expect(await catalog.reader.ingest.isIngested(first.file.source, first.file.key, first.file.fingerprint)).toBe(true);
    expect(await catalog.reader.ingest.isIngested(second.file.source, second.file.key, second.file.fingerprint)).toBe(false);
    expect(await catalog.reader.ingest.flags()).toEqual([]);
    expect(await catalog.reader.events.latest()).toMatchObject({ subjectId: first.volume.id });
    // The connection is usable again: the next transaction commits.
    await catalog.writer.transaction(async (tx) => {
      await tx.writer.radar.commitVolume(second);
    });
    expect((await catalog.reader.radar.volumes({}, { first: 10 })).totalCount).toBe(2);
  });

  it('a failing commit inside commitDoomingReplaced undoes only its own writes', async () => {
    await catalog.writer.transaction(async (tx) => {
      await tx.writer.radar.commitVolume(first);
      await expect(
        tx.writer.retention.commitDoomingReplaced('level2', second.volume.id, at, async (writer) => {
          await writer.radar.commitVolume(second);
          throw new Error('half a commit');
        }),
      ).rejects.toThrow('half a commit');
    });
    expect((await catalog.reader.radar.volumes({}, { first: 10 })).rows.map((v) => v.id)).toEqual([first.volume.id]);
  });

  it('a writer call outside the transaction waits until it commits, then runs', async () => {
    const order: string[] = [];
    let letCommit!: () => void;
    const mayCommit = new Promise<void>((resolve) => (letCommit = resolve));
    const transaction = catalog.writer.transaction(async (tx) => {
      await tx.writer.radar.commitVolume(first);
      order.push('tx wrote');
      await mayCommit;
      order.push('tx commits');
    });
    // Started while the transaction is open (it has written and waits).
    await new Promise((r) => setTimeout(r, 10));
    const outside = catalog.writer.ingest.setFlag('ingest.paused', 'true', at).then((row) => {
      order.push('outside wrote');
      return row;
    });
    await new Promise((r) => setTimeout(r, 30));
    expect(order).toEqual(['tx wrote']);
    letCommit();
    await transaction;
    expect((await outside)?.value).toBe('true');
    expect(order).toEqual(['tx wrote', 'tx commits', 'outside wrote']);
    // A failing transaction lets the waiting write through too, and that write is not rolled back with it.
    let letFail!: () => void;
    const mayFail = new Promise<void>((resolve) => (letFail = resolve));
    const failing = catalog.writer.transaction(async (tx) => {
      await tx.writer.radar.commitVolume(second);
      await mayFail;
      throw new Error('given up');
    });
    await new Promise((r) => setTimeout(r, 10));
    const waiting = catalog.writer.ingest.setFlag('retention.olderThan', 'P30D', at);
    letFail();
    await expect(failing).rejects.toThrow('given up');
    await waiting;
    expect((await catalog.reader.ingest.flags()).map((f) => f.name).sort()).toEqual(['ingest.paused', 'retention.olderThan']);
    expect((await catalog.reader.radar.volumesByIds([second.volume.id]))[0]).toBeNull();
  });

  it('transactions run one after another, each whole', async () => {
    const log: string[] = [];
    const run = (name: string, input: typeof first) =>
      catalog.writer.transaction(async (tx) => {
        log.push(`${name} begins`);
        await tx.writer.radar.commitVolume(input);
        await new Promise((r) => setTimeout(r, 5));
        log.push(`${name} ends`);
      });
    await Promise.all([run('a', first), run('b', second), run('c', third)]);
    expect(log).toEqual(['a begins', 'a ends', 'b begins', 'b ends', 'c begins', 'c ends']);
    expect((await catalog.reader.radar.volumes({}, { first: 10 })).totalCount).toBe(3);
  });

  it('refuses, instead of waiting forever, a write through the catalog writer from inside the transaction', async () => {
    await expect(
      catalog.writer.transaction(async (tx) => {
        await tx.writer.radar.commitVolume(first);
        await catalog.writer.radar.commitVolume(second);
      }),
    ).rejects.toThrow(/write through the transaction fn is given \(tx\.writer\)/);
    await expect(catalog.writer.transaction(async () => catalog.writer.transaction(async () => 1))).rejects.toThrow(/tx\.writer/);
    expect((await catalog.reader.radar.volumes({}, { first: 10 })).totalCount).toBe(0);
  });

  it('close waits for an open transaction to commit', async () => {
    let letCommit!: () => void;
    const mayCommit = new Promise<void>((resolve) => (letCommit = resolve));
    const transaction = catalog.writer.transaction(async (tx) => {
      await tx.writer.radar.commitVolume(first);
      await mayCommit;
    });
    await new Promise((r) => setTimeout(r, 10));
    const closed = catalog.close();
    letCommit();
    await Promise.all([transaction, closed]);
    const again = await openReadOnlyCatalog(path);
    try {
      expect((await again.reader.radar.volumes({}, { first: 10 })).totalCount).toBe(1);
    } finally {
      await again.close();
    }
  });
});
