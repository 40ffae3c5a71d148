import { RadomeError } from '../../core/errors.js';
import { decodeLevel3, type Level3Product } from '../../ingest/decode/level3/index.js';
import type { Level2Sweep, Moment, RadarLocation } from '../../ingest/decode/level2/types.js';
import type { ObjectStore, ProductRow, SweepRow, VolumeRow } from '../../store/types.js';

/** One moment of one stored sweep, decoded. */
export interface LoadedSweep {
  site: string;
  location: RadarLocation;
  /** The sweep with (at least) the row's moment filled. */
  sweep: Level2Sweep;
}

/**
 * Where tiles and point values get the data behind a catalogued sweep or product: the stored
 * data, never the rendered PNGs. Errors are RadomeErrors (NOT_FOUND for missing data, CORRUPT
 * for data that does not decode).
 */
export interface RadarGridSource {
  loadSweep(row: SweepRow, volume: VolumeRow): Promise<LoadedSweep>;
  loadProduct(row: ProductRow): Promise<Level3Product>;
}

/** Reads products from their stored raw message; sweeps from `sweeps` (the analysis-ready store). */
export class StoredGridSource implements RadarGridSource {
  constructor(
    private readonly objects: ObjectStore,
    private readonly sweeps: (row: SweepRow, volume: VolumeRow, moments: readonly Moment[]) => Promise<LoadedSweep>,
  ) {}

  loadSweep(row: SweepRow, volume: VolumeRow): Promise<LoadedSweep> {
    return this.sweeps(row, volume, [row.moment as Moment]);
  }

  async loadProduct(row: ProductRow): Promise<Level3Product> {
    const stored = await this.objects.get(row.rawKey);
    if (!stored) throw new RadomeError('NOT_FOUND', `the stored product ${row.rawKey} of ${row.id} is missing`);
    try {
      return decodeLevel3(stored.body);
    } catch (e) {
      throw new RadomeError('CORRUPT', `the stored product ${row.rawKey} of ${row.id} does not decode: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
  }
}
