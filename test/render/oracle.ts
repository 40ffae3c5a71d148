// Geometry for the render tests, written independently of ingest/render: geodesics by numerical
// integration of their differential equations on the WGS84 ellipsoid (not Vincenty's series), the
// 4/3 beam model in its forward form (slant → ground; the renderer inverts it), Web Mercator
// from the textbook formulas, and a PNG reader (pngjs) to find coloured pixels.
import { PNG } from 'pngjs';
import type { RenderedOverlay } from '../../ingest/render/types.js';

const A = 6378137;
const F = 1 / 298.257223563;
const E2 = F * (2 - F);
const RAD = Math.PI / 180;

/** Meridional (M) and prime-vertical (N) radii of curvature, m. */
function radii(lat: number): [number, number] {
  const w = 1 - E2 * Math.sin(lat) ** 2;
  return [(A * (1 - E2)) / w ** 1.5, A / Math.sqrt(w)];
}

/**
 * [lon, lat] (degrees) reached along the geodesic leaving (lat, lon) at `azimuthDeg` for
 * `distanceM`: dφ/ds = cos α / M, dλ/ds = sin α / (N cos φ), dα/ds = sin α tan φ / N, by RK4.
 */
export function geodesicEndpoint(latDeg: number, lonDeg: number, azimuthDeg: number, distanceM: number): [number, number] {
  const steps = Math.max(1, Math.ceil(distanceM / 200));
  const h = distanceM / steps;
  const rate = (s: [number, number, number]): [number, number, number] => {
    const [phi, , alpha] = s;
    const [m, n] = radii(phi);
    return [Math.cos(alpha) / m, Math.sin(alpha) / (n * Math.cos(phi)), (Math.sin(alpha) * Math.tan(phi)) / n];
  };
  let y: [number, number, number] = [latDeg * RAD, lonDeg * RAD, azimuthDeg * RAD];
  const add = (a: [number, number, number], b: [number, number, number], k: number): [number, number, number] => [a[0] + k * b[0], a[1] + k * b[1], a[2] + k * b[2]];
  for (let i = 0; i < steps; i++) {
    const k1 = rate(y);
    const k2 = rate(add(y, k1, h / 2));
    const k3 = rate(add(y, k2, h / 2));
    const k4 = rate(add(y, k3, h));
    y = [0, 1, 2].map((j) => y[j]! + (h / 6) * (k1[j]! + 2 * k2[j]! + 2 * k3[j]! + k4[j]!)) as [number, number, number];
  }
  return [y[1] / RAD, y[0] / RAD];
}

/**
 * Doviak & Zrnić (1993) eq. 2.28c, forward: ground distance (arc at sea level on the 4/3 Earth)
 * of a slant range at elevation θ from an antenna h0 above sea level. Earth radius: the WGS84
 * Gaussian mean radius sqrt(M·N) at the site.
 */
export function groundDistanceKm(slantKm: number, elevationDeg: number, antennaHeightM: number, siteLatDeg: number): number {
  const [m, n] = radii(siteLatDeg * RAD);
  const ka = ((4 / 3) * Math.sqrt(m * n)) / 1000;
  const r0 = ka + antennaHeightM / 1000;
  const theta = elevationDeg * RAD;
  const toTarget = Math.sqrt(slantKm ** 2 + r0 ** 2 + 2 * slantKm * r0 * Math.sin(theta));
  return ka * Math.asin((slantKm * Math.cos(theta)) / toTarget);
}

const mercX = (lon: number): number => A * lon * RAD;
const mercY = (lat: number): number => A * Math.log(Math.tan(Math.PI / 4 + (lat * RAD) / 2));

/** Continuous pixel coordinates of [lon, lat] in an overlay (pixel (i, j) has its centre at i + 0.5, j + 0.5). */
export function pixelOf(overlay: Pick<RenderedOverlay, 'bbox' | 'width' | 'height'>, lon: number, lat: number): [number, number] {
  const [w, s, e, n] = overlay.bbox;
  return [((mercX(lon) - mercX(w)) / (mercX(e) - mercX(w))) * overlay.width, ((mercY(n) - mercY(lat)) / (mercY(n) - mercY(s))) * overlay.height];
}

/** The same, were rows linear in latitude (plate carrée): what a Mercator bug would produce. */
export function platePixelOf(overlay: Pick<RenderedOverlay, 'bbox' | 'width' | 'height'>, lon: number, lat: number): [number, number] {
  const [w, s, e, n] = overlay.bbox;
  return [((lon - w) / (e - w)) * overlay.width, ((n - lat) / (n - s)) * overlay.height];
}

export { mercX, mercY };

export interface Decoded {
  width: number;
  height: number;
  data: Uint8Array;
}

export function decodePng(png: Uint8Array): Decoded {
  const p = PNG.sync.read(Buffer.from(png));
  return { width: p.width, height: p.height, data: new Uint8Array(p.data.buffer, p.data.byteOffset, p.data.length) };
}

/** Centroid (pixel centres) and count of the pixels of each opaque colour, keyed '#rrggbb'. */
export function blobsByColor(img: Decoded): Map<string, { count: number; x: number; y: number }> {
  const sums = new Map<string, { count: number; x: number; y: number }>();
  for (let j = 0; j < img.height; j++) {
    for (let i = 0; i < img.width; i++) {
      const o = (j * img.width + i) * 4;
      if (img.data[o + 3] === 0) continue;
      const key = '#' + [0, 1, 2].map((k) => img.data[o + k]!.toString(16).padStart(2, '0')).join('');
      const b = sums.get(key) ?? { count: 0, x: 0, y: 0 };
      b.count++;
      b.x += i + 0.5;
      b.y += j + 0.5;
      sums.set(key, b);
    }
  }
  for (const b of sums.values()) {
    b.x /= b.count;
    b.y /= b.count;
  }
  return sums;
}

/** A distinct opaque colour per index (for class tables marking test targets). */
export function distinctColor(i: number): string {
  const hex = (v: number): string => (v & 255).toString(16).padStart(2, '0');
  return `#${hex(30 + i * 23)}${hex(250 - i * 11)}${hex(40 + i * 67)}`;
}
