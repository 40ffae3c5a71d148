/** [west, south, east, north] in WGS84 degrees (GeoJSON/STAC order). */
export type BBox = [number, number, number, number];
/** [lon, lat] pairs in MapLibre image-source order: top-left, top-right, bottom-right, bottom-left. */
export type Corners = [[number, number], [number, number], [number, number], [number, number]];

/** A bbox's own corners (NW, NE, SE, SW), in Corners order: what a Web Mercator overlay's corners are. */
export function bboxCorners(west: number, south: number, east: number, north: number): Corners {
  return [
    [west, north],
    [east, north],
    [east, south],
    [west, south],
  ];
}
