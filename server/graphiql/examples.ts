/** Tabs GraphiQL opens with (until the user's own tabs are in its local storage). */
export const GRAPHIQL_TABS: { query: string }[] = [
  {
    query: `# Latest sweeps of KLOT with their PNG overlays (Ctrl-Enter runs).
query LatestSweeps($site: String = "KLOT") {
  sweeps(filter: { site: $site }, first: 10) {
    totalCount
    edges {
      node {
        id
        moment
        elevationAngle
        startTime
        bbox
        corners
        imageUrl
        metadataUrl
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}
`,
  },
  {
    query: `# Volumes of a site, newest first, with their lowest reflectivity sweep.
query SiteVolumes($site: String = "KLOT", $after: String) {
  volumes(filter: { site: $site }, first: 20, after: $after) {
    totalCount
    edges {
      node {
        id
        scanStart
        scanEnd
        vcp
        sweepCount
        sweeps(moment: REF, maxElevation: 0.6) { id elevationAngle imageUrl }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}
`,
  },
  {
    query: `# Product picker: Level 3 product codes with how many products each has (optionally at one site).
query ProductPicker($site: String, $category: ProductCategory) {
  productCodes(site: $site, category: $category) { code mnemonic name category units count }
}
`,
  },
  {
    query: `# Daily SNR of a GNSS station over a year, per constellation (gnssStations lists the ids).
query SnrDaily($station: String = "CEDA", $from: DateTimeISO = "2024-01-01T00:00:00Z", $to: DateTimeISO = "2025-01-01T00:00:00Z") {
  snrSeries(station: $station, from: $from, to: $to, interval: "P1D", groupBy: [CONSTELLATION]) {
    station
    interval
    points { start constellation count mean min max stddev }
  }
}
`,
  },
  {
    query: `# Ingest status: each daemon source, its backlog and counts. Errors and the failed files
# need the admin token (header Authorization: Bearer <RADOME_ADMIN_TOKEN>); without it they are null.
query IngestStatus {
  ingestStatus {
    adminView failedFiles quarantinedFiles
    sources { name paused running backlog ingestedCount failedCount lastSuccessAt lastError lastErrorAt }
    failures { source key attempts errorCode errorMessage }
    pendingObjectDeletions
  }
}
`,
  },
  {
    query: `# Coverage of a site per hour: volumes, sweeps and products, and the gaps.
query Coverage($site: String = "KLOT", $from: DateTimeISO = "2022-03-17T00:00:00Z", $to: DateTimeISO = "2022-03-18T00:00:00Z") {
  radarCoverage(sites: [$site], from: $from, to: $to, interval: "PT1H") {
    site { id }
    volumes
    sweeps
    products
    gaps { from to }
    buckets { start volumes sweeps products }
  }
}
`,
  },
  {
    query: `# Radar sites in a lon/lat box with their latest volume; any id refetches with node(id).
query RadarSites {
  radarSites(bbox: { west: -95, south: 36, east: -80, north: 46 }) {
    id
    latitude
    longitude
    heightM
    latestVolume { id scanStart }
  }
  node(id: "KLOT") { __typename id }
}
`,
  },
  {
    query: `# Live: each sweep of KLOT as the ingest commits it (runs until stopped; over a websocket).
subscription LiveSweeps($site: String! = "KLOT") {
  sweepAdded(site: $site, moment: REF) {
    id
    elevationAngle
    startTime
    imageUrl
  }
}
`,
  },
];
