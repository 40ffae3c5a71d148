import { RadomeError } from '../../core/errors.js';
import { decodeLevel3, type Level3Product } from '../../ingest/decode/level3/index.js';
import type { Level2Sweep, Moment, RadarLocation } from '../../ingest/decode/level2/types.js';
import { level2ZarrPrefix } from '../../ingest/level2/volume-id.js';
import { readStoredSweep } from '../../store/radar/sweep-store-read.js';
import type { ObjectStore, ProductRow, SweepRow, VolumeRow } from '../../store/types.js';
import type { CatalogReader } from '../catalog-reader.js';

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

/** `radar/level2/KLOT/2022/03/17/KLOT20220317_000842.zarr`: where ingest stores a volume's sweeps (its id names its start). */
export function volumeZarrPrefix(volume: Pick<VolumeRow, 'id' | 'site'>): string {
  const m = /^[A-Z0-9]{4}(\d{4})(\d{2})(\d{2})_(\d{2})(\d{2})(\d{2})$/.exec(volume.id);
  if (!m) throw new RadomeError('NOT_FOUND', `volume id ${volume.id} does not name a start time, so its sweep store cannot be found`);
  const start = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  return level2ZarrPrefix(volume.site, start, volume.id);
}

/**
 * Reads sweeps from the volumes' analysis-ready Zarr stores (readStoredSweep) and products from
 * their stored raw message.
 */
export class StoredGridSource implements RadarGridSource {
  constructor(
    private readonly objects: ObjectStore,
    private readonly catalog: Pick<CatalogReader, 'sweepsForVolumes'>,
  ) {}

  async loadSweep(row: SweepRow, volume: VolumeRow): Promise<LoadedSweep> {
    // sweep_<i> is the i-th cut of the volume in elevation-number order.
    const cuts = [...new Set((this.catalog.sweepsForVolumes([volume.id])[0] ?? []).map((s) => s.elevationNumber))].sort((a, b) => a - b);
    const index = cuts.indexOf(row.elevationNumber);
    if (index < 0) throw new RadomeError('NOT_FOUND', `volume ${volume.id} has no cut ${row.elevationNumber}`);
    const stored = await readStoredSweep(this.objects, volumeZarrPrefix(volume), index, [row.moment as Moment]);
    if (stored.sweep.elevationNumber !== row.elevationNumber) {
      throw new RadomeError('CORRUPT', `sweep store of ${volume.id}: sweep_${index} is cut ${stored.sweep.elevationNumber}, the catalog's is ${row.elevationNumber}`);
    }
    return stored;
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
