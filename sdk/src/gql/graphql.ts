/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** Same shape as DocumentTypeDecoration of @graphql-typed-document-node/core (declared here so the SDK has no dependencies). */
export interface DocumentTypeDecoration<TResult, TVariables> {
  __apiType?: (variables: TVariables) => TResult;
}
/** What an ingest commit added to the catalog. */
export type CatalogEventKind =
  | 'LEVEL2_VOLUME'
  | 'LEVEL3_PRODUCT';

/** A longitude/latitude box, WGS84 degrees; west > east crosses the antimeridian. */
export type LonLatBox = {
  east: number;
  north: number;
  south: number;
  west: number;
};

/** What a Level 3 product shows: hydrometeor classes, precipitation, reflectivity, velocity, storm cells (graphic/tabular), or other. */
export type ProductCategory =
  | 'HYDROMETEOR'
  | 'OTHER'
  | 'PRECIPITATION'
  | 'REFLECTIVITY'
  | 'STORM'
  | 'VELOCITY';

export type ProductFilter = {
  category?: ProductCategory | null | undefined;
  /** Any of these product codes, e.g. [165, 177]. */
  codes?: Array<number> | null | undefined;
  /** Products whose scan time lies in [from, to). */
  from?: string | null | undefined;
  /** Any of these mnemonics (case-insensitive), e.g. ["N0H", "DAA"]. */
  mnemonics?: Array<string> | null | undefined;
  /** 4-letter ICAO site id (case-insensitive), e.g. KLOT. */
  site?: string | null | undefined;
  to?: string | null | undefined;
};

/** Level 2 moment: reflectivity, velocity, spectrum width, differential reflectivity, differential phase, correlation coefficient, clutter filter power. */
export type RadarMoment =
  | 'CFP'
  | 'PHI'
  | 'REF'
  | 'RHO'
  | 'SW'
  | 'VEL'
  | 'ZDR';

/** How a site's precipitation rate is had: DPR, its Level 3 digital instantaneous precipitation rate products (code 176); ZR, its lowest-elevation Level 2 REF through Z = 300 R^1.4 capped at 53 dBZ (103.8 mm/h); AUTO, DPR where the window has some, else ZR. */
export type RainfallMethod =
  | 'AUTO'
  | 'DPR'
  | 'ZR';

/** A dimension the SNR-versus-elevation curve is kept apart by. */
export type SnrElevationGroupBy =
  | 'CONSTELLATION'
  | 'OBS_CODE'
  | 'SATELLITE';

/** A dimension SNR points are grouped by; ungrouped dimensions are summed over. */
export type SnrGroupBy =
  | 'BAND'
  | 'CONSTELLATION'
  | 'OBS_CODE'
  | 'SATELLITE';

/** By time then id; DESC is newest first. */
export type SortOrder =
  | 'ASC'
  | 'DESC';

export type SweepFilter = {
  /** Sweeps whose [startTime, endTime] overlaps [from, to). */
  from?: string | null | undefined;
  /** Degrees, inclusive. */
  maxElevation?: number | null | undefined;
  /** Degrees, inclusive. */
  minElevation?: number | null | undefined;
  moment?: RadarMoment | null | undefined;
  /** Any of these moments (combined with `moment`). */
  moments?: Array<RadarMoment> | null | undefined;
  /** 4-letter ICAO site id (case-insensitive). */
  site?: string | null | undefined;
  to?: string | null | undefined;
  volumeId?: string | number | null | undefined;
};

export type VolumeFilter = {
  /** Volumes whose scan overlaps [from, to). */
  from?: string | null | undefined;
  /** 4-letter ICAO site id (case-insensitive). */
  site?: string | null | undefined;
  to?: string | null | undefined;
};

/** Tornado vortex signature (NTV): TVS, or elevated TVS (ETVS). */
export type VortexSignature =
  | 'ETVS'
  | 'TVS';

export type DailyReflectorHeightsQueryVariables = Exact<{
  azimuths?: Array<Array<number> | number> | Array<number> | number | null | undefined;
  frequencies?: Array<number> | number | null | undefined;
  from: string;
  maxElevation?: number | null | undefined;
  maxHeight?: number | null | undefined;
  medianFilter?: number | null | undefined;
  minElevation?: number | null | undefined;
  minHeight?: number | null | undefined;
  peakToNoise?: number | null | undefined;
  requiredAmplitude?: number | null | undefined;
  requiredTracks?: number | null | undefined;
  station: string;
  to: string;
}>;


export type DailyReflectorHeightsQuery = { dailyReflectorHeights: Array<{ day: string, median: number | null, mean: number | null, stddev: number | null, count: number, reason: string | null }> };

export type GnssStationFieldsFragment = { id: string, name: string | null, longName: string | null, latitude: number | null, longitude: number | null, height: number | null, receiverType: string | null, antennaType: string | null, firstDay: string | null, lastDay: string | null, dayCount: number };

export type GnssStationQueryVariables = Exact<{
  id: string | number;
}>;


export type GnssStationQuery = { gnssStation: { id: string, name: string | null, longName: string | null, latitude: number | null, longitude: number | null, height: number | null, receiverType: string | null, antennaType: string | null, firstDay: string | null, lastDay: string | null, dayCount: number } | null };

export type GnssStationsQueryVariables = Exact<{ [key: string]: never; }>;


export type GnssStationsQuery = { gnssStations: Array<{ id: string, name: string | null, longName: string | null, latitude: number | null, longitude: number | null, height: number | null, receiverType: string | null, antennaType: string | null, firstDay: string | null, lastDay: string | null, dayCount: number }> };

export type PauseSourceMutationVariables = Exact<{
  source: string;
}>;


export type PauseSourceMutation = { pauseSource: { name: string, paused: boolean } };

export type ResumeSourceMutationVariables = Exact<{
  source: string;
}>;


export type ResumeSourceMutation = { resumeSource: { name: string, paused: boolean } };

export type RequestBackfillMutationVariables = Exact<{
  from: string;
  source: string;
  to: string;
}>;


export type RequestBackfillMutation = { requestBackfill: { id: number, source: string, from: string, to: string, requestedAt: string } };

export type SetIngestFlagMutationVariables = Exact<{
  name: string;
  value?: string | null | undefined;
}>;


export type SetIngestFlagMutation = { setIngestFlag: { name: string, value: string, updatedAt: string } | null };

export type IngestStatusQueryVariables = Exact<{ [key: string]: never; }>;


export type IngestStatusQuery = { ingestStatus: { adminView: boolean, failedFiles: number, quarantinedFiles: number, pendingObjectDeletions: number, sources: Array<{ name: string, paused: boolean, running: boolean, lastRunAt: string | null, lastSuccessAt: string | null, lastError: string | null, lastErrorAt: string | null, backlog: number, ingestedCount: number, skippedCount: number, failedCount: number }>, failures: Array<{ source: string, key: string, attempts: number, firstFailedAt: string, lastFailedAt: string, errorCode: string, errorMessage: string, quarantineKey: string | null }> | null, flags: Array<{ name: string, value: string, updatedAt: string }>, backfills: Array<{ id: number, source: string, from: string, to: string, requestedAt: string, startedAt: string | null, finishedAt: string | null, error: string | null }> } };

export type LatestPrecipitationQueryVariables = Exact<{
  from: string;
  sites?: Array<string> | string | null | undefined;
  to: string;
}>;


export type LatestPrecipitationQuery = { latestPrecipitation: Array<{ count: number, maxAccumulationIn: number | null, site: { id: string }, product: { maxAccumulationIn: number | null, id: string, code: number, mnemonic: string, name: string, category: ProductCategory, scanTime: string, elevationAngle: number | null, units: string, bbox: Array<number> | null, corners: Array<Array<number>> | null, imageUrl: string | null, metadataUrl: string, tileJsonUrl: string | null, valueTileJsonUrl: string | null, site: { id: string } }, maxProduct: { id: string, scanTime: string, maxAccumulationIn: number | null } | null }> };

export type LatestProductsQueryVariables = Exact<{
  codes?: Array<number> | number | null | undefined;
  site: string;
}>;


export type LatestProductsQuery = { latestProducts: Array<{ id: string, code: number, mnemonic: string, name: string, category: ProductCategory, scanTime: string, elevationAngle: number | null, units: string, bbox: Array<number> | null, corners: Array<Array<number>> | null, imageUrl: string | null, metadataUrl: string, tileJsonUrl: string | null, valueTileJsonUrl: string | null, site: { id: string } }> };

export type MosaicQueryVariables = Exact<{
  moment?: RadarMoment | null | undefined;
  time?: string | null | undefined;
  toleranceMinutes?: number | null | undefined;
}>;


