/**
 * A deliberately simple, slow RINEX observation reader used as an independent oracle for the SNR
 * values radome's parser extracts: split into lines, cut fixed-width substrings, parseFloat.
 * It handles what the sample files contain (RINEX 2 continuation lines, RINEX 3 records, event
 * flags 2..6) and nothing fancier; it shares no code with ingest/decode/rinex.
 */
import { addValue, type ValueStat } from '../support/value-stats.js';

export type SnrStat = ValueStat;

/** SNR statistics keyed "G07|S1C" (system letter, two-digit PRN, code). */
export function simpleSnrStats(text: string): Map<string, SnrStat> {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const version = parseFloat(lines[0]!.substring(0, 9));
  let i = 0;
  const typesR2: string[] = [];
  const typesR3: Record<string, string[]> = {};
  let lastSystem = '';
  for (; i < lines.length; i++) {
    const label = lines[i]!.substring(60).trim();
    if (label === 'END OF HEADER') break;
    if (label === '# / TYPES OF OBSERV') typesR2.push(...lines[i]!.substring(6, 60).trim().split(/\s+/));
    if (label === 'SYS / # / OBS TYPES') {
      if (lines[i]![0] !== ' ') {
        lastSystem = lines[i]![0]!;
        typesR3[lastSystem] = [];
      }
      typesR3[lastSystem]!.push(...lines[i]!.substring(7, 60).trim().split(/\s+/));
    }
  }
  i++;
  const stats = new Map<string, SnrStat>();
  const add = (sat: string, code: string, field: string): void => {
    if (!code.startsWith('S') || field.trim() === '') return;
    addValue(stats, `${sat}|${code}`, parseFloat(field));
  };
  const satName = (id: string): string => (id[0] === ' ' ? 'G' : id[0]) + id.substring(1).replace(' ', '0');

  if (version < 3) {
    const perSat = Math.ceil(typesR2.length / 5);
    while (i < lines.length) {
      const line = lines[i]!;
      if (line.trim() === '') {
        i++;
        continue;
      }
      const flag = Number(line.substring(28, 29));
      const n = Number(line.substring(29, 32));
      if (flag >= 2 && flag <= 5) {
        i += 1 + n;
        continue;
      }
      const sats: string[] = [];
      let j = i;
      while (sats.length < n) {
        const list = lines[j]!.substring(32, 68);
        for (let k = 0; k + 3 <= list.length && sats.length < n; k += 3) sats.push(list.substring(k, k + 3));
        j++;
      }
      i = j;
      for (const sat of sats) {
        let record = '';
        for (let k = 0; k < perSat; k++) record += lines[i + k]!.padEnd(80).substring(0, 80);
        i += perSat;
        if (flag === 6) continue;
        typesR2.forEach((code, k) => add(satName(sat), code, record.substring(16 * k, 16 * k + 14)));
      }
    }
  } else {
    while (i < lines.length) {
      const line = lines[i]!;
      if (!line.startsWith('>')) {
        i++;
        continue;
      }
      const flag = Number(line.substring(31, 32));
      const n = Number(line.substring(32, 35));
      i++;
      if (flag >= 2) {
        i += n;
        continue;
      }
      for (let k = 0; k < n; k++, i++) {
        const rec = lines[i]!;
        (typesR3[rec[0]!] ?? []).forEach((code, t) => add(satName(rec.substring(0, 3)), code, rec.substring(3 + 16 * t, 3 + 16 * t + 14)));
      }
    }
  }
  return stats;
}
