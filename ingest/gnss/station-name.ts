import { RadomeError } from '../../core/errors.js';
import { type GnssStationId, parseGnssStationId } from '../../core/vocabulary/index.js';
import type { RinexObsHeader } from '../decode/rinex/types.js';

export interface StationName {
  /** 4-character site code, upper case. */
  id: GnssStationId;
  /** 9-character RINEX 3 name (site, monument, receiver, ISO country) when known. */
  longName: string | null;
}

/** RINEX 3/4 long file name: CEDA00USA_R_20182100000_23H_15S_MO.rnx(.gz). */
const LONG_FILE = /^([A-Z0-9]{4})(\d{2}[A-Z]{3})_[RSU]_\d{11}_/i;
/** RINEX 2 short file name: york0440.15d(.Z), ssssdddf.yyt. */
const SHORT_FILE = /^([A-Z0-9]{4})\d{3}[A-X0-9]\.\d{2}[ODN]/i;
const LONG_MARKER = /^([A-Z0-9]{4})\d{2}[A-Z]{3}$/i;
const SHORT_MARKER = /^([A-Z0-9]{4})/i;

/**
 * The station a RINEX file belongs to: the one the user named (`given`, `radome ingest files
 * --station`), else from its archive file name when it follows the RINEX 2 or 3 naming convention
 * (archives name files by station, and marker names vary in style), else from MARKER NAME.
 * UNSUPPORTED when none names one.
 */
export function stationNameOf(header: RinexObsHeader, key: string, given?: GnssStationId): StationName {
  const base = key.slice(key.lastIndexOf('/') + 1);
  const marker = (header.markerName ?? '').trim();
  if (given) {
    const markerLong = LONG_MARKER.exec(marker);
    return { id: given, longName: markerLong && markerLong[1]!.toUpperCase() === given ? marker.toUpperCase() : null };
  }
  const long = LONG_FILE.exec(base);
  // The patterns admit 4 letters or digits only, so each match is a station id.
  const id = (code: string) => parseGnssStationId(code, 'station', 'UNSUPPORTED');
  if (long) return { id: id(long[1]!), longName: `${long[1]}${long[2]}`.toUpperCase() };
  const markerLong = LONG_MARKER.exec(marker);
  const short = SHORT_FILE.exec(base);
  if (short) {
    const station = id(short[1]!);
    return { id: station, longName: markerLong && markerLong[1]!.toUpperCase() === station ? marker.toUpperCase() : null };
  }
  if (markerLong) return { id: id(markerLong[1]!), longName: marker.toUpperCase() };
  const markerShort = SHORT_MARKER.exec(marker);
  if (markerShort) return { id: id(markerShort[1]!), longName: null };
  throw new RadomeError(
    'UNSUPPORTED',
    `cannot tell the station: the file name "${base}" is not a RINEX station file name (ssssdddf.yyo, SSSS00CCC_R_…) and MARKER NAME is ${marker ? `"${marker}"` : 'empty'}; name it with radome ingest files --station SSSS`,
  );
}