export type MosaicQuery = { mosaic: { time: string, toleranceMinutes: number, moment: RadarMoment, tileJsonUrl: string, valueTileJsonUrl: string, imageUrl: string, metadataUrl: string, bbox: Array<number>, corners: Array<Array<number>>, sites: Array<{ id: string }>, volumes: Array<{ id: string, scanStart: string }> } | null };

type NodeFields_GnssStation_Fragment = { __typename: 'GnssStation', longName: string | null, dayCount: number, firstDay: string | null, lastDay: string | null, id: string };

type NodeFields_Product_Fragment = { __typename: 'Product', code: number, mnemonic: string, name: string, category: ProductCategory, scanTime: string, units: string, metadataUrl: string, id: string, site: { id: string } };

type NodeFields_RadarSite_Fragment = { __typename: 'RadarSite', id: string, latitude: number, longitude: number, heightM: number };

type NodeFields_Sweep_Fragment = { __typename: 'Sweep', id: string, elevationNumber: number, elevationAngle: number, moment: RadarMoment, startTime: string, endTime: string, radialCount: number, gateCount: number, firstGateKm: number, gateSpacingKm: number, bbox: Array<number>, corners: Array<Array<number>>, imageUrl: string, metadataUrl: string, tileJsonUrl: string, valueTileJsonUrl: string, site: { id: string } };

type NodeFields_Volume_Fragment = { __typename: 'Volume', id: string, scanStart: string, scanEnd: string, vcp: number | null, sweepCount: number, sourceKey: string, zarrUrl: string | null, site: { id: string } };

export type NodeFieldsFragment =
  | NodeFields_GnssStation_Fragment
  | NodeFields_Product_Fragment
  | NodeFields_RadarSite_Fragment
  | NodeFields_Sweep_Fragment
  | NodeFields_Volume_Fragment
;

export type NodeQueryVariables = Exact<{
  id: string | number;
}>;


export type NodeQuery = { node:
    | { __typename: 'GnssStation', longName: string | null, dayCount: number, firstDay: string | null, lastDay: string | null, id: string }
    | { __typename: 'Product', code: number, mnemonic: string, name: string, category: ProductCategory, scanTime: string, units: string, metadataUrl: string, id: string, site: { id: string } }
    | { __typename: 'RadarSite', id: string, latitude: number, longitude: number, heightM: number }
    | { __typename: 'Sweep', id: string, elevationNumber: number, elevationAngle: number, moment: RadarMoment, startTime: string, endTime: string, radialCount: number, gateCount: number, firstGateKm: number, gateSpacingKm: number, bbox: Array<number>, corners: Array<Array<number>>, imageUrl: string, metadataUrl: string, tileJsonUrl: string, valueTileJsonUrl: string, site: { id: string } }
    | { __typename: 'Volume', id: string, scanStart: string, scanEnd: string, vcp: number | null, sweepCount: number, sourceKey: string, zarrUrl: string | null, site: { id: string } }
   | null };

export type NodesQueryVariables = Exact<{
  ids: Array<string | number> | string | number;
}>;


export type NodesQuery = { nodes: Array<
    | { __typename: 'GnssStation', longName: string | null, dayCount: number, firstDay: string | null, lastDay: string | null, id: string }
    | { __typename: 'Product', code: number, mnemonic: string, name: string, category: ProductCategory, scanTime: string, units: string, metadataUrl: string, id: string, site: { id: string } }
    | { __typename: 'RadarSite', id: string, latitude: number, longitude: number, heightM: number }
    | { __typename: 'Sweep', id: string, elevationNumber: number, elevationAngle: number, moment: RadarMoment, startTime: string, endTime: string, radialCount: number, gateCount: number, firstGateKm: number, gateSpacingKm: number, bbox: Array<number>, corners: Array<Array<number>>, imageUrl: string, metadataUrl: string, tileJsonUrl: string, valueTileJsonUrl: string, site: { id: string } }
    | { __typename: 'Volume', id: string, scanStart: string, scanEnd: string, vcp: number | null, sweepCount: number, sourceKey: string, zarrUrl: string | null, site: { id: string } }
   | null> };

export type PageInfoFieldsFragment = { hasNextPage: boolean, endCursor: string | null };

export type ProductCodesQueryVariables = Exact<{
  category?: ProductCategory | null | undefined;
  from?: string | null | undefined;
  site?: string | null | undefined;
  to?: string | null | undefined;
}>;


export type ProductCodesQuery = { productCodes: Array<{ code: number, mnemonic: string, name: string, category: ProductCategory, units: string, count: number }> };

export type ProductFieldsFragment = { id: string, code: number, mnemonic: string, name: string, category: ProductCategory, scanTime: string, elevationAngle: number | null, units: string, bbox: Array<number> | null, corners: Array<Array<number>> | null, imageUrl: string | null, metadataUrl: string, tileJsonUrl: string | null, valueTileJsonUrl: string | null, site: { id: string } };

export type ProductPageFragment = { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, code: number, mnemonic: string, name: string, category: ProductCategory, scanTime: string, elevationAngle: number | null, units: string, bbox: Array<number> | null, corners: Array<Array<number>> | null, imageUrl: string | null, metadataUrl: string, tileJsonUrl: string | null, valueTileJsonUrl: string | null, site: { id: string } } }> };

export type ProductQueryVariables = Exact<{
  id: string | number;
}>;


export type ProductQuery = { product: { rawUrl: string, id: string, code: number, mnemonic: string, name: string, category: ProductCategory, scanTime: string, elevationAngle: number | null, units: string, bbox: Array<number> | null, corners: Array<Array<number>> | null, imageUrl: string | null, metadataUrl: string, tileJsonUrl: string | null, valueTileJsonUrl: string | null, site: { id: string } } | null };

export type ProductsQueryVariables = Exact<{
  after?: string | null | undefined;
  filter?: ProductFilter | null | undefined;
  first?: number | null | undefined;
  order?: SortOrder | null | undefined;
}>;


export type ProductsQuery = { products: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, code: number, mnemonic: string, name: string, category: ProductCategory, scanTime: string, elevationAngle: number | null, units: string, bbox: Array<number> | null, corners: Array<Array<number>> | null, imageUrl: string | null, metadataUrl: string, tileJsonUrl: string | null, valueTileJsonUrl: string | null, site: { id: string } } }> } };

export type RadarCoverageQueryVariables = Exact<{
  from: string;
  interval?: string | null | undefined;
  sites?: Array<string> | string | null | undefined;
  to: string;
}>;


export type RadarCoverageQuery = { radarCoverage: Array<{ interval: string, volumes: number, sweeps: number, products: number, site: { id: string }, buckets: Array<{ start: string, volumes: number, sweeps: number, products: number }>, gaps: Array<{ from: string, to: string }> }> };

export type RadarPointSeriesQueryVariables = Exact<{
  from: string;
  lat: number;
  lon: number;
  moment: RadarMoment;
  site?: string | null | undefined;
  to: string;
}>;


export type RadarPointSeriesQuery = { radarPointSeries: Array<{ value: number | null, units: string, rangeKm: number, groundRangeKm: number, azimuth: number, beamHeightM: number, time: string, radial: number, gate: number, site: { id: string }, sweep: { id: string, elevationAngle: number, tileJsonUrl: string } }> };

export type RadarSiteFieldsFragment = { id: string, latitude: number, longitude: number, heightM: number };

export type RadarSiteVolumesQueryVariables = Exact<{
  id: string | number;
  after?: string | null | undefined;
  first?: number | null | undefined;
  from?: string | null | undefined;
  order?: SortOrder | null | undefined;
  to?: string | null | undefined;
}>;


export type RadarSiteVolumesQuery = { radarSite: { volumes: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, scanStart: string, scanEnd: string, vcp: number | null, sweepCount: number, sourceKey: string, zarrUrl: string | null, site: { id: string } } }> } } | null };

export type RadarSiteQueryVariables = Exact<{
  id: string | number;
}>;


export type RadarSiteQuery = { radarSite: { id: string, latitude: number, longitude: number, heightM: number, latestVolume: { id: string, scanStart: string, scanEnd: string, vcp: number | null, sweepCount: number, sourceKey: string, zarrUrl: string | null, site: { id: string } } | null } | null };

export type RadarSitesQueryVariables = Exact<{
  bbox?: LonLatBox | null | undefined;
}>;


export type RadarSitesQuery = { radarSites: Array<{ id: string, latitude: number, longitude: number, heightM: number, latestVolume: { id: string, scanStart: string, scanEnd: string } | null }> };

export type RadarFramesQueryVariables = Exact<{
  elevation?: number | null | undefined;
  from: string;
  limit?: number | null | undefined;
  moment: RadarMoment;
  site: string;
  to: string;
}>;


