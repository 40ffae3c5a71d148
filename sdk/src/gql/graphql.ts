/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** Same shape as DocumentTypeDecoration of @graphql-typed-document-node/core (declared here so the SDK has no dependencies). */
export interface DocumentTypeDecoration<TResult, TVariables> {
  __apiType?: (variables: TVariables) => TResult;
}
/** Level 2 moment: reflectivity, velocity, spectrum width, differential reflectivity, differential phase, correlation coefficient, clutter filter power. */
export type RadarMoment =
  | 'CFP'
  | 'PHI'
  | 'REF'
  | 'RHO'
  | 'SW'
  | 'VEL'
  | 'ZDR';

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

export type RadarSiteFieldsFragment = { id: string, latitude: number, longitude: number, heightM: number };

export type RadarSitesQueryVariables = Exact<{ [key: string]: never; }>;


export type RadarSitesQuery = { radarSites: Array<{ id: string, latitude: number, longitude: number, heightM: number, latestVolume: { id: string, scanStart: string, scanEnd: string } | null }> };

export type SweepFieldsFragment = { id: string, elevationNumber: number, elevationAngle: number, moment: RadarMoment, startTime: string, endTime: string, radialCount: number, gateCount: number, firstGateKm: number, gateSpacingKm: number, bbox: Array<number>, corners: Array<Array<number>>, imageUrl: string, metadataUrl: string, site: { id: string } };

export type SweepQueryVariables = Exact<{
  id: string | number;
}>;


export type SweepQuery = { sweep: { id: string, elevationNumber: number, elevationAngle: number, moment: RadarMoment, startTime: string, endTime: string, radialCount: number, gateCount: number, firstGateKm: number, gateSpacingKm: number, bbox: Array<number>, corners: Array<Array<number>>, imageUrl: string, metadataUrl: string, volume: { id: string, scanStart: string, scanEnd: string, vcp: number | null, sweepCount: number, sourceKey: string, site: { id: string } }, site: { id: string } } | null };

export type SweepsQueryVariables = Exact<{
  filter?: SweepFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
  order?: SortOrder | null | undefined;
}>;


export type SweepsQuery = { sweeps: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, elevationNumber: number, elevationAngle: number, moment: RadarMoment, startTime: string, endTime: string, radialCount: number, gateCount: number, firstGateKm: number, gateSpacingKm: number, bbox: Array<number>, corners: Array<Array<number>>, imageUrl: string, metadataUrl: string, site: { id: string } } }> } };

export type VolumeFieldsFragment = { id: string, scanStart: string, scanEnd: string, vcp: number | null, sweepCount: number, sourceKey: string, site: { id: string } };

export type VolumeQueryVariables = Exact<{
  id: string | number;
  moment?: RadarMoment | null | undefined;
  moments?: Array<RadarMoment> | RadarMoment | null | undefined;
  minElevation?: number | null | undefined;
  maxElevation?: number | null | undefined;
}>;


export type VolumeQuery = { volume: { id: string, scanStart: string, scanEnd: string, vcp: number | null, sweepCount: number, sourceKey: string, sweeps: Array<{ id: string, elevationNumber: number, elevationAngle: number, moment: RadarMoment, startTime: string, endTime: string, radialCount: number, gateCount: number, firstGateKm: number, gateSpacingKm: number, bbox: Array<number>, corners: Array<Array<number>>, imageUrl: string, metadataUrl: string, site: { id: string } }>, site: { id: string } } | null };

export type VolumesQueryVariables = Exact<{
  filter?: VolumeFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
  order?: SortOrder | null | undefined;
}>;


export type VolumesQuery = { volumes: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, scanStart: string, scanEnd: string, vcp: number | null, sweepCount: number, sourceKey: string, site: { id: string } } }> } };

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
export const RadarSiteFieldsFragmentDoc = new TypedDocumentString(`
    fragment RadarSiteFields on RadarSite {
  id
  latitude
  longitude
  heightM
}
    `, {"fragmentName":"RadarSiteFields"}) as unknown as TypedDocumentString<RadarSiteFieldsFragment, unknown>;
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
}
    `, {"fragmentName":"SweepFields"}) as unknown as TypedDocumentString<SweepFieldsFragment, unknown>;
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
}
    `, {"fragmentName":"VolumeFields"}) as unknown as TypedDocumentString<VolumeFieldsFragment, unknown>;
export const RadarSitesDocument = new TypedDocumentString(`
    query RadarSites {
  radarSites {
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
}`) as unknown as TypedDocumentString<SweepQuery, SweepQueryVariables>;
export const SweepsDocument = new TypedDocumentString(`
    query Sweeps($filter: SweepFilter, $first: Int, $after: String, $order: SortOrder) {
  sweeps(filter: $filter, first: $first, after: $after, order: $order) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      cursor
      node {
        ...SweepFields
      }
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
}`) as unknown as TypedDocumentString<SweepsQuery, SweepsQueryVariables>;
export const VolumeDocument = new TypedDocumentString(`
    query Volume($id: ID!, $moment: RadarMoment, $moments: [RadarMoment!], $minElevation: Float, $maxElevation: Float) {
  volume(id: $id) {
    ...VolumeFields
    sweeps(
      moment: $moment
      moments: $moments
      minElevation: $minElevation
      maxElevation: $maxElevation
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
}`) as unknown as TypedDocumentString<VolumeQuery, VolumeQueryVariables>;
export const VolumesDocument = new TypedDocumentString(`
    query Volumes($filter: VolumeFilter, $first: Int, $after: String, $order: SortOrder) {
  volumes(filter: $filter, first: $first, after: $after, order: $order) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      cursor
      node {
        ...VolumeFields
      }
    }
  }
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
}`) as unknown as TypedDocumentString<VolumesQuery, VolumesQueryVariables>;