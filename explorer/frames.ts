// The frames of a layer, oldest first: each a time and the TileJSON of its image, read through
// the SDK (radarFrames for Level 2, products for Level 3, mosaic at each Level 2 time).
import type { RadarMoment, RadomeClient } from './sdk.js';
import { dataOrStatus } from './status.js';
import type { LayerSpec } from './url-state.js';

export interface Frame {
  /** ISO 8601 UTC. */
  time: string;
  tileJsonUrl: string;
  /** Its value tiles (RGB holds the physical value): what the readout reads for Level 3 products. */
  valueTileJsonUrl: string | null;
  /** The sweep a Level 2 frame shows (radarValue pins it, so the readout is this frame's gate). */
  sweepId: string | null;
}

const HOUR = 3_600_000;
/** radarFrames answers windows of at most 168 h. */
const WINDOW_MS = 168 * HOUR;

async function level2Frames(client: RadomeClient, site: string, moment: RadarMoment, elevation: number, end: number, count: number): Promise<Frame[] | null> {
  const to = new Date(end + 1000).toISOString();
  const from = new Date(end + 1000 - WINDOW_MS).toISOString();
  const frames = dataOrStatus(await client.radarFrames({ site, moment, elevation, from, to, limit: count }), `frames of ${site}`);
  if (!frames) return null;
  return frames.radarFrames.map((f) => ({ time: f.time, tileJsonUrl: f.tileJsonUrl, valueTileJsonUrl: f.valueTileJsonUrl, sweepId: f.sweep.id }));
}

async function level3Frames(client: RadomeClient, site: string, mnemonic: string, end: number, count: number): Promise<Frame[] | null> {
  const products = dataOrStatus(
    await client.products({ filter: { site, mnemonics: [mnemonic], to: new Date(end + 1000).toISOString() }, first: count, order: 'DESC' }),
    `${mnemonic} products of ${site}`,
  );
  if (!products) return null;
  return products.products.edges
    .flatMap(({ node }) => (node.tileJsonUrl ? [{ time: node.scanTime, tileJsonUrl: node.tileJsonUrl, valueTileJsonUrl: node.valueTileJsonUrl ?? null, sweepId: null }] : []))
    .reverse();
}

async function mosaicFrames(client: RadomeClient, site: string, end: number, count: number): Promise<Frame[] | null> {
  const times = await level2Frames(client, site, 'REF', 0.5, end, count);
  if (!times) return null;
  const mosaics = await Promise.all(times.map((t) => client.mosaic({ moment: 'REF', time: t.time })));
  const frames: Frame[] = [];
  for (const result of mosaics) {
    const data = dataOrStatus(result, 'the mosaic');
    if (!data) return null;
    if (data.mosaic?.tileJsonUrl) frames.push({ time: data.mosaic.time, tileJsonUrl: data.mosaic.tileJsonUrl, valueTileJsonUrl: data.mosaic.valueTileJsonUrl, sweepId: null });
  }
  return frames;
}

/** Up to `count` frames ending at `end` (epoch ms); null when the server failed (status shown). */
export function loadFrames(client: RadomeClient, site: string, layer: LayerSpec, end: number, count: number): Promise<Frame[] | null> {
  switch (layer.kind) {
    case 'level2':
      return level2Frames(client, site, layer.moment as RadarMoment, layer.elevation, end, count);
    case 'level3':
      return level3Frames(client, site, layer.mnemonic, end, count);
    case 'mosaic':
      return mosaicFrames(client, site, end, count);
    case 'gnss':
      return Promise.resolve([]);
  }
}
