// Per-request DataLoaders: nested fields (sweep.volume, volume.sweeps, site.latestVolume, …)
// resolve with one catalog call per field per request instead of one per parent row.
import DataLoader from 'dataloader';
import type { GnssStationId, ProductId, RadarSiteId, SweepId, VolumeId } from '../core/vocabulary/index.js';
import type { CatalogReader, GnssStationRow, ProductRow, RadarSiteRow, SweepRow, VolumeRow, VolumeSweepFilter } from '../store/catalog/index.js';

export interface Loaders {
  site: DataLoader<RadarSiteId, RadarSiteRow | null>;
  volume: DataLoader<VolumeId, VolumeRow | null>;
  sweep: DataLoader<SweepId, SweepRow | null>;
  latestVolume: DataLoader<RadarSiteId, VolumeRow | null>;
  product: DataLoader<ProductId, ProductRow | null>;
  gnssStation: DataLoader<GnssStationId, GnssStationRow | null>;
  /** Sweeps of one volume matching `selection`; one loader per distinct selection. */
  sweepsOfVolume(volumeId: VolumeId, selection: VolumeSweepFilter): Promise<SweepRow[]>;
}

/** The catalog's get* methods answer in the order of `ids`, null for unknown ones. */
function byIdLoader<Id extends string, Row>(get: (ids: readonly Id[]) => Promise<(Row | null)[]>): DataLoader<Id, Row | null> {
  // async: a read refused synchronously (the deadline) rejects the batch instead of throwing in DataLoader.
  return new DataLoader(async (ids) => get(ids));
}

export function createLoaders(catalog: CatalogReader): Loaders {
  const sweepLoaders = new Map<string, DataLoader<VolumeId, SweepRow[]>>();
  return {
    site: byIdLoader((ids) => catalog.radar.sitesByIds(ids)),
    volume: byIdLoader((ids) => catalog.radar.volumesByIds(ids)),
    sweep: byIdLoader((ids) => catalog.radar.sweepsByIds(ids)),
    latestVolume: byIdLoader((siteIds) => catalog.radar.latestVolumes(siteIds)),
    product: byIdLoader((ids) => catalog.products.byIds(ids)),
    gnssStation: byIdLoader((ids) => catalog.gnss.stationsByIds(ids)),
    sweepsOfVolume(volumeId, selection) {
      const key = JSON.stringify(selection);
      let loader = sweepLoaders.get(key);
      if (!loader) {
        loader = new DataLoader(async (volumeIds) => catalog.radar.sweepsForVolumes(volumeIds, selection));
        sweepLoaders.set(key, loader);
      }
      return loader.load(volumeId);
    },
  };
}
