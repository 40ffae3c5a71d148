import { RadomeError } from '../../core/errors.js';
import type { GnssStationRow } from '../../store/catalog/index.js';
import { readSnrFile } from '../decode/gnssrefl/read-snr-file.js';
import type { IngestPlan, PlanOptions } from '../plan-types.js';
import type { SourceObject } from '../sources/types.js';
import { planGnssDay } from './plan-day.js';
import type { GnssPlan } from './plan.js';
import { stationSettingsFromJson } from '../derive/gnssir/station-settings.js';

/**
 * A gnssrefl SNR file → one station-day like a RINEX file's, keeping the file's elevation,
 * azimuth and edot as the day's geometry ('file'). The station has no position in such a file.
 */
export function planGnssreflSnrFile(plain: Uint8Array, file: SourceObject, options: Pick<PlanOptions, 'ingestedAt'>): GnssPlan {
  const snr = readSnrFile(plain, file.key);
  const station: GnssStationRow = { id: snr.station, name: null, longName: null, latitude: null, longitude: null, heightM: null, receiverType: null, antennaType: null };
  const planned = planGnssDay(snr.station, snr.day, snr.observations, {
    source: file.source,
    sourceKey: file.key,
    timeSystem: 'GPS',
    ingestedAt: options.ingestedAt,
    geometry: 'file',
  });
  return { station, days: [planned.commit], objects: [planned.object], observations: [snr.observations] };
}

/** A station json or refraction file as plain data. */
export interface StationSettingsPlan {
  station: string;
  settingsJson?: string;
  refractionText?: string;
}

/**
 * A gnssrefl station json (validated as settings) or station refraction file (`ssss_refr.txt`,
 * the station from the name) → what to store for the station.
 */
export function planStationSettingsFile(format: 'gnssrefl-station' | 'gnssrefl-refraction', plain: Uint8Array, file: SourceObject): StationSettingsPlan {
  const text = new TextDecoder('utf-8').decode(plain);
  if (format === 'gnssrefl-station') return { station: stationSettingsFromJson(text).station, settingsJson: text };
  const m = /(?:^|[\\/])([a-z0-9]{4})_refr\.txt$/i.exec(file.key);
  if (!m) throw new RadomeError('BAD_INPUT', `a gnssrefl refraction file must be named ssss_refr.txt (the station comes from the name); got ${file.key}`, { file: file.key });
  return { station: m[1]!.toUpperCase(), refractionText: text };
}

export function stationSettingsIngestPlanOf(plan: StationSettingsPlan): IngestPlan {
  return {
    kind: 'gnss',
    id: `settings/${plan.station}`,
    summary: plan.settingsJson ? `gnssir settings of ${plan.station}` : `refraction inputs of ${plan.station}`,
    objects: [],
    commit: (writer, file) => writer.gnss.commitStationSettings({ file, station: plan.station, settingsJson: plan.settingsJson, refractionText: plan.refractionText }),
  };
}
