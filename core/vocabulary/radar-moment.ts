import { idParser } from './identifiers.js';

/**
 * Radar moments of NEXRAD Level 2, as named in message 31 data blocks (reflectivity, velocity,
 * spectrum width, differential reflectivity, differential phase, correlation coefficient, clutter
 * filter power). In this order everywhere: decoding, rendering, sweep stores, the GraphQL enum.
 */
export const RADAR_MOMENTS = ['REF', 'VEL', 'SW', 'ZDR', 'PHI', 'RHO', 'CFP'] as const;
export type Moment = (typeof RADAR_MOMENTS)[number];

export function isRadarMoment(name: string): name is Moment {
  return (RADAR_MOMENTS as readonly string[]).includes(name);
}

/** `raw` (any case, trimmed) as a moment; else a `code` error naming `what`. */
export const parseRadarMoment = idParser(isRadarMoment, `a radar moment (${RADAR_MOMENTS.join(', ')})`);