export type RadarFramesQuery = { radarFrames: Array<{ time: string, tileJsonUrl: string, valueTileJsonUrl: string, sweep: { id: string, elevationAngle: number, imageUrl: string } }> };

export type StormCellsQueryVariables = Exact<{
  from: string;
  site: string;
  to: string;
}>;


export type StormCellsQuery = { stormCellsGeoJsonUrl: string, stormCells: Array<{ cellId: string, time: string, lon: number, lat: number, azimuth: number, rangeKm: number, maxReflectivity: number | null, maxReflectivityHeightKm: number | null, topKm: number | null, vil: number | null, poh: number | null, posh: number | null, maxHailSizeIn: number | null, mesocyclone: number | null, tvs: VortexSignature | null, product: { id: string }, forecast: Array<{ minutes: number, lon: number, lat: number }>, past: Array<{ time: string | null, lon: number, lat: number }> }> };

export type RadarValueFieldsFragment = { value: number | null, units: string, rangeKm: number, groundRangeKm: number, azimuth: number, beamHeightM: number, time: string, radial: number, gate: number, site: { id: string }, sweep: { id: string, elevationAngle: number, tileJsonUrl: string } };

export type RadarValueQueryVariables = Exact<{
  elevation?: number | null | undefined;
  lat: number;
  lon: number;
  moment: RadarMoment;
  site?: string | null | undefined;
  sweep?: string | number | null | undefined;
  time?: string | null | undefined;
}>;


export type RadarValueQuery = { radarValue: { value: number | null, units: string, rangeKm: number, groundRangeKm: number, azimuth: number, beamHeightM: number, time: string, radial: number, gate: number, site: { id: string }, sweep: { id: string, elevationAngle: number, tileJsonUrl: string } } | null };

export type FieldStatisticsFieldsFragment = { bbox: Array<number>, stepDeg: number, coveredAreaKm2: number, valueAreaKm2: number, mean: number | null, max: number | null, areaOver: Array<{ threshold: number, areaKm2: number }> };

export type DerivedSiteFieldsFragment = { site: string, source: string, count: number, coveredFraction: number, gaps: Array<{ from: string, to: string }> };

type DerivedFieldFields_Rainfall_Fragment = { from: string, to: string, units: string, reason: string | null, tileJsonUrl: string, valueTileJsonUrl: string, sites: Array<{ site: string, source: string, count: number, coveredFraction: number, gaps: Array<{ from: string, to: string }> }>, missing: Array<{ site: string, reason: string }>, statistics: { bbox: Array<number>, stepDeg: number, coveredAreaKm2: number, valueAreaKm2: number, mean: number | null, max: number | null, areaOver: Array<{ threshold: number, areaKm2: number }> } | null };

type DerivedFieldFields_Swath_Fragment = { from: string, to: string, units: string, reason: string | null, tileJsonUrl: string, valueTileJsonUrl: string, sites: Array<{ site: string, source: string, count: number, coveredFraction: number, gaps: Array<{ from: string, to: string }> }>, missing: Array<{ site: string, reason: string }>, statistics: { bbox: Array<number>, stepDeg: number, coveredAreaKm2: number, valueAreaKm2: number, mean: number | null, max: number | null, areaOver: Array<{ threshold: number, areaKm2: number }> } | null };

export type DerivedFieldFieldsFragment =
  | DerivedFieldFields_Rainfall_Fragment
  | DerivedFieldFields_Swath_Fragment
;

export type RainfallQueryVariables = Exact<{
  bbox?: LonLatBox | null | undefined;
  from: string;
  method?: RainfallMethod | null | undefined;
  sites?: Array<string> | string | null | undefined;
  thresholds?: Array<number> | number | null | undefined;
  to: string;
}>;


export type RainfallQuery = { rainfall: { method: RainfallMethod, gapLimitMinutes: number, complete: boolean, from: string, to: string, units: string, reason: string | null, tileJsonUrl: string, valueTileJsonUrl: string, sites: Array<{ site: string, source: string, count: number, coveredFraction: number, gaps: Array<{ from: string, to: string }> }>, missing: Array<{ site: string, reason: string }>, statistics: { bbox: Array<number>, stepDeg: number, coveredAreaKm2: number, valueAreaKm2: number, mean: number | null, max: number | null, areaOver: Array<{ threshold: number, areaKm2: number }> } | null } | null };

export type RainfallAtPointQueryVariables = Exact<{
  from: string;
  interval: string;
  lat: number;
  lon: number;
  method?: RainfallMethod | null | undefined;
  to: string;
}>;


export type RainfallAtPointQuery = { rainfallAtPoint: Array<{ time: string, end: string, accumulationMm: number | null, missingMinutes: number, site: string, source: string }> };

export type ReflectivitySwathQueryVariables = Exact<{
  bbox?: LonLatBox | null | undefined;
  from: string;
  sites?: Array<string> | string | null | undefined;
  thresholds?: Array<number> | number | null | undefined;
  to: string;
}>;


export type ReflectivitySwathQuery = { reflectivitySwath: { from: string, to: string, units: string, reason: string | null, tileJsonUrl: string, valueTileJsonUrl: string, sites: Array<{ site: string, source: string, count: number, coveredFraction: number, gaps: Array<{ from: string, to: string }> }>, missing: Array<{ site: string, reason: string }>, statistics: { bbox: Array<number>, stepDeg: number, coveredAreaKm2: number, valueAreaKm2: number, mean: number | null, max: number | null, areaOver: Array<{ threshold: number, areaKm2: number }> } | null } | null };

export type MosaicFramesQueryVariables = Exact<{
  moment?: RadarMoment;
  from: string;
  to: string;
  interval: string;
  toleranceMinutes?: number | null | undefined;
}>;


export type MosaicFramesQuery = { mosaicFrames: Array<{ time: string, siteCount: number, tileJsonUrl: string, valueTileJsonUrl: string, imageUrl: string }> };

export type ReflectorHeightsQueryVariables = Exact<{
  azimuths?: Array<Array<number> | number> | Array<number> | number | null | undefined;
  frequencies?: Array<number> | number | null | undefined;
  from: string;
  maxElevation?: number | null | undefined;
  maxHeight?: number | null | undefined;
  minElevation?: number | null | undefined;
  minHeight?: number | null | undefined;
  peakToNoise?: number | null | undefined;
  requiredAmplitude?: number | null | undefined;
  station: string;
  to: string;
}>;


export type ReflectorHeightsQuery = { reflectorHeights: Array<{ time: string, satellite: string, frequency: number, height: number, amplitude: number, peakToNoise: number, azimuth: number, minElevation: number, maxElevation: number, rising: boolean, durationMinutes: number, points: number }> };

export type SnrByElevationQueryVariables = Exact<{
  azimuths?: Array<Array<number> | number> | Array<number> | number | null | undefined;
  binWidth?: number | null | undefined;
  constellations?: Array<string> | string | null | undefined;
  from: string;
  groupBy?: Array<SnrElevationGroupBy> | SnrElevationGroupBy | null | undefined;
  maxElevation?: number | null | undefined;
  minElevation?: number | null | undefined;
  obsCodes?: Array<string> | string | null | undefined;
  satellites?: Array<string> | string | null | undefined;
  station: string;
  to: string;
}>;


export type SnrByElevationQuery = { snrByElevation: Array<{ elevation: number, constellation: string | null, satellite: string | null, obsCode: string | null, count: number, mean: number, min: number, max: number, stddev: number }> };

export type SnrPointFieldsFragment = { start: string, constellation: string | null, satellite: string | null, obsCode: string | null, band: number | null, count: number, mean: number, min: number, max: number, stddev: number };

export type SnrSeriesQueryVariables = Exact<{
  azimuths?: Array<Array<number> | number> | Array<number> | number | null | undefined;
  bands?: Array<number> | number | null | undefined;
  constellations?: Array<string> | string | null | undefined;
  from: string;
  groupBy?: Array<SnrGroupBy> | SnrGroupBy | null | undefined;
  interval: string;
  maxElevation?: number | null | undefined;
  minElevation?: number | null | undefined;
  obsCodes?: Array<string> | string | null | undefined;
  satellites?: Array<string> | string | null | undefined;
  station: string;
  to: string;
}>;


export type SnrSeriesQuery = { snrSeries: { station: string, interval: string, points: Array<{ start: string, constellation: string | null, satellite: string | null, obsCode: string | null, band: number | null, count: number, mean: number, min: number, max: number, stddev: number }> } };

