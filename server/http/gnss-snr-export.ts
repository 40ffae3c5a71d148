import type { ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { GNSS_STATION, isGnssStationId } from '../../core/vocabulary/index.js';
import { SNR_FILE_TYPES, writeSnrFile } from '../../ingest/decode/gnssrefl/write-snr-file.js';
import { DAY_MS } from '../../store/gnss/rollup-levels.js';
import { decodeSnrParquet } from '../../store/gnss/snr-parquet.js';
import type { ObjectStore } from '../../store/types.js';
import type { CatalogReader } from '../../store/catalog/index.js';
import { sendText } from './respond.js';

/** `/gnss/snr/` + `{STATION}/{YYYY}/{DOY}.snr66` (or .snr99, .snr88, .snr50), each with an optional `.gz`. */
export const GNSS_SNR_PREFIX = '/gnss/snr/';
const PATH = /^\/gnss\/snr\/([A-Za-z0-9]{4})\/(\d{4})\/(\d{1,3})\.snr(\d{2})(\.gz)?$/;

/**
 * GET /gnss/snr/MCHL/2025/010.snr66[.gz]: a stored station-day as gnssrefl's SNR file, so
 * gnssrefl's REFL_CODE can point at radome. 404 says what is missing (the day, or its geometry).
 */
export async function serveGnssSnrFile(res: ServerResponse, rawPath: string, catalog: CatalogReader, objects: ObjectStore): Promise<void> {
  const m = PATH.exec(rawPath);
  if (!m) return sendText(res, 400, `use /gnss/snr/{STATION}/{YYYY}/{DOY}.snr{66|99|88|50}[.gz], e.g. /gnss/snr/MCHL/2025/010.snr66\n`);
  const [, stationIn, yearIn, doyIn, typeIn, gz] = m;
  const station = stationIn!.toUpperCase();
  if (!isGnssStationId(station)) return sendText(res, 400, `station ${stationIn} is not ${GNSS_STATION.one}\n`);
  const year = Number(yearIn);
  const doy = Number(doyIn);
  const snrType = Number(typeIn);
  if (!SNR_FILE_TYPES[snrType])
    return sendText(
      res,
      400,
      `unknown SNR file type .snr${typeIn}: radome writes ${Object.entries(SNR_FILE_TYPES)
        .map(([t, d]) => `.snr${t} (${d.describe})`)
        .join(', ')}\n`,
    );
  const lastDoy = (Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / DAY_MS;
  if (doy < 1 || doy > lastDoy) return sendText(res, 400, `day of year ${doyIn} is not in ${year} (1–${lastDoy})\n`);
  const day = Date.UTC(year, 0, 1) / DAY_MS + doy - 1;
  const row = (await catalog.gnss.days(station, day, day))[0];
  if (!row) return sendText(res, 404, `no SNR observations stored for ${station} on ${year} day ${doy}\n`);
  if (!row.geometry) return sendText(res, 404, `${station} ${year} day ${doy} has no satellite geometry: ingest the day's orbits (RINEX navigation or SP3) first\n`);
  const body = (await objects.get(row.objectKey))?.body;
  if (!body) return sendText(res, 404, `the stored observations of ${station} ${year} day ${doy} are missing from the object store\n`);
  const text = writeSnrFile(await decodeSnrParquet(body, row.objectKey), day * DAY_MS, snrType);
  const bytes = gz ? gzipSync(text) : Buffer.from(text, 'latin1');
  const name = `${station.toLowerCase()}${String(doy).padStart(3, '0')}0.${String(year % 100).padStart(2, '0')}.snr${snrType}${gz ?? ''}`;
  res.writeHead(200, {
    'content-type': gz ? 'application/gzip' : 'text/plain; charset=us-ascii',
    'content-length': bytes.length,
    'content-disposition': `attachment; filename="${name}"`,
  });
  res.end(bytes);
}
