/** [west, south, east, north] in WGS84 degrees (GeoJSON/STAC order). */
export type BBox = [number, number, number, number];
/** [lon, lat] pairs in MapLibre image-source order: top-left, top-right, bottom-right, bottom-left. */
export type Corners = [[number, number], [number, number], [number, number], [number, number]];
