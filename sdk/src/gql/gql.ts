/* eslint-disable */
import * as types from './graphql.js';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query DailyReflectorHeights($station: String!, $from: DateTimeISO!, $to: DateTimeISO!, $frequencies: [Int!], $minElevation: Float, $maxElevation: Float, $azimuths: [[Float!]!], $minHeight: Float, $maxHeight: Float, $medianFilter: Float, $requiredTracks: Int) {\n  dailyReflectorHeights(\n    station: $station\n    from: $from\n    to: $to\n    frequencies: $frequencies\n    minElevation: $minElevation\n    maxElevation: $maxElevation\n    azimuths: $azimuths\n    minHeight: $minHeight\n    maxHeight: $maxHeight\n    medianFilter: $medianFilter\n    requiredTracks: $requiredTracks\n  ) {\n    day\n    median\n    mean\n    stddev\n    count\n    reason\n  }\n}": typeof types.DailyReflectorHeightsDocument,
    "fragment GnssStationFields on GnssStation {\n  id\n  name\n  longName\n  latitude\n  longitude\n  height\n  receiverType\n  antennaType\n  firstDay\n  lastDay\n  dayCount\n}": typeof types.GnssStationFieldsFragmentDoc,
    "query GnssStation($id: ID!) {\n  gnssStation(id: $id) {\n    ...GnssStationFields\n  }\n}": typeof types.GnssStationDocument,
    "query GnssStations {\n  gnssStations {\n    ...GnssStationFields\n  }\n}": typeof types.GnssStationsDocument,
    "mutation PauseSource($source: String!) {\n  pauseSource(source: $source) {\n    name\n    paused\n  }\n}\n\nmutation ResumeSource($source: String!) {\n  resumeSource(source: $source) {\n    name\n    paused\n  }\n}\n\nmutation RequestBackfill($source: String!, $from: DateTimeISO!, $to: DateTimeISO!) {\n  requestBackfill(source: $source, from: $from, to: $to) {\n    id\n    source\n    from\n    to\n    requestedAt\n  }\n}\n\nmutation SetIngestFlag($name: String!, $value: String) {\n  setIngestFlag(name: $name, value: $value) {\n    name\n    value\n    updatedAt\n  }\n}": typeof types.PauseSourceDocument,
    "query IngestStatus {\n  ingestStatus {\n    adminView\n    failedFiles\n    quarantinedFiles\n    sources {\n      name\n      paused\n      running\n      lastRunAt\n      lastSuccessAt\n      lastError\n      lastErrorAt\n      backlog\n      ingestedCount\n      skippedCount\n      failedCount\n    }\n    failures {\n      source\n      key\n      attempts\n      firstFailedAt\n      lastFailedAt\n      errorCode\n      errorMessage\n      quarantineKey\n    }\n    flags {\n      name\n      value\n      updatedAt\n    }\n    backfills {\n      id\n      source\n      from\n      to\n      requestedAt\n      startedAt\n      finishedAt\n      error\n    }\n    pendingObjectDeletions\n  }\n}": typeof types.IngestStatusDocument,
    "query LatestPrecipitation($from: DateTimeISO!, $to: DateTimeISO!, $sites: [String!]) {\n  latestPrecipitation(from: $from, to: $to, sites: $sites) {\n    site {\n      id\n    }\n    count\n    product {\n      ...ProductFields\n      maxAccumulationIn\n    }\n    maxAccumulationIn\n    maxProduct {\n      id\n      scanTime\n      maxAccumulationIn\n    }\n  }\n}": typeof types.LatestPrecipitationDocument,
    "query LatestProducts($site: String!, $codes: [Int!]) {\n  latestProducts(site: $site, codes: $codes) {\n    ...ProductFields\n  }\n}": typeof types.LatestProductsDocument,
    "query Mosaic($moment: RadarMoment, $time: DateTimeISO, $toleranceMinutes: Int) {\n  mosaic(moment: $moment, time: $time, toleranceMinutes: $toleranceMinutes) {\n    time\n    toleranceMinutes\n    moment\n    sites {\n      id\n    }\n    volumes {\n      id\n      scanStart\n    }\n    tileJsonUrl\n    valueTileJsonUrl\n    imageUrl\n    metadataUrl\n    bbox\n    corners\n  }\n}": typeof types.MosaicDocument,
    "fragment NodeFields on Node {\n  __typename\n  id\n  ... on RadarSite {\n    ...RadarSiteFields\n  }\n  ... on Volume {\n    ...VolumeFields\n  }\n  ... on Sweep {\n    ...SweepFields\n  }\n  ... on Product {\n    site {\n      id\n    }\n    code\n    mnemonic\n    name\n    category\n    scanTime\n    units\n    metadataUrl\n  }\n  ... on GnssStation {\n    longName\n    dayCount\n    firstDay\n    lastDay\n  }\n}\n\nquery Node($id: ID!) {\n  node(id: $id) {\n    ...NodeFields\n  }\n}\n\nquery Nodes($ids: [ID!]!) {\n  nodes(ids: $ids) {\n    ...NodeFields\n  }\n}": typeof types.NodeFieldsFragmentDoc,
    "query ProductCodes($category: ProductCategory, $site: String, $from: DateTimeISO, $to: DateTimeISO) {\n  productCodes(category: $category, site: $site, from: $from, to: $to) {\n    code\n    mnemonic\n    name\n    category\n    units\n    count\n  }\n}": typeof types.ProductCodesDocument,
    "fragment ProductFields on Product {\n  id\n  site {\n    id\n  }\n  code\n  mnemonic\n  name\n  category\n  scanTime\n  elevationAngle\n  units\n  bbox\n  corners\n  imageUrl\n  metadataUrl\n  tileJsonUrl\n  valueTileJsonUrl\n}": typeof types.ProductFieldsFragmentDoc,
    "query Product($id: ID!) {\n  product(id: $id) {\n    ...ProductFields\n    rawUrl\n  }\n}": typeof types.ProductDocument,
    "query Products($filter: ProductFilter, $first: Int, $after: String, $order: SortOrder) {\n  products(filter: $filter, first: $first, after: $after, order: $order) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        ...ProductFields\n      }\n    }\n  }\n}": typeof types.ProductsDocument,
    "query RadarCoverage($from: DateTimeISO!, $to: DateTimeISO!, $interval: String, $sites: [String!]) {\n  radarCoverage(from: $from, to: $to, interval: $interval, sites: $sites) {\n    site {\n      id\n    }\n    interval\n    volumes\n    sweeps\n    products\n    buckets {\n      start\n      volumes\n      sweeps\n      products\n    }\n    gaps {\n      from\n      to\n    }\n  }\n}": typeof types.RadarCoverageDocument,
    "query RadarPointSeries($lon: Float!, $lat: Float!, $moment: RadarMoment!, $from: DateTimeISO!, $to: DateTimeISO!, $site: String) {\n  radarPointSeries(\n    lon: $lon\n    lat: $lat\n    moment: $moment\n    from: $from\n    to: $to\n    site: $site\n  ) {\n    ...RadarValueFields\n  }\n}": typeof types.RadarPointSeriesDocument,
    "fragment RadarSiteFields on RadarSite {\n  id\n  latitude\n  longitude\n  heightM\n}": typeof types.RadarSiteFieldsFragmentDoc,
    "query RadarSiteVolumes($id: ID!, $from: DateTimeISO, $to: DateTimeISO, $first: Int, $after: String, $order: SortOrder) {\n  radarSite(id: $id) {\n    volumes(from: $from, to: $to, first: $first, after: $after, order: $order) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...VolumeFields\n        }\n      }\n    }\n  }\n}": typeof types.RadarSiteVolumesDocument,
    "query RadarSite($id: ID!) {\n  radarSite(id: $id) {\n    ...RadarSiteFields\n    latestVolume {\n      ...VolumeFields\n    }\n  }\n}": typeof types.RadarSiteDocument,
    "query RadarSites($bbox: LonLatBox) {\n  radarSites(bbox: $bbox) {\n    ...RadarSiteFields\n    latestVolume {\n      id\n      scanStart\n      scanEnd\n    }\n  }\n}": typeof types.RadarSitesDocument,
    "query RadarFrames($site: String!, $moment: RadarMoment!, $elevation: Float = 0.5, $from: DateTimeISO!, $to: DateTimeISO!, $limit: Int) {\n  radarFrames(\n    site: $site\n    moment: $moment\n    elevation: $elevation\n    from: $from\n    to: $to\n    limit: $limit\n  ) {\n    time\n    sweep {\n      id\n      elevationAngle\n      imageUrl\n    }\n  }\n}\n\nquery StormCells($site: String!, $from: DateTimeISO!, $to: DateTimeISO!) {\n  stormCells(site: $site, from: $from, to: $to) {\n    cellId\n    time\n    lon\n    lat\n    azimuth\n    rangeKm\n    maxReflectivity\n    maxReflectivityHeightKm\n    topKm\n    vil\n    poh\n    posh\n    maxHailSizeIn\n    mesocyclone\n    tvs\n    product {\n      id\n    }\n    forecast {\n      minutes\n      lon\n      lat\n    }\n    past {\n      time\n      lon\n      lat\n    }\n  }\n  stormCellsGeoJsonUrl(site: $site, from: $from, to: $to)\n}": typeof types.RadarFramesDocument,
    "fragment RadarValueFields on RadarValue {\n  value\n  units\n  site {\n    id\n  }\n  sweep {\n    id\n    elevationAngle\n    tileJsonUrl\n  }\n  rangeKm\n  groundRangeKm\n  azimuth\n  beamHeightM\n  time\n  radial\n  gate\n}": typeof types.RadarValueFieldsFragmentDoc,
    "query RadarValue($lon: Float!, $lat: Float!, $moment: RadarMoment!, $time: DateTimeISO, $site: String, $elevation: Float, $sweep: ID) {\n  radarValue(\n    lon: $lon\n    lat: $lat\n    moment: $moment\n    time: $time\n    site: $site\n    elevation: $elevation\n    sweep: $sweep\n  ) {\n    ...RadarValueFields\n  }\n}": typeof types.RadarValueDocument,
    "query ReflectorHeights($station: String!, $from: DateTimeISO!, $to: DateTimeISO!, $frequencies: [Int!], $minElevation: Float, $maxElevation: Float, $azimuths: [[Float!]!], $minHeight: Float, $maxHeight: Float) {\n  reflectorHeights(\n    station: $station\n    from: $from\n    to: $to\n    frequencies: $frequencies\n    minElevation: $minElevation\n    maxElevation: $maxElevation\n    azimuths: $azimuths\n    minHeight: $minHeight\n    maxHeight: $maxHeight\n  ) {\n    time\n    satellite\n    frequency\n    height\n    amplitude\n    peakToNoise\n    azimuth\n    minElevation\n    maxElevation\n    rising\n    durationMinutes\n    points\n  }\n}": typeof types.ReflectorHeightsDocument,
    "query SnrByElevation($station: String!, $from: DateTimeISO!, $to: DateTimeISO!, $binWidth: Float, $minElevation: Float, $maxElevation: Float, $azimuths: [[Float!]!], $obsCodes: [String!], $constellations: [String!], $satellites: [String!], $groupBy: [SnrElevationGroupBy!]) {\n  snrByElevation(\n    station: $station\n    from: $from\n    to: $to\n    binWidth: $binWidth\n    minElevation: $minElevation\n    maxElevation: $maxElevation\n    azimuths: $azimuths\n    obsCodes: $obsCodes\n    constellations: $constellations\n    satellites: $satellites\n    groupBy: $groupBy\n  ) {\n    elevation\n    constellation\n    satellite\n    obsCode\n    count\n    mean\n    min\n    max\n    stddev\n  }\n}": typeof types.SnrByElevationDocument,
    "fragment SnrPointFields on SnrPoint {\n  start\n  constellation\n  satellite\n  obsCode\n  band\n  count\n  mean\n  min\n  max\n  stddev\n}": typeof types.SnrPointFieldsFragmentDoc,
    "query SnrSeries($station: String!, $from: DateTimeISO!, $to: DateTimeISO!, $interval: String!, $obsCodes: [String!], $bands: [Int!], $constellations: [String!], $satellites: [String!], $groupBy: [SnrGroupBy!]) {\n  snrSeries(\n    station: $station\n    from: $from\n    to: $to\n    interval: $interval\n    obsCodes: $obsCodes\n    bands: $bands\n    constellations: $constellations\n    satellites: $satellites\n    groupBy: $groupBy\n  ) {\n    station\n    interval\n    points {\n      ...SnrPointFields\n    }\n  }\n}": typeof types.SnrSeriesDocument,
    "query SnrSummary($station: String!, $from: DateTimeISO!, $to: DateTimeISO!, $obsCodes: [String!], $bands: [Int!], $constellations: [String!], $satellites: [String!], $groupBy: [SnrGroupBy!]) {\n  snrSummary(\n    station: $station\n    from: $from\n    to: $to\n    obsCodes: $obsCodes\n    bands: $bands\n    constellations: $constellations\n    satellites: $satellites\n    groupBy: $groupBy\n  ) {\n    station\n    from\n    to\n    total {\n      ...SnrPointFields\n    }\n    groups {\n      ...SnrPointFields\n    }\n  }\n}": typeof types.SnrSummaryDocument,
    "subscription SweepAdded($site: String!, $moment: RadarMoment) {\n  sweepAdded(site: $site, moment: $moment) {\n    ...SweepFields\n  }\n}\n\nsubscription ProductAdded($site: String!, $codes: [Int!]) {\n  productAdded(site: $site, codes: $codes) {\n    ...ProductFields\n  }\n}\n\nsubscription IngestEvents($sites: [String!]) {\n  ingestEvents(sites: $sites) {\n    seq\n    at\n    kind\n    site\n    subjectId\n    code\n  }\n}": typeof types.SweepAddedDocument,
    "fragment SweepFields on Sweep {\n  id\n  site {\n    id\n  }\n  elevationNumber\n  elevationAngle\n  moment\n  startTime\n  endTime\n  radialCount\n  gateCount\n  firstGateKm\n  gateSpacingKm\n  bbox\n  corners\n  imageUrl\n  metadataUrl\n  tileJsonUrl\n  valueTileJsonUrl\n}": typeof types.SweepFieldsFragmentDoc,
    "query Sweep($id: ID!) {\n  sweep(id: $id) {\n    ...SweepFields\n    volume {\n      ...VolumeFields\n    }\n  }\n}": typeof types.SweepDocument,
    "query Sweeps($filter: SweepFilter, $first: Int, $after: String, $order: SortOrder) {\n  sweeps(filter: $filter, first: $first, after: $after, order: $order) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        ...SweepFields\n      }\n    }\n  }\n}": typeof types.SweepsDocument,
    "fragment VolumeFields on Volume {\n  id\n  site {\n    id\n  }\n  scanStart\n  scanEnd\n  vcp\n  sweepCount\n  sourceKey\n  zarrUrl\n}": typeof types.VolumeFieldsFragmentDoc,
    "query Volume($id: ID!, $moment: RadarMoment, $moments: [RadarMoment!], $minElevation: Float, $maxElevation: Float) {\n  volume(id: $id) {\n    ...VolumeFields\n    sweeps(\n      moment: $moment\n      moments: $moments\n      minElevation: $minElevation\n      maxElevation: $maxElevation\n    ) {\n      ...SweepFields\n    }\n  }\n}": typeof types.VolumeDocument,
    "query Volumes($filter: VolumeFilter, $first: Int, $after: String, $order: SortOrder) {\n  volumes(filter: $filter, first: $first, after: $after, order: $order) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        ...VolumeFields\n      }\n    }\n  }\n}": typeof types.VolumesDocument,
};
const documents: Documents = {
    "query DailyReflectorHeights($station: String!, $from: DateTimeISO!, $to: DateTimeISO!, $frequencies: [Int!], $minElevation: Float, $maxElevation: Float, $azimuths: [[Float!]!], $minHeight: Float, $maxHeight: Float, $medianFilter: Float, $requiredTracks: Int) {\n  dailyReflectorHeights(\n    station: $station\n    from: $from\n    to: $to\n    frequencies: $frequencies\n    minElevation: $minElevation\n    maxElevation: $maxElevation\n    azimuths: $azimuths\n    minHeight: $minHeight\n    maxHeight: $maxHeight\n    medianFilter: $medianFilter\n    requiredTracks: $requiredTracks\n  ) {\n    day\n    median\n    mean\n    stddev\n    count\n    reason\n  }\n}": types.DailyReflectorHeightsDocument,
    "fragment GnssStationFields on GnssStation {\n  id\n  name\n  longName\n  latitude\n  longitude\n  height\n  receiverType\n  antennaType\n  firstDay\n  lastDay\n  dayCount\n}": types.GnssStationFieldsFragmentDoc,
    "query GnssStation($id: ID!) {\n  gnssStation(id: $id) {\n    ...GnssStationFields\n  }\n}": types.GnssStationDocument,
    "query GnssStations {\n  gnssStations {\n    ...GnssStationFields\n  }\n}": types.GnssStationsDocument,
    "mutation PauseSource($source: String!) {\n  pauseSource(source: $source) {\n    name\n    paused\n  }\n}\n\nmutation ResumeSource($source: String!) {\n  resumeSource(source: $source) {\n    name\n    paused\n  }\n}\n\nmutation RequestBackfill($source: String!, $from: DateTimeISO!, $to: DateTimeISO!) {\n  requestBackfill(source: $source, from: $from, to: $to) {\n    id\n    source\n    from\n    to\n    requestedAt\n  }\n}\n\nmutation SetIngestFlag($name: String!, $value: String) {\n  setIngestFlag(name: $name, value: $value) {\n    name\n    value\n    updatedAt\n  }\n}": types.PauseSourceDocument,
    "query IngestStatus {\n  ingestStatus {\n    adminView\n    failedFiles\n    quarantinedFiles\n    sources {\n      name\n      paused\n      running\n      lastRunAt\n      lastSuccessAt\n      lastError\n      lastErrorAt\n      backlog\n      ingestedCount\n      skippedCount\n      failedCount\n    }\n    failures {\n      source\n      key\n      attempts\n      firstFailedAt\n      lastFailedAt\n      errorCode\n      errorMessage\n      quarantineKey\n    }\n    flags {\n      name\n      value\n      updatedAt\n    }\n    backfills {\n      id\n      source\n      from\n      to\n      requestedAt\n      startedAt\n      finishedAt\n      error\n    }\n    pendingObjectDeletions\n  }\n}": types.IngestStatusDocument,
    "query LatestPrecipitation($from: DateTimeISO!, $to: DateTimeISO!, $sites: [String!]) {\n  latestPrecipitation(from: $from, to: $to, sites: $sites) {\n    site {\n      id\n    }\n    count\n    product {\n      ...ProductFields\n      maxAccumulationIn\n    }\n    maxAccumulationIn\n    maxProduct {\n      id\n      scanTime\n      maxAccumulationIn\n    }\n  }\n}": types.LatestPrecipitationDocument,
    "query LatestProducts($site: String!, $codes: [Int!]) {\n  latestProducts(site: $site, codes: $codes) {\n    ...ProductFields\n  }\n}": types.LatestProductsDocument,
    "query Mosaic($moment: RadarMoment, $time: DateTimeISO, $toleranceMinutes: Int) {\n  mosaic(moment: $moment, time: $time, toleranceMinutes: $toleranceMinutes) {\n    time\n    toleranceMinutes\n    moment\n    sites {\n      id\n    }\n    volumes {\n      id\n      scanStart\n    }\n    tileJsonUrl\n    valueTileJsonUrl\n    imageUrl\n    metadataUrl\n    bbox\n    corners\n  }\n}": types.MosaicDocument,
    "fragment NodeFields on Node {\n  __typename\n  id\n  ... on RadarSite {\n    ...RadarSiteFields\n  }\n  ... on Volume {\n    ...VolumeFields\n  }\n  ... on Sweep {\n    ...SweepFields\n  }\n  ... on Product {\n    site {\n      id\n    }\n    code\n    mnemonic\n    name\n    category\n    scanTime\n    units\n    metadataUrl\n  }\n  ... on GnssStation {\n    longName\n    dayCount\n    firstDay\n    lastDay\n  }\n}\n\nquery Node($id: ID!) {\n  node(id: $id) {\n    ...NodeFields\n  }\n}\n\nquery Nodes($ids: [ID!]!) {\n  nodes(ids: $ids) {\n    ...NodeFields\n  }\n}": types.NodeFieldsFragmentDoc,
    "query ProductCodes($category: ProductCategory, $site: String, $from: DateTimeISO, $to: DateTimeISO) {\n  productCodes(category: $category, site: $site, from: $from, to: $to) {\n    code\n    mnemonic\n    name\n    category\n    units\n    count\n  }\n}": types.ProductCodesDocument,
    "fragment ProductFields on Product {\n  id\n  site {\n    id\n  }\n  code\n  mnemonic\n  name\n  category\n  scanTime\n  elevationAngle\n  units\n  bbox\n  corners\n  imageUrl\n  metadataUrl\n  tileJsonUrl\n  valueTileJsonUrl\n}": types.ProductFieldsFragmentDoc,
    "query Product($id: ID!) {\n  product(id: $id) {\n    ...ProductFields\n    rawUrl\n  }\n}": types.ProductDocument,
    "query Products($filter: ProductFilter, $first: Int, $after: String, $order: SortOrder) {\n  products(filter: $filter, first: $first, after: $after, order: $order) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        ...ProductFields\n      }\n    }\n  }\n}": types.ProductsDocument,
    "query RadarCoverage($from: DateTimeISO!, $to: DateTimeISO!, $interval: String, $sites: [String!]) {\n  radarCoverage(from: $from, to: $to, interval: $interval, sites: $sites) {\n    site {\n      id\n    }\n    interval\n    volumes\n    sweeps\n    products\n    buckets {\n      start\n      volumes\n      sweeps\n      products\n    }\n    gaps {\n      from\n      to\n    }\n  }\n}": types.RadarCoverageDocument,
    "query RadarPointSeries($lon: Float!, $lat: Float!, $moment: RadarMoment!, $from: DateTimeISO!, $to: DateTimeISO!, $site: String) {\n  radarPointSeries(\n    lon: $lon\n    lat: $lat\n    moment: $moment\n    from: $from\n    to: $to\n    site: $site\n  ) {\n    ...RadarValueFields\n  }\n}": types.RadarPointSeriesDocument,
    "fragment RadarSiteFields on RadarSite {\n  id\n  latitude\n  longitude\n  heightM\n}": types.RadarSiteFieldsFragmentDoc,
    "query RadarSiteVolumes($id: ID!, $from: DateTimeISO, $to: DateTimeISO, $first: Int, $after: String, $order: SortOrder) {\n  radarSite(id: $id) {\n    volumes(from: $from, to: $to, first: $first, after: $after, order: $order) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...VolumeFields\n        }\n      }\n    }\n  }\n}": types.RadarSiteVolumesDocument,
    "query RadarSite($id: ID!) {\n  radarSite(id: $id) {\n    ...RadarSiteFields\n    latestVolume {\n      ...VolumeFields\n    }\n  }\n}": types.RadarSiteDocument,
    "query RadarSites($bbox: LonLatBox) {\n  radarSites(bbox: $bbox) {\n    ...RadarSiteFields\n    latestVolume {\n      id\n      scanStart\n      scanEnd\n    }\n  }\n}": types.RadarSitesDocument,
    "query RadarFrames($site: String!, $moment: RadarMoment!, $elevation: Float = 0.5, $from: DateTimeISO!, $to: DateTimeISO!, $limit: Int) {\n  radarFrames(\n    site: $site\n    moment: $moment\n    elevation: $elevation\n    from: $from\n    to: $to\n    limit: $limit\n  ) {\n    time\n    sweep {\n      id\n      elevationAngle\n      imageUrl\n    }\n  }\n}\n\nquery StormCells($site: String!, $from: DateTimeISO!, $to: DateTimeISO!) {\n  stormCells(site: $site, from: $from, to: $to) {\n    cellId\n    time\n    lon\n    lat\n    azimuth\n    rangeKm\n    maxReflectivity\n    maxReflectivityHeightKm\n    topKm\n    vil\n    poh\n    posh\n    maxHailSizeIn\n    mesocyclone\n    tvs\n    product {\n      id\n    }\n    forecast {\n      minutes\n      lon\n      lat\n    }\n    past {\n      time\n      lon\n      lat\n    }\n  }\n  stormCellsGeoJsonUrl(site: $site, from: $from, to: $to)\n}": types.RadarFramesDocument,
    "fragment RadarValueFields on RadarValue {\n  value\n  units\n  site {\n    id\n  }\n  sweep {\n    id\n    elevationAngle\n    tileJsonUrl\n  }\n  rangeKm\n  groundRangeKm\n  azimuth\n  beamHeightM\n  time\n  radial\n  gate\n}": types.RadarValueFieldsFragmentDoc,
    "query RadarValue($lon: Float!, $lat: Float!, $moment: RadarMoment!, $time: DateTimeISO, $site: String, $elevation: Float, $sweep: ID) {\n  radarValue(\n    lon: $lon\n    lat: $lat\n    moment: $moment\n    time: $time\n    site: $site\n    elevation: $elevation\n    sweep: $sweep\n  ) {\n    ...RadarValueFields\n  }\n}": types.RadarValueDocument,
    "query ReflectorHeights($station: String!, $from: DateTimeISO!, $to: DateTimeISO!, $frequencies: [Int!], $minElevation: Float, $maxElevation: Float, $azimuths: [[Float!]!], $minHeight: Float, $maxHeight: Float) {\n  reflectorHeights(\n    station: $station\n    from: $from\n    to: $to\n    frequencies: $frequencies\n    minElevation: $minElevation\n    maxElevation: $maxElevation\n    azimuths: $azimuths\n    minHeight: $minHeight\n    maxHeight: $maxHeight\n  ) {\n    time\n    satellite\n    frequency\n    height\n    amplitude\n    peakToNoise\n    azimuth\n    minElevation\n    maxElevation\n    rising\n    durationMinutes\n    points\n  }\n}": types.ReflectorHeightsDocument,
    "query SnrByElevation($station: String!, $from: DateTimeISO!, $to: DateTimeISO!, $binWidth: Float, $minElevation: Float, $maxElevation: Float, $azimuths: [[Float!]!], $obsCodes: [String!], $constellations: [String!], $satellites: [String!], $groupBy: [SnrElevationGroupBy!]) {\n  snrByElevation(\n    station: $station\n    from: $from\n    to: $to\n    binWidth: $binWidth\n    minElevation: $minElevation\n    maxElevation: $maxElevation\n    azimuths: $azimuths\n    obsCodes: $obsCodes\n    constellations: $constellations\n    satellites: $satellites\n    groupBy: $groupBy\n  ) {\n    elevation\n    constellation\n    satellite\n    obsCode\n    count\n    mean\n    min\n    max\n    stddev\n  }\n}": types.SnrByElevationDocument,
    "fragment SnrPointFields on SnrPoint {\n  start\n  constellation\n  satellite\n  obsCode\n  band\n  count\n  mean\n  min\n  max\n  stddev\n}": types.SnrPointFieldsFragmentDoc,
    "query SnrSeries($station: String!, $from: DateTimeISO!, $to: DateTimeISO!, $interval: String!, $obsCodes: [String!], $bands: [Int!], $constellations: [String!], $satellites: [String!], $groupBy: [SnrGroupBy!]) {\n  snrSeries(\n    station: $station\n    from: $from\n    to: $to\n    interval: $interval\n    obsCodes: $obsCodes\n    bands: $bands\n    constellations: $constellations\n    satellites: $satellites\n    groupBy: $groupBy\n  ) {\n    station\n    interval\n    points {\n      ...SnrPointFields\n    }\n  }\n}": types.SnrSeriesDocument,
    "query SnrSummary($station: String!, $from: DateTimeISO!, $to: DateTimeISO!, $obsCodes: [String!], $bands: [Int!], $constellations: [String!], $satellites: [String!], $groupBy: [SnrGroupBy!]) {\n  snrSummary(\n    station: $station\n    from: $from\n    to: $to\n    obsCodes: $obsCodes\n    bands: $bands\n    constellations: $constellations\n    satellites: $satellites\n    groupBy: $groupBy\n  ) {\n    station\n    from\n    to\n    total {\n      ...SnrPointFields\n    }\n    groups {\n      ...SnrPointFields\n    }\n  }\n}": types.SnrSummaryDocument,
    "subscription SweepAdded($site: String!, $moment: RadarMoment) {\n  sweepAdded(site: $site, moment: $moment) {\n    ...SweepFields\n  }\n}\n\nsubscription ProductAdded($site: String!, $codes: [Int!]) {\n  productAdded(site: $site, codes: $codes) {\n    ...ProductFields\n  }\n}\n\nsubscription IngestEvents($sites: [String!]) {\n  ingestEvents(sites: $sites) {\n    seq\n    at\n    kind\n    site\n    subjectId\n    code\n  }\n}": types.SweepAddedDocument,
    "fragment SweepFields on Sweep {\n  id\n  site {\n    id\n  }\n  elevationNumber\n  elevationAngle\n  moment\n  startTime\n  endTime\n  radialCount\n  gateCount\n  firstGateKm\n  gateSpacingKm\n  bbox\n  corners\n  imageUrl\n  metadataUrl\n  tileJsonUrl\n  valueTileJsonUrl\n}": types.SweepFieldsFragmentDoc,
    "query Sweep($id: ID!) {\n  sweep(id: $id) {\n    ...SweepFields\n    volume {\n      ...VolumeFields\n    }\n  }\n}": types.SweepDocument,
    "query Sweeps($filter: SweepFilter, $first: Int, $after: String, $order: SortOrder) {\n  sweeps(filter: $filter, first: $first, after: $after, order: $order) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        ...SweepFields\n      }\n    }\n  }\n}": types.SweepsDocument,
    "fragment VolumeFields on Volume {\n  id\n  site {\n    id\n  }\n  scanStart\n  scanEnd\n  vcp\n  sweepCount\n  sourceKey\n  zarrUrl\n}": types.VolumeFieldsFragmentDoc,
    "query Volume($id: ID!, $moment: RadarMoment, $moments: [RadarMoment!], $minElevation: Float, $maxElevation: Float) {\n  volume(id: $id) {\n    ...VolumeFields\n    sweeps(\n      moment: $moment\n      moments: $moments\n      minElevation: $minElevation\n      maxElevation: $maxElevation\n    ) {\n      ...SweepFields\n    }\n  }\n}": types.VolumeDocument,
    "query Volumes($filter: VolumeFilter, $first: Int, $after: String, $order: SortOrder) {\n  volumes(filter: $filter, first: $first, after: $after, order: $order) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        ...VolumeFields\n      }\n    }\n  }\n}": types.VolumesDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DailyReflectorHeights($station: String!, $from: DateTimeISO!, $to: DateTimeISO!, $frequencies: [Int!], $minElevation: Float, $maxElevation: Float, $azimuths: [[Float!]!], $minHeight: Float, $maxHeight: Float, $medianFilter: Float, $requiredTracks: Int) {\n  dailyReflectorHeights(\n    station: $station\n    from: $from\n    to: $to\n    frequencies: $frequencies\n    minElevation: $minElevation\n    maxElevation: $maxElevation\n    azimuths: $azimuths\n    minHeight: $minHeight\n    maxHeight: $maxHeight\n    medianFilter: $medianFilter\n    requiredTracks: $requiredTracks\n  ) {\n    day\n    median\n    mean\n    stddev\n    count\n    reason\n  }\n}"): typeof import('./graphql.js').DailyReflectorHeightsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment GnssStationFields on GnssStation {\n  id\n  name\n  longName\n  latitude\n  longitude\n  height\n  receiverType\n  antennaType\n  firstDay\n  lastDay\n  dayCount\n}"): typeof import('./graphql.js').GnssStationFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query GnssStation($id: ID!) {\n  gnssStation(id: $id) {\n    ...GnssStationFields\n  }\n}"): typeof import('./graphql.js').GnssStationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query GnssStations {\n  gnssStations {\n    ...GnssStationFields\n  }\n}"): typeof import('./graphql.js').GnssStationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation PauseSource($source: String!) {\n  pauseSource(source: $source) {\n    name\n    paused\n  }\n}\n\nmutation ResumeSource($source: String!) {\n  resumeSource(source: $source) {\n    name\n    paused\n  }\n}\n\nmutation RequestBackfill($source: String!, $from: DateTimeISO!, $to: DateTimeISO!) {\n  requestBackfill(source: $source, from: $from, to: $to) {\n    id\n    source\n    from\n    to\n    requestedAt\n  }\n}\n\nmutation SetIngestFlag($name: String!, $value: String) {\n  setIngestFlag(name: $name, value: $value) {\n    name\n    value\n    updatedAt\n  }\n}"): typeof import('./graphql.js').PauseSourceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query IngestStatus {\n  ingestStatus {\n    adminView\n    failedFiles\n    quarantinedFiles\n    sources {\n      name\n      paused\n      running\n      lastRunAt\n      lastSuccessAt\n      lastError\n      lastErrorAt\n      backlog\n      ingestedCount\n      skippedCount\n      failedCount\n    }\n    failures {\n      source\n      key\n      attempts\n      firstFailedAt\n      lastFailedAt\n      errorCode\n      errorMessage\n      quarantineKey\n    }\n    flags {\n      name\n      value\n      updatedAt\n    }\n    backfills {\n      id\n      source\n      from\n      to\n      requestedAt\n      startedAt\n      finishedAt\n      error\n    }\n    pendingObjectDeletions\n  }\n}"): typeof import('./graphql.js').IngestStatusDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query LatestPrecipitation($from: DateTimeISO!, $to: DateTimeISO!, $sites: [String!]) {\n  latestPrecipitation(from: $from, to: $to, sites: $sites) {\n    site {\n      id\n    }\n    count\n    product {\n      ...ProductFields\n      maxAccumulationIn\n    }\n    maxAccumulationIn\n    maxProduct {\n      id\n      scanTime\n      maxAccumulationIn\n    }\n  }\n}"): typeof import('./graphql.js').LatestPrecipitationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query LatestProducts($site: String!, $codes: [Int!]) {\n  latestProducts(site: $site, codes: $codes) {\n    ...ProductFields\n  }\n}"): typeof import('./graphql.js').LatestProductsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Mosaic($moment: RadarMoment, $time: DateTimeISO, $toleranceMinutes: Int) {\n  mosaic(moment: $moment, time: $time, toleranceMinutes: $toleranceMinutes) {\n    time\n    toleranceMinutes\n    moment\n    sites {\n      id\n    }\n    volumes {\n      id\n      scanStart\n    }\n    tileJsonUrl\n    valueTileJsonUrl\n    imageUrl\n    metadataUrl\n    bbox\n    corners\n  }\n}"): typeof import('./graphql.js').MosaicDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment NodeFields on Node {\n  __typename\n  id\n  ... on RadarSite {\n    ...RadarSiteFields\n  }\n  ... on Volume {\n    ...VolumeFields\n  }\n  ... on Sweep {\n    ...SweepFields\n  }\n  ... on Product {\n    site {\n      id\n    }\n    code\n    mnemonic\n    name\n    category\n    scanTime\n    units\n    metadataUrl\n  }\n  ... on GnssStation {\n    longName\n    dayCount\n    firstDay\n    lastDay\n  }\n}\n\nquery Node($id: ID!) {\n  node(id: $id) {\n    ...NodeFields\n  }\n}\n\nquery Nodes($ids: [ID!]!) {\n  nodes(ids: $ids) {\n    ...NodeFields\n  }\n}"): typeof import('./graphql.js').NodeFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ProductCodes($category: ProductCategory, $site: String, $from: DateTimeISO, $to: DateTimeISO) {\n  productCodes(category: $category, site: $site, from: $from, to: $to) {\n    code\n    mnemonic\n    name\n    category\n    units\n    count\n  }\n}"): typeof import('./graphql.js').ProductCodesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment ProductFields on Product {\n  id\n  site {\n    id\n  }\n  code\n  mnemonic\n  name\n  category\n  scanTime\n  elevationAngle\n  units\n  bbox\n  corners\n  imageUrl\n  metadataUrl\n  tileJsonUrl\n  valueTileJsonUrl\n}"): typeof import('./graphql.js').ProductFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Product($id: ID!) {\n  product(id: $id) {\n    ...ProductFields\n    rawUrl\n  }\n}"): typeof import('./graphql.js').ProductDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Products($filter: ProductFilter, $first: Int, $after: String, $order: SortOrder) {\n  products(filter: $filter, first: $first, after: $after, order: $order) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        ...ProductFields\n      }\n    }\n  }\n}"): typeof import('./graphql.js').ProductsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RadarCoverage($from: DateTimeISO!, $to: DateTimeISO!, $interval: String, $sites: [String!]) {\n  radarCoverage(from: $from, to: $to, interval: $interval, sites: $sites) {\n    site {\n      id\n    }\n    interval\n    volumes\n    sweeps\n    products\n    buckets {\n      start\n      volumes\n      sweeps\n      products\n    }\n    gaps {\n      from\n      to\n    }\n  }\n}"): typeof import('./graphql.js').RadarCoverageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RadarPointSeries($lon: Float!, $lat: Float!, $moment: RadarMoment!, $from: DateTimeISO!, $to: DateTimeISO!, $site: String) {\n  radarPointSeries(\n    lon: $lon\n    lat: $lat\n    moment: $moment\n    from: $from\n    to: $to\n    site: $site\n  ) {\n    ...RadarValueFields\n  }\n}"): typeof import('./graphql.js').RadarPointSeriesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment RadarSiteFields on RadarSite {\n  id\n  latitude\n  longitude\n  heightM\n}"): typeof import('./graphql.js').RadarSiteFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RadarSiteVolumes($id: ID!, $from: DateTimeISO, $to: DateTimeISO, $first: Int, $after: String, $order: SortOrder) {\n  radarSite(id: $id) {\n    volumes(from: $from, to: $to, first: $first, after: $after, order: $order) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...VolumeFields\n        }\n      }\n    }\n  }\n}"): typeof import('./graphql.js').RadarSiteVolumesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RadarSite($id: ID!) {\n  radarSite(id: $id) {\n    ...RadarSiteFields\n    latestVolume {\n      ...VolumeFields\n    }\n  }\n}"): typeof import('./graphql.js').RadarSiteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RadarSites($bbox: LonLatBox) {\n  radarSites(bbox: $bbox) {\n    ...RadarSiteFields\n    latestVolume {\n      id\n      scanStart\n      scanEnd\n    }\n  }\n}"): typeof import('./graphql.js').RadarSitesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RadarFrames($site: String!, $moment: RadarMoment!, $elevation: Float = 0.5, $from: DateTimeISO!, $to: DateTimeISO!, $limit: Int) {\n  radarFrames(\n    site: $site\n    moment: $moment\n    elevation: $elevation\n    from: $from\n    to: $to\n    limit: $limit\n  ) {\n    time\n    sweep {\n      id\n      elevationAngle\n      imageUrl\n    }\n  }\n}\n\nquery StormCells($site: String!, $from: DateTimeISO!, $to: DateTimeISO!) {\n  stormCells(site: $site, from: $from, to: $to) {\n    cellId\n    time\n    lon\n    lat\n    azimuth\n    rangeKm\n    maxReflectivity\n    maxReflectivityHeightKm\n    topKm\n    vil\n    poh\n    posh\n    maxHailSizeIn\n    mesocyclone\n    tvs\n    product {\n      id\n    }\n    forecast {\n      minutes\n      lon\n      lat\n    }\n    past {\n      time\n      lon\n      lat\n    }\n  }\n  stormCellsGeoJsonUrl(site: $site, from: $from, to: $to)\n}"): typeof import('./graphql.js').RadarFramesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment RadarValueFields on RadarValue {\n  value\n  units\n  site {\n    id\n  }\n  sweep {\n    id\n    elevationAngle\n    tileJsonUrl\n  }\n  rangeKm\n  groundRangeKm\n  azimuth\n  beamHeightM\n  time\n  radial\n  gate\n}"): typeof import('./graphql.js').RadarValueFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RadarValue($lon: Float!, $lat: Float!, $moment: RadarMoment!, $time: DateTimeISO, $site: String, $elevation: Float, $sweep: ID) {\n  radarValue(\n    lon: $lon\n    lat: $lat\n    moment: $moment\n    time: $time\n    site: $site\n    elevation: $elevation\n    sweep: $sweep\n  ) {\n    ...RadarValueFields\n  }\n}"): typeof import('./graphql.js').RadarValueDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ReflectorHeights($station: String!, $from: DateTimeISO!, $to: DateTimeISO!, $frequencies: [Int!], $minElevation: Float, $maxElevation: Float, $azimuths: [[Float!]!], $minHeight: Float, $maxHeight: Float) {\n  reflectorHeights(\n    station: $station\n    from: $from\n    to: $to\n    frequencies: $frequencies\n    minElevation: $minElevation\n    maxElevation: $maxElevation\n    azimuths: $azimuths\n    minHeight: $minHeight\n    maxHeight: $maxHeight\n  ) {\n    time\n    satellite\n    frequency\n    height\n    amplitude\n    peakToNoise\n    azimuth\n    minElevation\n    maxElevation\n    rising\n    durationMinutes\n    points\n  }\n}"): typeof import('./graphql.js').ReflectorHeightsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SnrByElevation($station: String!, $from: DateTimeISO!, $to: DateTimeISO!, $binWidth: Float, $minElevation: Float, $maxElevation: Float, $azimuths: [[Float!]!], $obsCodes: [String!], $constellations: [String!], $satellites: [String!], $groupBy: [SnrElevationGroupBy!]) {\n  snrByElevation(\n    station: $station\n    from: $from\n    to: $to\n    binWidth: $binWidth\n    minElevation: $minElevation\n    maxElevation: $maxElevation\n    azimuths: $azimuths\n    obsCodes: $obsCodes\n    constellations: $constellations\n    satellites: $satellites\n    groupBy: $groupBy\n  ) {\n    elevation\n    constellation\n    satellite\n    obsCode\n    count\n    mean\n    min\n    max\n    stddev\n  }\n}"): typeof import('./graphql.js').SnrByElevationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment SnrPointFields on SnrPoint {\n  start\n  constellation\n  satellite\n  obsCode\n  band\n  count\n  mean\n  min\n  max\n  stddev\n}"): typeof import('./graphql.js').SnrPointFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SnrSeries($station: String!, $from: DateTimeISO!, $to: DateTimeISO!, $interval: String!, $obsCodes: [String!], $bands: [Int!], $constellations: [String!], $satellites: [String!], $groupBy: [SnrGroupBy!]) {\n  snrSeries(\n    station: $station\n    from: $from\n    to: $to\n    interval: $interval\n    obsCodes: $obsCodes\n    bands: $bands\n    constellations: $constellations\n    satellites: $satellites\n    groupBy: $groupBy\n  ) {\n    station\n    interval\n    points {\n      ...SnrPointFields\n    }\n  }\n}"): typeof import('./graphql.js').SnrSeriesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SnrSummary($station: String!, $from: DateTimeISO!, $to: DateTimeISO!, $obsCodes: [String!], $bands: [Int!], $constellations: [String!], $satellites: [String!], $groupBy: [SnrGroupBy!]) {\n  snrSummary(\n    station: $station\n    from: $from\n    to: $to\n    obsCodes: $obsCodes\n    bands: $bands\n    constellations: $constellations\n    satellites: $satellites\n    groupBy: $groupBy\n  ) {\n    station\n    from\n    to\n    total {\n      ...SnrPointFields\n    }\n    groups {\n      ...SnrPointFields\n    }\n  }\n}"): typeof import('./graphql.js').SnrSummaryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription SweepAdded($site: String!, $moment: RadarMoment) {\n  sweepAdded(site: $site, moment: $moment) {\n    ...SweepFields\n  }\n}\n\nsubscription ProductAdded($site: String!, $codes: [Int!]) {\n  productAdded(site: $site, codes: $codes) {\n    ...ProductFields\n  }\n}\n\nsubscription IngestEvents($sites: [String!]) {\n  ingestEvents(sites: $sites) {\n    seq\n    at\n    kind\n    site\n    subjectId\n    code\n  }\n}"): typeof import('./graphql.js').SweepAddedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment SweepFields on Sweep {\n  id\n  site {\n    id\n  }\n  elevationNumber\n  elevationAngle\n  moment\n  startTime\n  endTime\n  radialCount\n  gateCount\n  firstGateKm\n  gateSpacingKm\n  bbox\n  corners\n  imageUrl\n  metadataUrl\n  tileJsonUrl\n  valueTileJsonUrl\n}"): typeof import('./graphql.js').SweepFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Sweep($id: ID!) {\n  sweep(id: $id) {\n    ...SweepFields\n    volume {\n      ...VolumeFields\n    }\n  }\n}"): typeof import('./graphql.js').SweepDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Sweeps($filter: SweepFilter, $first: Int, $after: String, $order: SortOrder) {\n  sweeps(filter: $filter, first: $first, after: $after, order: $order) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        ...SweepFields\n      }\n    }\n  }\n}"): typeof import('./graphql.js').SweepsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment VolumeFields on Volume {\n  id\n  site {\n    id\n  }\n  scanStart\n  scanEnd\n  vcp\n  sweepCount\n  sourceKey\n  zarrUrl\n}"): typeof import('./graphql.js').VolumeFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Volume($id: ID!, $moment: RadarMoment, $moments: [RadarMoment!], $minElevation: Float, $maxElevation: Float) {\n  volume(id: $id) {\n    ...VolumeFields\n    sweeps(\n      moment: $moment\n      moments: $moments\n      minElevation: $minElevation\n      maxElevation: $maxElevation\n    ) {\n      ...SweepFields\n    }\n  }\n}"): typeof import('./graphql.js').VolumeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Volumes($filter: VolumeFilter, $first: Int, $after: String, $order: SortOrder) {\n  volumes(filter: $filter, first: $first, after: $after, order: $order) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        ...VolumeFields\n      }\n    }\n  }\n}"): typeof import('./graphql.js').VolumesDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