export type SnrSummaryQueryVariables = Exact<{
  azimuths?: Array<Array<number> | number> | Array<number> | number | null | undefined;
  bands?: Array<number> | number | null | undefined;
  constellations?: Array<string> | string | null | undefined;
  from: string;
  groupBy?: Array<SnrGroupBy> | SnrGroupBy | null | undefined;
  maxElevation?: number | null | undefined;
  minElevation?: number | null | undefined;
  obsCodes?: Array<string> | string | null | undefined;
  satellites?: Array<string> | string | null | undefined;
  station: string;
  to: string;
}>;


export type SnrSummaryQuery = { snrSummary: { station: string, from: string, to: string, total: { start: string, constellation: string | null, satellite: string | null, obsCode: string | null, band: number | null, count: number, mean: number, min: number, max: number, stddev: number } | null, groups: Array<{ start: string, constellation: string | null, satellite: string | null, obsCode: string | null, band: number | null, count: number, mean: number, min: number, max: number, stddev: number }> } };

export type SweepAddedSubscriptionVariables = Exact<{
  moment?: RadarMoment | null | undefined;
  site: string;
}>;


export type SweepAddedSubscription = { sweepAdded: { id: string, elevationNumber: number, elevationAngle: number, moment: RadarMoment, startTime: string, endTime: string, radialCount: number, gateCount: number, firstGateKm: number, gateSpacingKm: number, bbox: Array<number>, corners: Array<Array<number>>, imageUrl: string, metadataUrl: string, tileJsonUrl: string, valueTileJsonUrl: string, site: { id: string } } };

export type ProductAddedSubscriptionVariables = Exact<{
  codes?: Array<number> | number | null | undefined;
  site: string;
}>;


export type ProductAddedSubscription = { productAdded: { id: string, code: number, mnemonic: string, name: string, category: ProductCategory, scanTime: string, elevationAngle: number | null, units: string, bbox: Array<number> | null, corners: Array<Array<number>> | null, imageUrl: string | null, metadataUrl: string, tileJsonUrl: string | null, valueTileJsonUrl: string | null, site: { id: string } } };

export type IngestEventsSubscriptionVariables = Exact<{
  sites?: Array<string> | string | null | undefined;
}>;


export type IngestEventsSubscription = { ingestEvents: { seq: number, at: string, kind: CatalogEventKind, site: string | null, subjectId: string, code: number | null } };

export type SweepFieldsFragment = { id: string, elevationNumber: number, elevationAngle: number, moment: RadarMoment, startTime: string, endTime: string, radialCount: number, gateCount: number, firstGateKm: number, gateSpacingKm: number, bbox: Array<number>, corners: Array<Array<number>>, imageUrl: string, metadataUrl: string, tileJsonUrl: string, valueTileJsonUrl: string, site: { id: string } };

export type SweepPageFragment = { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, elevationNumber: number, elevationAngle: number, moment: RadarMoment, startTime: string, endTime: string, radialCount: number, gateCount: number, firstGateKm: number, gateSpacingKm: number, bbox: Array<number>, corners: Array<Array<number>>, imageUrl: string, metadataUrl: string, tileJsonUrl: string, valueTileJsonUrl: string, site: { id: string } } }> };

export type SweepQueryVariables = Exact<{
  id: string | number;
}>;


export type SweepQuery = { sweep: { id: string, elevationNumber: number, elevationAngle: number, moment: RadarMoment, startTime: string, endTime: string, radialCount: number, gateCount: number, firstGateKm: number, gateSpacingKm: number, bbox: Array<number>, corners: Array<Array<number>>, imageUrl: string, metadataUrl: string, tileJsonUrl: string, valueTileJsonUrl: string, volume: { id: string, scanStart: string, scanEnd: string, vcp: number | null, sweepCount: number, sourceKey: string, zarrUrl: string | null, site: { id: string } }, site: { id: string } } | null };

export type SweepsQueryVariables = Exact<{
  after?: string | null | undefined;
  filter?: SweepFilter | null | undefined;
  first?: number | null | undefined;
  order?: SortOrder | null | undefined;
}>;


export type SweepsQuery = { sweeps: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, elevationNumber: number, elevationAngle: number, moment: RadarMoment, startTime: string, endTime: string, radialCount: number, gateCount: number, firstGateKm: number, gateSpacingKm: number, bbox: Array<number>, corners: Array<Array<number>>, imageUrl: string, metadataUrl: string, tileJsonUrl: string, valueTileJsonUrl: string, site: { id: string } } }> } };

export type VolumeFieldsFragment = { id: string, scanStart: string, scanEnd: string, vcp: number | null, sweepCount: number, sourceKey: string, zarrUrl: string | null, site: { id: string } };

export type VolumePageFragment = { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, scanStart: string, scanEnd: string, vcp: number | null, sweepCount: number, sourceKey: string, zarrUrl: string | null, site: { id: string } } }> };

export type VolumeQueryVariables = Exact<{
  id: string | number;
  maxElevation?: number | null | undefined;
  minElevation?: number | null | undefined;
  moment?: RadarMoment | null | undefined;
  moments?: Array<RadarMoment> | RadarMoment | null | undefined;
}>;


export type VolumeQuery = { volume: { id: string, scanStart: string, scanEnd: string, vcp: number | null, sweepCount: number, sourceKey: string, zarrUrl: string | null, sweeps: Array<{ id: string, elevationNumber: number, elevationAngle: number, moment: RadarMoment, startTime: string, endTime: string, radialCount: number, gateCount: number, firstGateKm: number, gateSpacingKm: number, bbox: Array<number>, corners: Array<Array<number>>, imageUrl: string, metadataUrl: string, tileJsonUrl: string, valueTileJsonUrl: string, site: { id: string } }>, site: { id: string } } | null };

export type VolumesQueryVariables = Exact<{
  after?: string | null | undefined;
  filter?: VolumeFilter | null | undefined;
  first?: number | null | undefined;
  order?: SortOrder | null | undefined;
}>;


export type VolumesQuery = { volumes: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, scanStart: string, scanEnd: string, vcp: number | null, sweepCount: number, sourceKey: string, zarrUrl: string | null, site: { id: string } } }> } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const GnssStationFieldsFragmentDoc = new TypedDocumentString(`
    fragment GnssStationFields on GnssStation {
  id
  name
  longName
  latitude
  longitude
  height
  receiverType
  antennaType
  firstDay
  lastDay
  dayCount
}
    `, {"fragmentName":"GnssStationFields"}) as unknown as TypedDocumentString<GnssStationFieldsFragment, unknown>;
export const RadarSiteFieldsFragmentDoc = new TypedDocumentString(`
    fragment RadarSiteFields on RadarSite {
  id
  latitude
  longitude
  heightM
}
    `, {"fragmentName":"RadarSiteFields"}) as unknown as TypedDocumentString<RadarSiteFieldsFragment, unknown>;
export const VolumeFieldsFragmentDoc = new TypedDocumentString(`
    fragment VolumeFields on Volume {
  id
  site {
    id
  }
  scanStart
  scanEnd
  vcp
  sweepCount
  sourceKey
  zarrUrl
}
    `, {"fragmentName":"VolumeFields"}) as unknown as TypedDocumentString<VolumeFieldsFragment, unknown>;
export const SweepFieldsFragmentDoc = new TypedDocumentString(`
    fragment SweepFields on Sweep {
  id
  site {
    id
  }
  elevationNumber
  elevationAngle
  moment
  startTime
  endTime
  radialCount
  gateCount
  firstGateKm
  gateSpacingKm
  bbox
  corners
  imageUrl
  metadataUrl
  tileJsonUrl
  valueTileJsonUrl
}
    `, {"fragmentName":"SweepFields"}) as unknown as TypedDocumentString<SweepFieldsFragment, unknown>;
export const NodeFieldsFragmentDoc = new TypedDocumentString(`
    fragment NodeFields on Node {
  __typename
  id
  ... on RadarSite {
    ...RadarSiteFields
  }
  ... on Volume {
    ...VolumeFields
  }
  ... on Sweep {
    ...SweepFields
  }
  ... on Product {
    site {
      id
    }
    code
    mnemonic
    name
    category
    scanTime
    units
    metadataUrl
  }
  ... on GnssStation {
    longName
    dayCount
    firstDay
    lastDay
  }
}
    fragment RadarSiteFields on RadarSite {
  id
  latitude
  longitude
  heightM
}
fragment SweepFields on Sweep {
  id
  site {
    id
  }
  elevationNumber
  elevationAngle
  moment
  startTime
  endTime
  radialCount
  gateCount
  firstGateKm
  gateSpacingKm
  bbox
  corners
  imageUrl
  metadataUrl
  tileJsonUrl
  valueTileJsonUrl
}
fragment VolumeFields on Volume {
  id
  site {
    id
  }
  scanStart
  scanEnd
  vcp
  sweepCount
  sourceKey
  zarrUrl
}`, {"fragmentName":"NodeFields"}) as unknown as TypedDocumentString<NodeFieldsFragment, unknown>;
export const PageInfoFieldsFragmentDoc = new TypedDocumentString(`
    fragment PageInfoFields on PageInfo {
  hasNextPage
  endCursor
}
    `, {"fragmentName":"PageInfoFields"}) as unknown as TypedDocumentString<PageInfoFieldsFragment, unknown>;
