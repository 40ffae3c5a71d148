// Keys as the real-time Level 2 chunks bucket names them, for staging chunks in tests. ingest/
// only parses such keys (parseLevel2ChunkKey); tests check what they build parses back.
export function level2ChunkKeyFor(site: string, volumeNumber: number, time: number, seq: number, type: 'S' | 'I' | 'E'): string {
  const iso = new Date(time).toISOString();
  const stamp = `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}`;
  return `${site}/${volumeNumber}/${stamp}-${String(seq).padStart(3, '0')}-${type}`;
}
