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
    query: `# Every radar site in the catalog and its latest volume.
query RadarSites {
  radarSites {
    id
    latitude
    longitude
    heightM
    latestVolume { id scanStart }
  }
}
`,
  },
];
