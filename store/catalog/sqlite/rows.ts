import type { ProductId, VolumeId } from '../../../core/vocabulary/index.js';
import type { SourceFileRow } from '../ingest.js';

/** SELECT lists whose aliases give the row types' field names directly. */
export const SITE_COLUMNS = 'id, latitude, longitude, height_m AS heightM, first_volume_at AS firstVolumeAt, last_volume_at AS lastVolumeAt';

export const FAILURE_COLUMNS = `source, key, fingerprint, attempts, first_failed_at AS firstFailedAt,
  last_failed_at AS lastFailedAt, error_code AS errorCode, error_message AS errorMessage,
  quarantine_key AS quarantineKey`;

/** Named parameters of a source_files upsert: the file, and the volume or product it gave. */
export function sourceFileParams(file: SourceFileRow, made: { volumeId: VolumeId } | { productId: ProductId }): Record<string, unknown> {
  return { source: file.source, key: file.key, fingerprint: file.fingerprint, size: file.size, ingestedAt: file.ingestedAt, ...made };
}
