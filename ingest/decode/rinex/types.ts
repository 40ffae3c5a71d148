/** Why a part of a RINEX observation file was skipped or read with a fix-up. */
export type RinexWarningCode =
  /** Blank lines before the first header line. */
  | 'LEADING_BLANK_LINES'
  /** A header field that could not be read (e.g. a malformed TIME OF FIRST OBS). */
  | 'BAD_HEADER_FIELD'
  /** An observable count that disagrees with the observable codes listed. */
  | 'OBS_TYPE_COUNT_MISMATCH'
  /** A line where an epoch line was expected that is not one; lines skipped to the next epoch. */
  | 'BAD_EPOCH_LINE'
  /** An epoch line whose date/time is invalid; the epoch and its records are skipped. */
  | 'BAD_EPOCH_TIME'
  /** A blank line where an epoch line was expected. */
  | 'BLANK_LINE'
  /** An epoch with fewer satellite records than its epoch line announces. */
  | 'SHORT_EPOCH'
  /** A satellite record of a system that has no observable list in the header. */
  | 'UNKNOWN_SYSTEM'
  /** A satellite identifier that cannot be read, or PRN 00 (e.g. "G00"): its records are skipped. */
  | 'BAD_SATELLITE_ID'
  /** An SNR field that is not a number. */
  | 'BAD_OBS_VALUE'
  /** The input ends inside an epoch; the records read so far are kept. */
  | 'TRUNCATED_EPOCH';

export interface RinexWarning {
  code: RinexWarningCode;
  count: number;
  /** 1-based line number of the first occurrence (in the RINEX text, after decompression). */
  firstLine: number;
}

export interface GeodeticPosition {
  /** WGS84 degrees. */
  latitude: number;
  longitude: number;
  /** Ellipsoidal height, metres. */
  heightM: number;
}

export interface RinexObsHeader {
  /** Format version, e.g. 2.11, 3.03, 4.01. */
  version: number;
  /** 'O' for observation data (the only type read). */
  fileType: string;
  /** Satellite system of the file: G R E C J I S, or M for mixed. */
  satSystem: string;
  program: string | null;
  markerName: string | null;
  markerNumber: string | null;
  receiver: { number: string; type: string; version: string } | null;
  antenna: { number: string; type: string } | null;
  /** APPROX POSITION XYZ, ECEF metres; null when absent or all zero. */
  approxPositionXyz: [number, number, number] | null;
  /** approxPositionXyz on the WGS84 ellipsoid. */
  approxPosition: GeodeticPosition | null;
  /** ANTENNA: DELTA H/E/N, metres. */
  antennaDeltaHen: [number, number, number] | null;
  /** Observation interval, seconds. */
  interval: number | null;
  /** Milliseconds since 1970-01-01 counted in `timeSystem` (no conversion to UTC). */
  timeOfFirstObs: number | null;
  timeOfLastObs: number | null;
  /** GPS, GLO (= UTC), GAL, BDT, QZS, IRN: as given, else the RINEX default for `satSystem`. */
  timeSystem: string;
  leapSeconds: number | null;
  /** RINEX 3/4: observable codes per system ('G' → ['C1C', 'L1C', 'S1C', ...]). Empty for RINEX 2. */
  obsTypes: Record<string, string[]>;
  /** RINEX 2: the one observable list for all systems. Empty for RINEX 3/4. */
  obsTypesRinex2: string[];
  /** SIGNAL STRENGTH UNIT (RINEX 3/4), e.g. 'DBHZ'. */
  signalStrengthUnit: string | null;
  /** GLONASS slot (PRN) → frequency channel k. */
  glonassSlots: Record<number, number>;
}

/** SNR observations as columns: row r is one value of one code of one satellite at one epoch. */
export interface SnrColumns {
  count: number;
  /** Epoch, ms since 1970-01-01 in the file's time system. */
  times: Float64Array;
  /** Satellite system as a char code: G R E C J I S. */
  satSystem: Uint8Array;
  satPrn: Uint8Array;
  /** Index into `codes`. */
  codeIndex: Uint8Array;
  /** Signal strength as given (dB-Hz in practice; RINEX 3 scale factors applied). */
  values: Float32Array;
  /** SNR observable codes as written in the file: 'S1', 'S2' (RINEX 2) or 'S1C', 'S2W', ... */
  codes: string[];
}

export interface RinexEpochs {
  count: number;
  /** Epoch, ms since 1970-01-01 in the file's time system. */
  times: Float64Array;
  /** Epoch flag: 0 OK, 1 power failure since the previous epoch. */
  flags: Uint8Array;
  /** Satellites announced in the epoch line. */
  satelliteCounts: Uint16Array;
}

/** For RINEX 2 codes: the RINEX 3 code they conventionally mean for a system, where unambiguous. */
export interface SnrCodeAlias {
  system: string;
  code: string;
  rinex3: string;
}

export interface RinexObsResult {
  header: RinexObsHeader;
  /** Observation epochs (flags 0 and 1) with valid times. */
  epochs: RinexEpochs;
  snr: SnrColumns;
  codeAliases: SnrCodeAlias[];
  /** Epoch lines seen per event flag 0..6 (2..5 carry header records, 6 cycle slips). */
  eventFlagCounts: number[];
  warnings: RinexWarning[];
}