export const ProductFieldsFragmentDoc = new TypedDocumentString(`
    fragment ProductFields on Product {
  id
  site {
    id
  }
  code
  mnemonic
  name
  category
  scanTime
  elevationAngle
  units
  bbox
  corners
  imageUrl
  metadataUrl
  tileJsonUrl
  valueTileJsonUrl
}
    `, {"fragmentName":"ProductFields"}) as unknown as TypedDocumentString<ProductFieldsFragment, unknown>;
export const ProductPageFragmentDoc = new TypedDocumentString(`
    fragment ProductPage on ProductConnection {
  totalCount
  pageInfo {
    ...PageInfoFields
  }
  edges {
    cursor
    node {
      ...ProductFields
    }
  }
}
    fragment PageInfoFields on PageInfo {
  hasNextPage
  endCursor
}
fragment ProductFields on Product {
  id
  site {
    id
  }
  code
  mnemonic
  name
  category
  scanTime
  elevationAngle
  units
  bbox
  corners
  imageUrl
  metadataUrl
  tileJsonUrl
  valueTileJsonUrl
}`, {"fragmentName":"ProductPage"}) as unknown as TypedDocumentString<ProductPageFragment, unknown>;
export const RadarValueFieldsFragmentDoc = new TypedDocumentString(`
    fragment RadarValueFields on RadarValue {
  value
  units
  site {
    id
  }
  sweep {
    id
    elevationAngle
    tileJsonUrl
  }
  rangeKm
  groundRangeKm
  azimuth
  beamHeightM
  time
  radial
  gate
}
    `, {"fragmentName":"RadarValueFields"}) as unknown as TypedDocumentString<RadarValueFieldsFragment, unknown>;
export const DerivedSiteFieldsFragmentDoc = new TypedDocumentString(`
    fragment DerivedSiteFields on DerivedSite {
  site
  source
  count
  coveredFraction
  gaps {
    from
    to
  }
}
    `, {"fragmentName":"DerivedSiteFields"}) as unknown as TypedDocumentString<DerivedSiteFieldsFragment, unknown>;
export const FieldStatisticsFieldsFragmentDoc = new TypedDocumentString(`
    fragment FieldStatisticsFields on FieldStatistics {
  bbox
  stepDeg
  coveredAreaKm2
  valueAreaKm2
  mean
  max
  areaOver {
    threshold
    areaKm2
  }
}
    `, {"fragmentName":"FieldStatisticsFields"}) as unknown as TypedDocumentString<FieldStatisticsFieldsFragment, unknown>;
export const DerivedFieldFieldsFragmentDoc = new TypedDocumentString(`
    fragment DerivedFieldFields on DerivedField {
  from
  to
  units
  reason
  tileJsonUrl
  valueTileJsonUrl
  sites {
    ...DerivedSiteFields
  }
  missing {
    site
    reason
  }
  statistics {
    ...FieldStatisticsFields
  }
}
    fragment FieldStatisticsFields on FieldStatistics {
  bbox
  stepDeg
  coveredAreaKm2
  valueAreaKm2
  mean
  max
  areaOver {
    threshold
    areaKm2
  }
}
fragment DerivedSiteFields on DerivedSite {
  site
  source
  count
  coveredFraction
  gaps {
    from
    to
  }
}`, {"fragmentName":"DerivedFieldFields"}) as unknown as TypedDocumentString<DerivedFieldFieldsFragment, unknown>;
export const SnrPointFieldsFragmentDoc = new TypedDocumentString(`
    fragment SnrPointFields on SnrPoint {
  start
  constellation
  satellite
  obsCode
  band
  count
  mean
  min
  max
  stddev
}
    `, {"fragmentName":"SnrPointFields"}) as unknown as TypedDocumentString<SnrPointFieldsFragment, unknown>;
export const SweepPageFragmentDoc = new TypedDocumentString(`
    fragment SweepPage on SweepConnection {
  totalCount
  pageInfo {
    ...PageInfoFields
  }
  edges {
    cursor
    node {
      ...SweepFields
    }
  }
}
    fragment PageInfoFields on PageInfo {
  hasNextPage
  endCursor
}
fragment SweepFields on Sweep {
  id
  site {
    id
  }
  elevationNumber
  elevationAngle
  moment
  startTime
  endTime
  radialCount
  gateCount
  firstGateKm
  gateSpacingKm
  bbox
  corners
  imageUrl
  metadataUrl
  tileJsonUrl
  valueTileJsonUrl
}`, {"fragmentName":"SweepPage"}) as unknown as TypedDocumentString<SweepPageFragment, unknown>;
export const VolumePageFragmentDoc = new TypedDocumentString(`
    fragment VolumePage on VolumeConnection {
  totalCount
  pageInfo {
    ...PageInfoFields
  }
  edges {
    cursor
    node {
      ...VolumeFields
    }
  }
}
    fragment PageInfoFields on PageInfo {
  hasNextPage
  endCursor
}
fragment VolumeFields on Volume {
  id
  site {
    id
  }
  scanStart
  scanEnd
  vcp
  sweepCount
  sourceKey
  zarrUrl
}`, {"fragmentName":"VolumePage"}) as unknown as TypedDocumentString<VolumePageFragment, unknown>;
export const DailyReflectorHeightsDocument = new TypedDocumentString(`
    query DailyReflectorHeights($azimuths: [[Float!]!], $frequencies: [Int!], $from: DateTimeISO!, $maxElevation: Float, $maxHeight: Float, $medianFilter: Float, $minElevation: Float, $minHeight: Float, $peakToNoise: Float, $requiredAmplitude: Float, $requiredTracks: Int, $station: String!, $to: DateTimeISO!) {
  dailyReflectorHeights(
    azimuths: $azimuths
    frequencies: $frequencies
    from: $from
    maxElevation: $maxElevation
    maxHeight: $maxHeight
    medianFilter: $medianFilter
    minElevation: $minElevation
    minHeight: $minHeight
    peakToNoise: $peakToNoise
    requiredAmplitude: $requiredAmplitude
    requiredTracks: $requiredTracks
    station: $station
    to: $to
  ) {
    day
    median
    mean
    stddev
    count
    reason
  }
}
    `) as unknown as TypedDocumentString<DailyReflectorHeightsQuery, DailyReflectorHeightsQueryVariables>;
export const GnssStationDocument = new TypedDocumentString(`
    query GnssStation($id: ID!) {
  gnssStation(id: $id) {
    ...GnssStationFields
  }
}
    fragment GnssStationFields on GnssStation {
  id
  name
  longName
  latitude
  longitude
  height
  receiverType
  antennaType
  firstDay
  lastDay
  dayCount
}`) as unknown as TypedDocumentString<GnssStationQuery, GnssStationQueryVariables>;
export const GnssStationsDocument = new TypedDocumentString(`
    query GnssStations {
  gnssStations {
    ...GnssStationFields
  }
}
    fragment GnssStationFields on GnssStation {
  id
  name
  longName
  latitude
  longitude
  height
  receiverType
  antennaType
  firstDay
  lastDay
  dayCount
}`) as unknown as TypedDocumentString<GnssStationsQuery, GnssStationsQueryVariables>;
export const PauseSourceDocument = new TypedDocumentString(`
    mutation PauseSource($source: String!) {
  pauseSource(source: $source) {
    name
    paused
  }
}
    `) as unknown as TypedDocumentString<PauseSourceMutation, PauseSourceMutationVariables>;
export const ResumeSourceDocument = new TypedDocumentString(`
    mutation ResumeSource($source: String!) {
  resumeSource(source: $source) {
    name
    paused
  }
}
    `) as unknown as TypedDocumentString<ResumeSourceMutation, ResumeSourceMutationVariables>;
export const RequestBackfillDocument = new TypedDocumentString(`
    mutation RequestBackfill($from: DateTimeISO!, $source: String!, $to: DateTimeISO!) {
  requestBackfill(from: $from, source: $source, to: $to) {
    id
    source
    from
    to
    requestedAt
  }
}
    `) as unknown as TypedDocumentString<RequestBackfillMutation, RequestBackfillMutationVariables>;
