import type { ServedLayer } from '../http/tiles.js';

/** The national mosaic's layers (see MosaicService). */
export interface MosaicLayers {
  served(time: number): Promise<ServedLayer>;
}
