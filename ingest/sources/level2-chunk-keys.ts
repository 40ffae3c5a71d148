/**
 * Keys of the real-time Level 2 chunks bucket: `SITE/VOLUME_NUMBER/YYYYMMDD-HHMMSS-SEQ-TYPE`.
 * VOLUME_NUMBER cycles (1–999), so a folder is reused by a later volume; the date-time (the
 * volume's start) tells them apart. TYPE: S start (volume header + metadata), I intermediate,
 * E end (the chunk holding the end-of-volume radial).
 */
const CHUNK_KEY = /^([A-Z0-9]{4})\/(\d{1,4})\/(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})-(\d{1,4})-([SIE])$/;

export interface Level2ChunkKey {
  site: string;
  volumeNumber: number;
  /** Volume start the name states, epoch ms UTC. */
  time: number;
  /** `YYYYMMDD-HHMMSS`, the same for every chunk of a volume. */
  stamp: string;
  seq: number;
  type: 'S' | 'I' | 'E';
}

export function parseLevel2ChunkKey(key: string): Level2ChunkKey | null {
  const m = CHUNK_KEY.exec(key);
  if (!m) return null;
  const [, site, vol, y, mo, d, h, mi, s, seq, type] = m;
  const time = Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +s!);
  if (Number.isNaN(time)) return null;
  return { site: site!, volumeNumber: +vol!, time, stamp: `${y}${mo}${d}-${h}${mi}${s}`, seq: +seq!, type: type as 'S' | 'I' | 'E' };
}