export const SetIngestFlagDocument = new TypedDocumentString(`
    mutation SetIngestFlag($name: String!, $value: String) {
  setIngestFlag(name: $name, value: $value) {
    name
    value
    updatedAt
  }
}
    `) as unknown as TypedDocumentString<SetIngestFlagMutation, SetIngestFlagMutationVariables>;
export const IngestStatusDocument = new TypedDocumentString(`
    query IngestStatus {
  ingestStatus {
    adminView
    failedFiles
    quarantinedFiles
    sources {
      name
      paused
      running
      lastRunAt
      lastSuccessAt
      lastError
      lastErrorAt
      backlog
      ingestedCount
      skippedCount
      failedCount
    }
    failures {
      source
      key
      attempts
      firstFailedAt
      lastFailedAt
      errorCode
      errorMessage
      quarantineKey
    }
    flags {
      name
      value
      updatedAt
    }
    backfills {
      id
      source
      from
      to
      requestedAt
      startedAt
      finishedAt
      error
    }
    pendingObjectDeletions
  }
}
    `) as unknown as TypedDocumentString<IngestStatusQuery, IngestStatusQueryVariables>;
export const LatestPrecipitationDocument = new TypedDocumentString(`
    query LatestPrecipitation($from: DateTimeISO!, $sites: [String!], $to: DateTimeISO!) {
  latestPrecipitation(from: $from, sites: $sites, to: $to) {
    site {
      id
    }
    count
    product {
      ...ProductFields
      maxAccumulationIn
    }
    maxAccumulationIn
    maxProduct {
      id
      scanTime
      maxAccumulationIn
    }
  }
}
    fragment ProductFields on Product {
  id
  site {
    id
  }
  code
  mnemonic
  name
  category
  scanTime
  elevationAngle
  units
  bbox
  corners
  imageUrl
  metadataUrl
  tileJsonUrl
  valueTileJsonUrl
}`) as unknown as TypedDocumentString<LatestPrecipitationQuery, LatestPrecipitationQueryVariables>;
export const LatestProductsDocument = new TypedDocumentString(`
    query LatestProducts($codes: [Int!], $site: String!) {
  latestProducts(codes: $codes, site: $site) {
    ...ProductFields
  }
}
    fragment ProductFields on Product {
  id
  site {
    id
  }
  code
  mnemonic
  name
  category
  scanTime
  elevationAngle
  units
  bbox
  corners
  imageUrl
  metadataUrl
  tileJsonUrl
  valueTileJsonUrl
}`) as unknown as TypedDocumentString<LatestProductsQuery, LatestProductsQueryVariables>;
export const MosaicDocument = new TypedDocumentString(`
    query Mosaic($moment: RadarMoment, $time: DateTimeISO, $toleranceMinutes: Int) {
  mosaic(moment: $moment, time: $time, toleranceMinutes: $toleranceMinutes) {
    time
    toleranceMinutes
    moment
    sites {
      id
    }
    volumes {
      id
      scanStart
    }
    tileJsonUrl
    valueTileJsonUrl
    imageUrl
    metadataUrl
    bbox
    corners
  }
}
    `) as unknown as TypedDocumentString<MosaicQuery, MosaicQueryVariables>;
export const NodeDocument = new TypedDocumentString(`
    query Node($id: ID!) {
  node(id: $id) {
    ...NodeFields
  }
}
    fragment NodeFields on Node {
  __typename
  id
  ... on RadarSite {
    ...RadarSiteFields
  }
  ... on Volume {
    ...VolumeFields
  }
  ... on Sweep {
    ...SweepFields
  }
  ... on Product {
    site {
      id
    }
    code
    mnemonic
    name
    category
    scanTime
    units
    metadataUrl
  }
  ... on GnssStation {
    longName
    dayCount
    firstDay
    lastDay
  }
}
fragment RadarSiteFields on RadarSite {
  id
  latitude
  longitude
  heightM
}
fragment SweepFields on Sweep {
  id
  site {
    id
  }
  elevationNumber
  elevationAngle
  moment
  startTime
  endTime
  radialCount
  gateCount
  firstGateKm
  gateSpacingKm
  bbox
  corners
  imageUrl
  metadataUrl
  tileJsonUrl
  valueTileJsonUrl
}
fragment VolumeFields on Volume {
  id
  site {
    id
  }
  scanStart
  scanEnd
  vcp
  sweepCount
  sourceKey
  zarrUrl
}`) as unknown as TypedDocumentString<NodeQuery, NodeQueryVariables>;
export const NodesDocument = new TypedDocumentString(`
    query Nodes($ids: [ID!]!) {
  nodes(ids: $ids) {
    ...NodeFields
  }
}
    fragment NodeFields on Node {
  __typename
  id
  ... on RadarSite {
    ...RadarSiteFields
  }
  ... on Volume {
    ...VolumeFields
  }
  ... on Sweep {
    ...SweepFields
  }
  ... on Product {
    site {
      id
    }
    code
    mnemonic
    name
    category
    scanTime
    units
    metadataUrl
  }
  ... on GnssStation {
    longName
    dayCount
    firstDay
    lastDay
  }
}
fragment RadarSiteFields on RadarSite {
  id
  latitude
  longitude
  heightM
}
fragment SweepFields on Sweep {
  id
  site {
    id
  }
  elevationNumber
  elevationAngle
  moment
  startTime
  endTime
  radialCount
  gateCount
  firstGateKm
  gateSpacingKm
  bbox
  corners
  imageUrl
  metadataUrl
  tileJsonUrl
  valueTileJsonUrl
}
fragment VolumeFields on Volume {
  id
  site {
    id
  }
  scanStart
  scanEnd
  vcp
  sweepCount
  sourceKey
  zarrUrl
}`) as unknown as TypedDocumentString<NodesQuery, NodesQueryVariables>;
export const ProductCodesDocument = new TypedDocumentString(`
    query ProductCodes($category: ProductCategory, $from: DateTimeISO, $site: String, $to: DateTimeISO) {
  productCodes(category: $category, from: $from, site: $site, to: $to) {
    code
    mnemonic
    name
    category
    units
    count
  }
}
    `) as unknown as TypedDocumentString<ProductCodesQuery, ProductCodesQueryVariables>;
export const ProductDocument = new TypedDocumentString(`
    query Product($id: ID!) {
  product(id: $id) {
    ...ProductFields
    rawUrl
  }
}
    fragment ProductFields on Product {
  id
  site {
    id
  }
  code
  mnemonic
  name
  category
  scanTime
  elevationAngle
  units
  bbox
  corners
  imageUrl
  metadataUrl
  tileJsonUrl
  valueTileJsonUrl
}`) as unknown as TypedDocumentString<ProductQuery, ProductQueryVariables>;
export const ProductsDocument = new TypedDocumentString(`
    query Products($after: String, $filter: ProductFilter, $first: Int, $order: SortOrder) {
  products(after: $after, filter: $filter, first: $first, order: $order) {
    ...ProductPage
  }
}
    fragment PageInfoFields on PageInfo {
  hasNextPage
  endCursor
}
fragment ProductFields on Product {
  id
  site {
    id
  }
  code
  mnemonic
  name
  category
  scanTime
  elevationAngle
  units
  bbox
  corners
  imageUrl
  metadataUrl
  tileJsonUrl
  valueTileJsonUrl
}
fragment ProductPage on ProductConnection {
  totalCount
  pageInfo {
    ...PageInfoFields
  }
  edges {
    cursor
    node {
      ...ProductFields
    }
  }
}`) as unknown as TypedDocumentString<ProductsQuery, ProductsQueryVariables>;
export const RadarCoverageDocument = new TypedDocumentString(`
    query RadarCoverage($from: DateTimeISO!, $interval: String, $sites: [String!], $to: DateTimeISO!) {
  radarCoverage(from: $from, interval: $interval, sites: $sites, to: $to) {
    site {
      id
    }
    interval
    volumes
    sweeps
    products
    buckets {
      start
      volumes
      sweeps
      products
    }
    gaps {
      from
      to
    }
  }
}
    `) as unknown as TypedDocumentString<RadarCoverageQuery, RadarCoverageQueryVariables>;
