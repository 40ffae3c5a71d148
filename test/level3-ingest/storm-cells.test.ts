// Storm products at ingest: the cells object is written beside the product (before the row), the
// server reads it back, and retention dooms it with the product's other objects.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StormCellProduct } from '../../ingest/decode/level3/index.js';
import { cellAt } from '../../ingest/decode/level3/storm-cells/cell.js';
import { ingestObject } from '../../ingest/ingest-object.js';
import { level3StormCellsKey } from '../../ingest/level3/product-id.js';
import { mergeStormCells } from '../../server/radar-time/storm-cells.js';
import { type Catalog, openCatalog } from '../../store/catalog/index.js';
import { FileObjectStore } from '../../store/objects/index.js';
import type { ProductRow } from '../../store/catalog/index.js';
import { NTV_SCAN_TIME, ntvProduct } from '../level3/storm-products.js';
import { MemorySource } from '../support/memory-source.js';
import { hydrometeorProduct } from './synthetic-products.js';
import { testProduct } from '../support/ids.js';

describe('storm cells objects at ingest', () => {
  let dir: string;
  let catalog: Catalog;
  let objects: FileObjectStore;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'radome-storm-ingest-'));
    catalog = await openCatalog(join(dir, 'catalog.db'));
    objects = new FileObjectStore(join(dir, 'objects'), { durable: false });
    const source = new MemorySource();
    source.files.set('ntv', ntvProduct());
    source.files.set('n0h', hydrometeorProduct());
    const ctx = { catalog, objects, renderSize: 64, log: pino({ level: 'silent' }) };
    for (const key of source.files.keys()) expect((await ingestObject(ctx, source, source.object(key))).status).toBe('ingested');
  });

  afterAll(async () => {
    await catalog?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a storm product gets <stem>.cells.json with its decoded cells; other products none', async () => {
    const [ntv] = await catalog.reader.products.byIds([testProduct('KLOT_NTV_20210715_221319')]);
    const stored = await objects.get(level3StormCellsKey(ntv!.rawKey));
    expect(stored!.contentType).toBe('application/json');
    const cells = JSON.parse(new TextDecoder().decode(stored!.body)) as StormCellProduct;
    expect(cells).toMatchObject({ productCode: 61, volumeTime: NTV_SCAN_TIME });
    expect(cells.cells.map((c) => [c.cellId, c.tvs])).toEqual([
      ['A1', 'TVS'],
      ['B2', 'ETVS'],
    ]);
    const n0h = (await catalog.reader.products.list({ codes: [165] }, { first: 1 })).rows[0]!;
    expect(await objects.get(level3StormCellsKey(n0h.rawKey))).toBeNull();
  });

  it('retention dooms the cells object with the product (and no phantom key for other products)', async () => {
    const result = await catalog.writer.retention.doomOlderThan(NTV_SCAN_TIME + 1, Date.now());
    expect(result.products).toBe(2);
    const doomed = await catalog.writer.retention.doomedKeys(100);
    expect(doomed.filter((k) => k.endsWith('.cells.json'))).toEqual(['radar/level3/KLOT/NTV/2021/07/15/221319.cells.json']);
    // NTV: raw, JSON, cells; N0H: raw, JSON, PNG.
    expect(doomed).toHaveLength(6);
  });
});

describe('mergeStormCells', () => {
  const radar = { latitude: 35, longitude: -97 };
  const position = { azimuthDeg: 90, rangeKm: 50, lon: -96.45, lat: 35 };
  // A cell with nothing measured yet (cellId overridden where used).
  const empty = cellAt('', position);
  const T = Date.UTC(2024, 4, 20, 22, 0, 0);
  const row = (code: number, mnemonic: string, time = T) => ({ id: `KTLX_${mnemonic}_${time}`, code }) as ProductRow;
  const product = (code: number, cells: StormCellProduct['cells'], volumeTimes: number[] | null = null, time = T): StormCellProduct => ({
    productCode: code,
    volumeTime: time,
    radar,
    cells,
    volumeTimes,
  });

  it('merges per volume and cell: NST position and track, NSS measures, NHI hail; past times from the NSS trend times', () => {
    const nstPosition = { ...position, azimuthDeg: 91 };
    const nst = product(58, [
      {
        ...empty,
        cellId: 'A1',
        position: nstPosition,
        maxReflectivityDbz: 50,
        past: [
          { volumesAgo: 1, lon: -96.5, lat: 35 },
          { volumesAgo: 2, lon: -96.55, lat: 35 },
        ],
      },
    ]);
    const nss = product(
      62,
      [
        { ...empty, cellId: 'A1', maxReflectivityDbz: 55, topKm: 12, vil: 40 },
        { ...empty, cellId: 'B2', vil: 5 },
      ],
      [T - 10 * 60_000, T - 5 * 60_000, T],
    );
    const nhi = product(59, [{ ...empty, cellId: 'A1', poh: 80, posh: 40, maxHailSizeIn: 1.5, maxHailSizeBelow: false }]);
    const later = product(59, [{ ...empty, cellId: 'A1', poh: 10 }], null, T + 300_000);
    const merged = mergeStormCells('KTLX', [
      { row: row(59, 'NHI'), cells: nhi },
      { row: row(62, 'NSS'), cells: nss },
      { row: row(59, 'NHI', T + 300_000), cells: later },
      { row: row(58, 'NST'), cells: nst },
    ]);
    expect(merged.map((c) => [c.cellId, c.time])).toEqual([
      ['A1', T],
      ['B2', T],
      ['A1', T + 300_000],
    ]);
    const a1 = merged[0]!;
    expect(a1.productIds).toEqual([`KTLX_NST_${T}`, `KTLX_NSS_${T}`, `KTLX_NHI_${T}`]);
    expect(a1.position).toEqual(nstPosition);
    // NST states 50 dBZ, NSS 55: NST comes first (it tracks the cell; both come from the same SCIT run).
    expect([a1.maxReflectivityDbz, a1.topKm, a1.vil, a1.poh, a1.posh, a1.maxHailSizeIn]).toEqual([50, 12, 40, 80, 40, 1.5]);
    expect(a1.past).toEqual([
      { time: T - 5 * 60_000, lon: -96.5, lat: 35 },
      { time: T - 10 * 60_000, lon: -96.55, lat: 35 },
    ]);
    expect(merged[2]!.past).toEqual([]);
    expect(merged[2]!.poh).toBe(10);
  });

  it('past positions beyond the stated trend times have no time', () => {
    const nst = product(58, [
      {
        ...empty,
        cellId: 'C3',
        past: [
          { volumesAgo: 1, lon: 0, lat: 0 },
          { volumesAgo: 5, lon: 1, lat: 1 },
        ],
      },
    ]);
    const nss = product(62, [], [T - 60_000, T]);
    const [c3] = mergeStormCells('KTLX', [
      { row: row(58, 'NST'), cells: nst },
      { row: row(62, 'NSS'), cells: nss },
    ]);
    expect(c3!.past.map((p) => p.time)).toEqual([T - 60_000, null]);
  });
});
