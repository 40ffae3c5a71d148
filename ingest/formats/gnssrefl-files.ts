import { looksLikeSnrFile, readSnrFile, type GnssreflSnrFile } from '../decode/gnssrefl/read-snr-file.js';
import { planGnssreflSnrFile, planStationSettingsFile, stationSettingsIngestPlanOf, type StationSettingsPlan } from '../gnss/gnssrefl-plan.js';
import { gnssIngestPlanOf, type GnssPlan } from '../gnss/plan.js';
import { atmosphereFromGpt2wFile } from '../derive/gnssir/refraction.js';
import { stationSettingsFromJson, type GnssStationSettings } from '../derive/gnssir/station-settings.js';
import type { FileFormat } from './types.js';

const text = (bytes: Uint8Array, length = bytes.length) => new TextDecoder('latin1').decode(bytes.subarray(0, length));

/**
 * gnssrefl's SNR file (`ssssDDD0.YY.snr66`): rows of 7-11 numbers, satellite first. Its date is
 * only in its name, so decoding needs it (`name`, the file's key); stored as an SNR station-day.
 */
export const gnssreflSnr: FileFormat<GnssreflSnrFile, GnssPlan> = {
  id: 'gnssrefl-snr',
  name: 'gnssrefl SNR file',
  test: looksLikeSnrFile,
  decode: (bytes: Uint8Array, name = '') => readSnrFile(bytes, name),
  plan: (bytes, object, options) => planGnssreflSnrFile(bytes, object, options),
  ingestPlan: gnssIngestPlanOf,
};

/** gnssrefl's station json (an object with "station" and gnssir fields such as "e1" or "freqs"): the station's GNSS-IR settings. */
export const gnssreflStation: FileFormat<GnssStationSettings, StationSettingsPlan> = {
  id: 'gnssrefl-station',
  name: 'gnssrefl station json',
  test(bytes) {
    const head = text(bytes, 600);
    return /^\s*\{/.test(head) && /"station"\s*:/.test(head) && /"(e1|freqs|minH)"\s*:/.test(head);
  },
  decode: (bytes) => stationSettingsFromJson(new TextDecoder('utf-8').decode(bytes)),
  plan: (bytes, object) => planStationSettingsFile('gnssrefl-station', bytes, object),
  ingestPlan: stationSettingsIngestPlanOf,
};

/** A refraction file's atmosphere at its first cell's place (the station's position applies at query time). */
function readRefractionFile(bytes: Uint8Array): ReturnType<typeof atmosphereFromGpt2wFile> {
  const t = text(bytes);
  const [lat = 0, lon = 0] = t.trim().split(/\s+/).map(Number);
  return atmosphereFromGpt2wFile(t, lat, lon, 0);
}

/** gnssrefl's station refraction file (`ssss_refr.txt`, GPT2w cells: rows of 12 numbers, latitude and longitude first). */
export const gnssreflRefraction: FileFormat<ReturnType<typeof atmosphereFromGpt2wFile>, StationSettingsPlan> = {
  id: 'gnssrefl-refraction',
  name: 'gnssrefl refraction file',
  test(bytes) {
    const first = text(bytes, 600).split('\n')[0]!.trim().split(/\s+/);
    return first.length === 12 && /^-?\d{1,2}$/.test(first[0]!) && /^-?\d{1,3}$/.test(first[1]!) && first.every((f) => /^-?\d+(\.\d+)?$/.test(f));
  },
  decode: readRefractionFile,
  plan(bytes, object) {
    readRefractionFile(bytes); // a damaged file fails at ingest, not at its first query
    return planStationSettingsFile('gnssrefl-refraction', bytes, object);
  },
  ingestPlan: stationSettingsIngestPlanOf,
};