export const RadarPointSeriesDocument = new TypedDocumentString(`
    query RadarPointSeries($from: DateTimeISO!, $lat: Float!, $lon: Float!, $moment: RadarMoment!, $site: String, $to: DateTimeISO!) {
  radarPointSeries(
    from: $from
    lat: $lat
    lon: $lon
    moment: $moment
    site: $site
    to: $to
  ) {
    ...RadarValueFields
  }
}
    fragment RadarValueFields on RadarValue {
  value
  units
  site {
    id
  }
  sweep {
    id
    elevationAngle
    tileJsonUrl
  }
  rangeKm
  groundRangeKm
  azimuth
  beamHeightM
  time
  radial
  gate
}`) as unknown as TypedDocumentString<RadarPointSeriesQuery, RadarPointSeriesQueryVariables>;
export const RadarSiteVolumesDocument = new TypedDocumentString(`
    query RadarSiteVolumes($id: ID!, $after: String, $first: Int, $from: DateTimeISO, $order: SortOrder, $to: DateTimeISO) {
  radarSite(id: $id) {
    volumes(after: $after, first: $first, from: $from, order: $order, to: $to) {
      ...VolumePage
    }
  }
}
    fragment PageInfoFields on PageInfo {
  hasNextPage
  endCursor
}
fragment VolumeFields on Volume {
  id
  site {
    id
  }
  scanStart
  scanEnd
  vcp
  sweepCount
  sourceKey
  zarrUrl
}
fragment VolumePage on VolumeConnection {
  totalCount
  pageInfo {
    ...PageInfoFields
  }
  edges {
    cursor
    node {
      ...VolumeFields
    }
  }
}`) as unknown as TypedDocumentString<RadarSiteVolumesQuery, RadarSiteVolumesQueryVariables>;
export const RadarSiteDocument = new TypedDocumentString(`
    query RadarSite($id: ID!) {
  radarSite(id: $id) {
    ...RadarSiteFields
    latestVolume {
      ...VolumeFields
    }
  }
}
    fragment RadarSiteFields on RadarSite {
  id
  latitude
  longitude
  heightM
}
fragment VolumeFields on Volume {
  id
  site {
    id
  }
  scanStart
  scanEnd
  vcp
  sweepCount
  sourceKey
  zarrUrl
}`) as unknown as TypedDocumentString<RadarSiteQuery, RadarSiteQueryVariables>;
export const RadarSitesDocument = new TypedDocumentString(`
    query RadarSites($bbox: LonLatBox) {
  radarSites(bbox: $bbox) {
    ...RadarSiteFields
    latestVolume {
      id
      scanStart
      scanEnd
    }
  }
}
    fragment RadarSiteFields on RadarSite {
  id
  latitude
  longitude
  heightM
}`) as unknown as TypedDocumentString<RadarSitesQuery, RadarSitesQueryVariables>;
export const RadarFramesDocument = new TypedDocumentString(`
    query RadarFrames($elevation: Float, $from: DateTimeISO!, $limit: Int, $moment: RadarMoment!, $site: String!, $to: DateTimeISO!) {
  radarFrames(
    elevation: $elevation
    from: $from
    limit: $limit
    moment: $moment
    site: $site
    to: $to
  ) {
    time
    sweep {
      id
      elevationAngle
      imageUrl
    }
    tileJsonUrl
    valueTileJsonUrl
  }
}
    `) as unknown as TypedDocumentString<RadarFramesQuery, RadarFramesQueryVariables>;
export const StormCellsDocument = new TypedDocumentString(`
    query StormCells($from: DateTimeISO!, $site: String!, $to: DateTimeISO!) {
  stormCells(from: $from, site: $site, to: $to) {
    cellId
    time
    lon
    lat
    azimuth
    rangeKm
    maxReflectivity
    maxReflectivityHeightKm
    topKm
    vil
    poh
    posh
    maxHailSizeIn
    mesocyclone
    tvs
    product {
      id
    }
    forecast {
      minutes
      lon
      lat
    }
    past {
      time
      lon
      lat
    }
  }
  stormCellsGeoJsonUrl(site: $site, from: $from, to: $to)
}
    `) as unknown as TypedDocumentString<StormCellsQuery, StormCellsQueryVariables>;
export const RadarValueDocument = new TypedDocumentString(`
    query RadarValue($elevation: Float, $lat: Float!, $lon: Float!, $moment: RadarMoment!, $site: String, $sweep: ID, $time: DateTimeISO) {
  radarValue(
    elevation: $elevation
    lat: $lat
    lon: $lon
    moment: $moment
    site: $site
    sweep: $sweep
    time: $time
  ) {
    ...RadarValueFields
  }
}
    fragment RadarValueFields on RadarValue {
  value
  units
  site {
    id
  }
  sweep {
    id
    elevationAngle
    tileJsonUrl
  }
  rangeKm
  groundRangeKm
  azimuth
  beamHeightM
  time
  radial
  gate
}`) as unknown as TypedDocumentString<RadarValueQuery, RadarValueQueryVariables>;
export const RainfallDocument = new TypedDocumentString(`
    query Rainfall($bbox: LonLatBox, $from: DateTimeISO!, $method: RainfallMethod, $sites: [String!], $thresholds: [Float!], $to: DateTimeISO!) {
  rainfall(
    bbox: $bbox
    from: $from
    method: $method
    sites: $sites
    thresholds: $thresholds
    to: $to
  ) {
    ...DerivedFieldFields
    method
    gapLimitMinutes
    complete
  }
}
    fragment FieldStatisticsFields on FieldStatistics {
  bbox
  stepDeg
  coveredAreaKm2
  valueAreaKm2
  mean
  max
  areaOver {
    threshold
    areaKm2
  }
}
fragment DerivedSiteFields on DerivedSite {
  site
  source
  count
  coveredFraction
  gaps {
    from
    to
  }
}
fragment DerivedFieldFields on DerivedField {
  from
  to
  units
  reason
  tileJsonUrl
  valueTileJsonUrl
  sites {
    ...DerivedSiteFields
  }
  missing {
    site
    reason
  }
  statistics {
    ...FieldStatisticsFields
  }
}`) as unknown as TypedDocumentString<RainfallQuery, RainfallQueryVariables>;
export const RainfallAtPointDocument = new TypedDocumentString(`
    query RainfallAtPoint($from: DateTimeISO!, $interval: String!, $lat: Float!, $lon: Float!, $method: RainfallMethod, $to: DateTimeISO!) {
  rainfallAtPoint(
    from: $from
    interval: $interval
    lat: $lat
    lon: $lon
    method: $method
    to: $to
  ) {
    time
    end
    accumulationMm
    missingMinutes
    site
    source
  }
}
    `) as unknown as TypedDocumentString<RainfallAtPointQuery, RainfallAtPointQueryVariables>;
export const ReflectivitySwathDocument = new TypedDocumentString(`
    query ReflectivitySwath($bbox: LonLatBox, $from: DateTimeISO!, $sites: [String!], $thresholds: [Float!], $to: DateTimeISO!) {
  reflectivitySwath(
    bbox: $bbox
    from: $from
    sites: $sites
    thresholds: $thresholds
    to: $to
  ) {
    ...DerivedFieldFields
  }
}
    fragment FieldStatisticsFields on FieldStatistics {
  bbox
  stepDeg
  coveredAreaKm2
  valueAreaKm2
  mean
  max
  areaOver {
    threshold
    areaKm2
  }
}
fragment DerivedSiteFields on DerivedSite {
  site
  source
  count
  coveredFraction
  gaps {
    from
    to
  }
}
fragment DerivedFieldFields on DerivedField {
  from
  to
  units
  reason
  tileJsonUrl
  valueTileJsonUrl
  sites {
    ...DerivedSiteFields
  }
  missing {
    site
    reason
  }
  statistics {
    ...FieldStatisticsFields
  }
}`) as unknown as TypedDocumentString<ReflectivitySwathQuery, ReflectivitySwathQueryVariables>;
export const MosaicFramesDocument = new TypedDocumentString(`
    query MosaicFrames($moment: RadarMoment! = REF, $from: DateTimeISO!, $to: DateTimeISO!, $interval: String!, $toleranceMinutes: Int) {
  mosaicFrames(
    moment: $moment
    from: $from
    to: $to
    interval: $interval
    toleranceMinutes: $toleranceMinutes
  ) {
    time
    siteCount
    tileJsonUrl
    valueTileJsonUrl
    imageUrl
  }
}
    `) as unknown as TypedDocumentString<MosaicFramesQuery, MosaicFramesQueryVariables>;
export const ReflectorHeightsDocument = new TypedDocumentString(`
    query ReflectorHeights($azimuths: [[Float!]!], $frequencies: [Int!], $from: DateTimeISO!, $maxElevation: Float, $maxHeight: Float, $minElevation: Float, $minHeight: Float, $peakToNoise: Float, $requiredAmplitude: Float, $station: String!, $to: DateTimeISO!) {
  reflectorHeights(
    azimuths: $azimuths
    frequencies: $frequencies
    from: $from
    maxElevation: $maxElevation
    maxHeight: $maxHeight
    minElevation: $minElevation
    minHeight: $minHeight
    peakToNoise: $peakToNoise
    requiredAmplitude: $requiredAmplitude
    station: $station
    to: $to
  ) {
    time
    satellite
    frequency
    height
    amplitude
    peakToNoise
    azimuth
    minElevation
    maxElevation
    rising
    durationMinutes
    points
  }
}
    `) as unknown as TypedDocumentString<ReflectorHeightsQuery, ReflectorHeightsQueryVariables>;
