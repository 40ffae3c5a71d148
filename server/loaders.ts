// Per-request DataLoaders: nested fields (sweep.volume, volume.sweeps, site.latestVolume, …)
// resolve with one catalog call per field per request instead of one per parent row.
import DataLoader from 'dataloader';
import type { VolumeSweepFilter } from '../store/catalog/index.js';
import type { GnssStationRow, ProductRow, RadarSiteRow, SweepRow, VolumeRow } from '../store/types.js';
import type { CatalogReader } from './catalog-reader.js';

export interface Loaders {
  site: DataLoader<string, RadarSiteRow | null>;
  volume: DataLoader<string, VolumeRow | null>;
  sweep: DataLoader<string, SweepRow | null>;
  latestVolume: DataLoader<string, VolumeRow | null>;
  product: DataLoader<string, ProductRow | null>;
  gnssStation: DataLoader<string, GnssStationRow | null>;
  /** Sweeps of one volume matching `selection`; one loader per distinct selection. */
  sweepsOfVolume(volumeId: string, selection: VolumeSweepFilter): Promise<SweepRow[]>;
}

/** The catalog's get* methods answer in the order of `ids`, null for unknown ones. */
function byIdLoader<Row>(get: (ids: readonly string[]) => (Row | null)[]): DataLoader<string, Row | null> {
  return new DataLoader(async (ids) => get(ids));
}

export function createLoaders(catalog: CatalogReader): Loaders {
  const sweepLoaders = new Map<string, DataLoader<string, SweepRow[]>>();
  return {
    site: byIdLoader((ids) => catalog.getRadarSites(ids)),
    volume: byIdLoader((ids) => catalog.getVolumes(ids)),
    sweep: byIdLoader((ids) => catalog.getSweeps(ids)),
    latestVolume: byIdLoader((siteIds) => catalog.latestVolumes(siteIds)),
    product: byIdLoader((ids) => catalog.getProducts(ids)),
    gnssStation: byIdLoader((ids) => catalog.getGnssStations(ids)),
    sweepsOfVolume(volumeId, selection) {
      const key = JSON.stringify(selection);
      let loader = sweepLoaders.get(key);
      if (!loader) {
        loader = new DataLoader(async (volumeIds) => catalog.sweepsForVolumes(volumeIds, selection));
        sweepLoaders.set(key, loader);
      }
      return loader.load(volumeId);
    },
  };
}
