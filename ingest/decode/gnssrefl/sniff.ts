import { looksLikeSnrFile } from './read-snr-file.js';

/**
 * gnssrefl's own files, by content: an SNR file (rows of 7-11 numbers, satellite first), a
 * station json (an object with "station" and gnssir fields such as "e1" or "freqs"), or a station
 * refraction file (GPT2w cells: rows of 12 numbers, latitude and longitude first). Null otherwise.
 */
export function sniffGnssreflFile(bytes: Uint8Array): 'gnssrefl-snr' | 'gnssrefl-station' | 'gnssrefl-refraction' | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 600));
  if (/^\s*\{/.test(head)) return /"station"\s*:/.test(head) && /"(e1|freqs|minH)"\s*:/.test(head) ? 'gnssrefl-station' : null;
  if (looksLikeSnrFile(bytes)) return 'gnssrefl-snr';
  const first = head.split('\n')[0]!.trim().split(/\s+/);
  if (first.length === 12 && /^-?\d{1,2}$/.test(first[0]!) && /^-?\d{1,3}$/.test(first[1]!) && first.every((f) => /^-?\d+(\.\d+)?$/.test(f))) return 'gnssrefl-refraction';
  return null;
}
