import type { GnssStationId } from '../../core/vocabulary/index.js';

/** A raw file a source offers, identified by (source, key, fingerprint) so re-ingest is a no-op. */
export interface SourceObject {
  /** Source id, e.g. `level2:unidata-nexrad-level2` or `local`. */
  source: string;
  /** Bucket key, or absolute path for local files. */
  key: string;
  size: number;
  /** ETag when the source gives one, else `size:<bytes>:<mtimeMs>`. */
  fingerprint: string;
  /** Scan time the key's layout states, epoch ms UTC. */
  time?: number;
  /**
   * The GNSS station a user named for the file (`radome ingest files --station`): a RINEX
   * observation file is catalogued under it, whatever its name and MARKER NAME say.
   */
  station?: GnssStationId;
}

/** Lists and fetches raw files. Implementations are the I/O edge of ingest. */
export interface ObjectSource {
  readonly id: string;
  /** The file's bytes, the caller's own: ingest may move them to a worker thread. */
  fetch(object: SourceObject): Promise<Uint8Array>;
}

export interface TimeWindow {
  /** Inclusive start, epoch ms UTC. */
  from: number;
  /** Exclusive end, epoch ms UTC. */
  to: number;
}
