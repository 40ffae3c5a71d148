import type { CountedWarning } from '../rinex/warning-log.js';

/** Constellations whose broadcast orbits are Keplerian elements (GPS LNAV, Galileo, BeiDou, QZSS, NavIC). */
export type KeplerSystem = 'G' | 'E' | 'C' | 'J' | 'I';

/**
 * One Keplerian broadcast ephemeris (IS-GPS-200 table 20-III and its Galileo/BDS/QZSS twins),
 * angles in radians, distances in metres. Times are GPS ms (see time-scales.ts).
 */
export interface KeplerEphemeris {
  system: KeplerSystem;
  prn: number;
  /** Clock reference time, GPS ms. */
  tocMs: number;
  /** Ephemeris reference time, GPS ms (tk is counted from it). */
  toeMs: number;
  /** toe as a second of the system's week (GPS/Galileo/QZSS week, or BDT week for BeiDou). */
  toeSow: number;
  af0: number;
  af1: number;
  af2: number;
  /** IODE (GPS, QZSS), IODnav (Galileo), AODE (BeiDou). */
  iode: number;
  crs: number;
  deltaN: number;
  m0: number;
  cuc: number;
  e: number;
  cus: number;
  sqrtA: number;
  cic: number;
  omega0: number;
  cis: number;
  i0: number;
  crc: number;
  omega: number;
  omegaDot: number;
  idot: number;
  /** Health word as broadcast (0 = healthy for GPS/QZSS/BeiDou; Galileo: signal health bits). */
  health: number;
}

/**
 * One GLONASS broadcast state vector (GLONASS ICD 5.1, PZ-90), converted to metres, m/s and
 * m/s²; the accelerations are the luni-solar ones, held constant over the fit interval.
 */
export interface GlonassEphemeris {
  prn: number;
  /** tb, GPS ms. */
  tbMs: number;
  /** −τn and +γn as RINEX gives them (clock bias s, relative frequency bias). */
  minusTauN: number;
  gammaN: number;
  /** Position, velocity, luni-solar acceleration at tb: x y z, vx vy vz, ax ay az. */
  state: Float64Array;
  health: number;
  /** Frequency channel k (−7..+6). */
  frequencyChannel: number;
}

/** Why a part of a navigation or SP3 file was skipped. */
export type OrbitWarningCode =
  /** A record of a satellite whose system letter or PRN radome does not know. */
  | 'UNKNOWN_SATELLITE'
  /** A record or epoch whose date/time is invalid. */
  | 'BAD_EPOCH'
  /** A record with a field that is not a number, or elements of an orbit no GNSS satellite flies. */
  | 'BAD_RECORD'
  /** A record with fewer lines than its kind needs (e.g. the file ends inside it). */
  | 'TRUNCATED_RECORD'
  /** RINEX 4 messages and systems radome does not use for orbits (CNAV, SBAS, STO, EOP, ION). */
  | 'SKIPPED_MESSAGE'
  /** SP3 position lines for a satellite missing from the header's list. */
  | 'UNLISTED_SATELLITE'
  /** An SP3 epoch with fewer satellites than the header lists. */
  | 'SHORT_EPOCH'
  /** An SP3 file with fewer epochs than its header announces, or without its EOF line. */
  | 'MISSING_EPOCHS';

export type OrbitWarning = CountedWarning<OrbitWarningCode>;

export interface RinexNav {
  /** Format version, e.g. 2.11, 3.04, 4.01. */
  version: number;
  /** Keplerian ephemerides, ordered by satellite then toe. */
  kepler: KeplerEphemeris[];
  /** GLONASS state vectors, ordered by satellite then tb. */
  glonass: GlonassEphemeris[];
  warnings: OrbitWarning[];
}

/** SP3 precise orbits as columns. */
export interface Sp3Orbits {
  /** 'c' or 'd'. */
  version: string;
  /** Epochs, GPS ms, ascending and evenly spaced by `intervalMs`. */
  epochs: Float64Array;
  intervalMs: number;
  /** Satellite ids as listed in the header ('G01', 'R24', 'C59'). */
  satellites: string[];
  /** ECEF metres, [(satellite × epochs + epoch) × 3 + axis]; NaN where the file has none. */
  positions: Float64Array;
  /** Clock correction µs per (satellite × epochs + epoch); NaN where bad or absent. */
  clocks: Float64Array;
  /** Time system of the file's epochs (converted to GPS ms above). */
  timeSystem: string;
  /** Coordinate frame, e.g. 'IGb14'. */
  frame: string;
  agency: string;
  warnings: OrbitWarning[];
}
