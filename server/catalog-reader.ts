import type { Catalog } from '../store/catalog/index.js';

/** The read side of the catalog the server uses. */
export type CatalogReader = Pick<
  Catalog,
  'listRadarSites' | 'getRadarSites' | 'listVolumes' | 'getVolumes' | 'listSweeps' | 'getSweeps' | 'sweepsForVolumes' | 'nearestSweeps'
  | 'listProducts'
  | 'getProducts'
  | 'productCodeCounts'
  | 'latestProducts'
  | 'listGnssStations'
  | 'getGnssStations'
  | 'gnssSignals'
  | 'gnssDays'
  | 'gnssStationSettings'
  | 'snrRollupAggregates'
  | 'latestVolumes'
  | 'radarSitesInBox'
  | 'radarBucketCounts'
  | 'latestPrecipitation'
  | 'catalogEventsAfter'
  | 'latestCatalogEvent'
>;
