import { RadomeError } from '../../../core/errors.js';

/**
 * What the Archive II format allows, as bounds on what a decoder allocates (RDA/RPG ICD
 * 2620002, message 31 "number of data moment gates": 0-1840, the super-resolution reflectivity
 * maximum; Doppler moments have ~1200, legacy message 1 460 and 920).
 */
export const MAX_GATES = 1840;

/**
 * Radials in one elevation cut: 720 at super resolution (0.5°), 360 otherwise; real cuts run a
 * few past a full circle, so some room is left above 720 for them.
 */
export const MAX_RADIALS_PER_CUT = 800;

/**
 * Gate codes held at once by one volume's grids. A whole real volume holds ~51 MB (KLOT: 17
 * cuts, dual-pol, super-res); planning cut by cut holds a cut or two. Without this, radials of
 * one gate followed by one of 1840 would widen every cut's rows, 255 cuts of them.
 */
export const MAX_GRID_BYTES = 256 * 2 ** 20;

/** The volume-wide count of grid bytes held (see MAX_GRID_BYTES); TOO_LARGE past it. */
export class GridBudget {
  used = 0;

  constructor(readonly limit = MAX_GRID_BYTES) {}

  charge(bytes: number): void {
    this.used += bytes;
    if (this.used > this.limit) {
      throw new RadomeError('TOO_LARGE', `the volume's moment grids would hold more than ${this.limit / 2 ** 20} MiB of gate codes (a real volume holds ~50 MB)`);
    }
  }

  refund(bytes: number): void {
    this.used -= bytes;
  }
}