export const SnrByElevationDocument = new TypedDocumentString(`
    query SnrByElevation($azimuths: [[Float!]!], $binWidth: Float, $constellations: [String!], $from: DateTimeISO!, $groupBy: [SnrElevationGroupBy!], $maxElevation: Float, $minElevation: Float, $obsCodes: [String!], $satellites: [String!], $station: String!, $to: DateTimeISO!) {
  snrByElevation(
    azimuths: $azimuths
    binWidth: $binWidth
    constellations: $constellations
    from: $from
    groupBy: $groupBy
    maxElevation: $maxElevation
    minElevation: $minElevation
    obsCodes: $obsCodes
    satellites: $satellites
    station: $station
    to: $to
  ) {
    elevation
    constellation
    satellite
    obsCode
    count
    mean
    min
    max
    stddev
  }
}
    `) as unknown as TypedDocumentString<SnrByElevationQuery, SnrByElevationQueryVariables>;
export const SnrSeriesDocument = new TypedDocumentString(`
    query SnrSeries($azimuths: [[Float!]!], $bands: [Int!], $constellations: [String!], $from: DateTimeISO!, $groupBy: [SnrGroupBy!], $interval: String!, $maxElevation: Float, $minElevation: Float, $obsCodes: [String!], $satellites: [String!], $station: String!, $to: DateTimeISO!) {
  snrSeries(
    azimuths: $azimuths
    bands: $bands
    constellations: $constellations
    from: $from
    groupBy: $groupBy
    interval: $interval
    maxElevation: $maxElevation
    minElevation: $minElevation
    obsCodes: $obsCodes
    satellites: $satellites
    station: $station
    to: $to
  ) {
    station
    interval
    points {
      ...SnrPointFields
    }
  }
}
    fragment SnrPointFields on SnrPoint {
  start
  constellation
  satellite
  obsCode
  band
  count
  mean
  min
  max
  stddev
}`) as unknown as TypedDocumentString<SnrSeriesQuery, SnrSeriesQueryVariables>;
export const SnrSummaryDocument = new TypedDocumentString(`
    query SnrSummary($azimuths: [[Float!]!], $bands: [Int!], $constellations: [String!], $from: DateTimeISO!, $groupBy: [SnrGroupBy!], $maxElevation: Float, $minElevation: Float, $obsCodes: [String!], $satellites: [String!], $station: String!, $to: DateTimeISO!) {
  snrSummary(
    azimuths: $azimuths
    bands: $bands
    constellations: $constellations
    from: $from
    groupBy: $groupBy
    maxElevation: $maxElevation
    minElevation: $minElevation
    obsCodes: $obsCodes
    satellites: $satellites
    station: $station
    to: $to
  ) {
    station
    from
    to
    total {
      ...SnrPointFields
    }
    groups {
      ...SnrPointFields
    }
  }
}
    fragment SnrPointFields on SnrPoint {
  start
  constellation
  satellite
  obsCode
  band
  count
  mean
  min
  max
  stddev
}`) as unknown as TypedDocumentString<SnrSummaryQuery, SnrSummaryQueryVariables>;
export const SweepAddedDocument = new TypedDocumentString(`
    subscription SweepAdded($moment: RadarMoment, $site: String!) {
  sweepAdded(moment: $moment, site: $site) {
    ...SweepFields
  }
}
    fragment SweepFields on Sweep {
  id
  site {
    id
  }
  elevationNumber
  elevationAngle
  moment
  startTime
  endTime
  radialCount
  gateCount
  firstGateKm
  gateSpacingKm
  bbox
  corners
  imageUrl
  metadataUrl
  tileJsonUrl
  valueTileJsonUrl
}`) as unknown as TypedDocumentString<SweepAddedSubscription, SweepAddedSubscriptionVariables>;
export const ProductAddedDocument = new TypedDocumentString(`
    subscription ProductAdded($codes: [Int!], $site: String!) {
  productAdded(codes: $codes, site: $site) {
    ...ProductFields
  }
}
    fragment ProductFields on Product {
  id
  site {
    id
  }
  code
  mnemonic
  name
  category
  scanTime
  elevationAngle
  units
  bbox
  corners
  imageUrl
  metadataUrl
  tileJsonUrl
  valueTileJsonUrl
}`) as unknown as TypedDocumentString<ProductAddedSubscription, ProductAddedSubscriptionVariables>;
export const IngestEventsDocument = new TypedDocumentString(`
    subscription IngestEvents($sites: [String!]) {
  ingestEvents(sites: $sites) {
    seq
    at
    kind
    site
    subjectId
    code
  }
}
    `) as unknown as TypedDocumentString<IngestEventsSubscription, IngestEventsSubscriptionVariables>;
export const SweepDocument = new TypedDocumentString(`
    query Sweep($id: ID!) {
  sweep(id: $id) {
    ...SweepFields
    volume {
      ...VolumeFields
    }
  }
}
    fragment SweepFields on Sweep {
  id
  site {
    id
  }
  elevationNumber
  elevationAngle
  moment
  startTime
  endTime
  radialCount
  gateCount
  firstGateKm
  gateSpacingKm
  bbox
  corners
  imageUrl
  metadataUrl
  tileJsonUrl
  valueTileJsonUrl
}
fragment VolumeFields on Volume {
  id
  site {
    id
  }
  scanStart
  scanEnd
  vcp
  sweepCount
  sourceKey
  zarrUrl
}`) as unknown as TypedDocumentString<SweepQuery, SweepQueryVariables>;
export const SweepsDocument = new TypedDocumentString(`
    query Sweeps($after: String, $filter: SweepFilter, $first: Int, $order: SortOrder) {
  sweeps(after: $after, filter: $filter, first: $first, order: $order) {
    ...SweepPage
  }
}
    fragment PageInfoFields on PageInfo {
  hasNextPage
  endCursor
}
fragment SweepFields on Sweep {
  id
  site {
    id
  }
  elevationNumber
  elevationAngle
  moment
  startTime
  endTime
  radialCount
  gateCount
  firstGateKm
  gateSpacingKm
  bbox
  corners
  imageUrl
  metadataUrl
  tileJsonUrl
  valueTileJsonUrl
}
fragment SweepPage on SweepConnection {
  totalCount
  pageInfo {
    ...PageInfoFields
  }
  edges {
    cursor
    node {
      ...SweepFields
    }
  }
}`) as unknown as TypedDocumentString<SweepsQuery, SweepsQueryVariables>;
export const VolumeDocument = new TypedDocumentString(`
    query Volume($id: ID!, $maxElevation: Float, $minElevation: Float, $moment: RadarMoment, $moments: [RadarMoment!]) {
  volume(id: $id) {
    ...VolumeFields
    sweeps(
      maxElevation: $maxElevation
      minElevation: $minElevation
      moment: $moment
      moments: $moments
    ) {
      ...SweepFields
    }
  }
}
    fragment SweepFields on Sweep {
  id
  site {
    id
  }
  elevationNumber
  elevationAngle
  moment
  startTime
  endTime
  radialCount
  gateCount
  firstGateKm
  gateSpacingKm
  bbox
  corners
  imageUrl
  metadataUrl
  tileJsonUrl
  valueTileJsonUrl
}
fragment VolumeFields on Volume {
  id
  site {
    id
  }
  scanStart
  scanEnd
  vcp
  sweepCount
  sourceKey
  zarrUrl
}`) as unknown as TypedDocumentString<VolumeQuery, VolumeQueryVariables>;
export const VolumesDocument = new TypedDocumentString(`
    query Volumes($after: String, $filter: VolumeFilter, $first: Int, $order: SortOrder) {
  volumes(after: $after, filter: $filter, first: $first, order: $order) {
    ...VolumePage
  }
}
    fragment PageInfoFields on PageInfo {
  hasNextPage
  endCursor
}
fragment VolumeFields on Volume {
  id
  site {
    id
  }
  scanStart
  scanEnd
  vcp
  sweepCount
  sourceKey
  zarrUrl
}
fragment VolumePage on VolumeConnection {
  totalCount
  pageInfo {
    ...PageInfoFields
  }
  edges {
    cursor
    node {
      ...VolumeFields
    }
  }
}`) as unknown as TypedDocumentString<VolumesQuery, VolumesQueryVariables>;