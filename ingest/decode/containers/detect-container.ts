/** Compression/archive wrappers that RINEX files are served in, recognised by magic bytes. */
export type ContainerKind = 'gzip' | 'bzip2' | 'zip' | 'compress';

/**
 * The container `bytes` start with, or null for plain data. Detection is by content only:
 * archives mislabel files (`.Z` that is gzip, `.gz` that is plain) often enough.
 */
export function detectContainer(bytes: Uint8Array): ContainerKind | null {
  if (bytes.length < 3) return null;
  const b0 = bytes[0]!;
  const b1 = bytes[1]!;
  if (b0 === 0x1f && b1 === 0x8b) return 'gzip';
  if (b0 === 0x1f && b1 === 0x9d) return 'compress';
  // 'BZh' followed by the block size digit 1..9.
  if (b0 === 0x42 && b1 === 0x5a && bytes[2] === 0x68 && bytes.length >= 4 && bytes[3]! >= 0x31 && bytes[3]! <= 0x39) {
    return 'bzip2';
  }
  // 'PK' local file header (03 04) or the end record of an empty archive (05 06).
  if (b0 === 0x50 && b1 === 0x4b && bytes.length >= 4) {
    const b2 = bytes[2]!;
    const b3 = bytes[3]!;
    if ((b2 === 3 && b3 === 4) || (b2 === 5 && b3 === 6)) return 'zip';
  }
  return null;
}
