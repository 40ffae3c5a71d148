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
    "fragment RadarSiteFields on RadarSite {\n  id\n  latitude\n  longitude\n  heightM\n}": typeof types.RadarSiteFieldsFragmentDoc,
    "query RadarSites {\n  radarSites {\n    ...RadarSiteFields\n    latestVolume {\n      id\n      scanStart\n      scanEnd\n    }\n  }\n}": typeof types.RadarSitesDocument,
    "fragment SweepFields on Sweep {\n  id\n  site {\n    id\n  }\n  elevationNumber\n  elevationAngle\n  moment\n  startTime\n  endTime\n  radialCount\n  gateCount\n  firstGateKm\n  gateSpacingKm\n  bbox\n  corners\n  imageUrl\n  metadataUrl\n}": typeof types.SweepFieldsFragmentDoc,
    "query Sweep($id: ID!) {\n  sweep(id: $id) {\n    ...SweepFields\n    volume {\n      ...VolumeFields\n    }\n  }\n}": typeof types.SweepDocument,
    "query Sweeps($filter: SweepFilter, $first: Int, $after: String, $order: SortOrder) {\n  sweeps(filter: $filter, first: $first, after: $after, order: $order) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        ...SweepFields\n      }\n    }\n  }\n}": typeof types.SweepsDocument,
    "fragment VolumeFields on Volume {\n  id\n  site {\n    id\n  }\n  scanStart\n  scanEnd\n  vcp\n  sweepCount\n  sourceKey\n}": typeof types.VolumeFieldsFragmentDoc,
    "query Volume($id: ID!, $moment: RadarMoment, $moments: [RadarMoment!], $minElevation: Float, $maxElevation: Float) {\n  volume(id: $id) {\n    ...VolumeFields\n    sweeps(\n      moment: $moment\n      moments: $moments\n      minElevation: $minElevation\n      maxElevation: $maxElevation\n    ) {\n      ...SweepFields\n    }\n  }\n}": typeof types.VolumeDocument,
    "query Volumes($filter: VolumeFilter, $first: Int, $after: String, $order: SortOrder) {\n  volumes(filter: $filter, first: $first, after: $after, order: $order) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        ...VolumeFields\n      }\n    }\n  }\n}": typeof types.VolumesDocument,
};
const documents: Documents = {
    "fragment RadarSiteFields on RadarSite {\n  id\n  latitude\n  longitude\n  heightM\n}": types.RadarSiteFieldsFragmentDoc,
    "query RadarSites {\n  radarSites {\n    ...RadarSiteFields\n    latestVolume {\n      id\n      scanStart\n      scanEnd\n    }\n  }\n}": types.RadarSitesDocument,
    "fragment SweepFields on Sweep {\n  id\n  site {\n    id\n  }\n  elevationNumber\n  elevationAngle\n  moment\n  startTime\n  endTime\n  radialCount\n  gateCount\n  firstGateKm\n  gateSpacingKm\n  bbox\n  corners\n  imageUrl\n  metadataUrl\n}": types.SweepFieldsFragmentDoc,
    "query Sweep($id: ID!) {\n  sweep(id: $id) {\n    ...SweepFields\n    volume {\n      ...VolumeFields\n    }\n  }\n}": types.SweepDocument,
    "query Sweeps($filter: SweepFilter, $first: Int, $after: String, $order: SortOrder) {\n  sweeps(filter: $filter, first: $first, after: $after, order: $order) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        ...SweepFields\n      }\n    }\n  }\n}": types.SweepsDocument,
    "fragment VolumeFields on Volume {\n  id\n  site {\n    id\n  }\n  scanStart\n  scanEnd\n  vcp\n  sweepCount\n  sourceKey\n}": types.VolumeFieldsFragmentDoc,
    "query Volume($id: ID!, $moment: RadarMoment, $moments: [RadarMoment!], $minElevation: Float, $maxElevation: Float) {\n  volume(id: $id) {\n    ...VolumeFields\n    sweeps(\n      moment: $moment\n      moments: $moments\n      minElevation: $minElevation\n      maxElevation: $maxElevation\n    ) {\n      ...SweepFields\n    }\n  }\n}": types.VolumeDocument,
    "query Volumes($filter: VolumeFilter, $first: Int, $after: String, $order: SortOrder) {\n  volumes(filter: $filter, first: $first, after: $after, order: $order) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        ...VolumeFields\n      }\n    }\n  }\n}": types.VolumesDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment RadarSiteFields on RadarSite {\n  id\n  latitude\n  longitude\n  heightM\n}"): typeof import('./graphql.js').RadarSiteFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RadarSites {\n  radarSites {\n    ...RadarSiteFields\n    latestVolume {\n      id\n      scanStart\n      scanEnd\n    }\n  }\n}"): typeof import('./graphql.js').RadarSitesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment SweepFields on Sweep {\n  id\n  site {\n    id\n  }\n  elevationNumber\n  elevationAngle\n  moment\n  startTime\n  endTime\n  radialCount\n  gateCount\n  firstGateKm\n  gateSpacingKm\n  bbox\n  corners\n  imageUrl\n  metadataUrl\n}"): typeof import('./graphql.js').SweepFieldsFragmentDoc;
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
export function graphql(source: "fragment VolumeFields on Volume {\n  id\n  site {\n    id\n  }\n  scanStart\n  scanEnd\n  vcp\n  sweepCount\n  sourceKey\n}"): typeof import('./graphql.js').VolumeFieldsFragmentDoc;
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
