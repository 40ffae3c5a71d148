// Runs of records assembled apart and joined give the volume decodeArchiveII gives, wherever the
// file is cut: cuts spanning runs, a moment that starts mid-cut, a cut that widens, legacy
// message 1. Where the join cannot be exact (coding changing inside a cut) it says so (null).
import { describe, expect, it } from 'vitest';
import { decodeArchiveII, describeRecord, splitArchiveIIRecords } from '../../ingest/decode/level2/index.js';
import { assembleLevel2Part, joinLevel2Parts, level2VolumeOf } from '../../ingest/decode/level2/volume-parts.js';
import { encodeArchiveII, type EncodeOptions } from '../fixtures/archive2-encoder.js';
import { moment, sweep31, T0, volume1, volume31, wideningVolume31 } from './synthetic-volumes.js';
import { volumeDigest } from './volume-digest.js';

/** Elevation 1 widens and gains a moment halfway. */
const widening = wideningVolume31({ radialsPerRecord: 7 });

/** Elevation 1 whose REF changes scale halfway: decodeArchiveII skips those radials with a warning. */
const recoded = volume31({
  radialsPerRecord: 7,
  sweeps31: [
    sweep31(1, 0.48, 0.5, 20, T0, { REF: moment('REF', 20, 120, 1) }),
    sweep31(1, 0.48, 0.5, 20, T0 + 10_000, { REF: { ...moment('REF', 20, 120, 2), scale: 3 } }),
  ],
});

const volumes: [string, EncodeOptions, boolean][] = [
  ['message 31, 5 radials per record', volume31({ radialsPerRecord: 5 }), true],
  ['a cut that widens and gains a moment', widening, true],
  ['legacy message 1', volume1({ radialsPerRecord: 4, compression: 'bzip2' }), true],
  ['a cut whose coding changes (join refused)', recoded, false],
];

describe('joinLevel2Parts', () => {
  for (const [name, options, joins] of volumes) {
    it(`gives decodeArchiveII's volume at every cut into two and three runs: ${name}`, () => {
      const bytes = encodeArchiveII(options);
      const { header, records, offsets } = splitArchiveIIRecords(bytes);
      const want = volumeDigest(decodeArchiveII(bytes));
      const part = (from: number, to: number) => assembleLevel2Part(records.slice(from, to), (k) => describeRecord(from + k, offsets[from + k]!));
      expect(records.length).toBeGreaterThan(4);
      let joined = 0;
      for (let k = 1; k < records.length; k++) {
        for (const cuts of [[k], [k, Math.min(k + 2, records.length - 1)]]) {
          const ends = [...new Set([...cuts, records.length])];
          const parts = ends.map((end, i) => part(i === 0 ? 0 : ends[i - 1]!, end));
          const whole = joinLevel2Parts(parts);
          if (joins) expect(whole, `cut at ${ends.join(', ')}`).not.toBeNull();
          if (!whole) continue;
          joined++;
          expect(volumeDigest(level2VolumeOf(header, whole)), `cut at ${ends.join(', ')}`).toEqual(want);
        }
      }
      if (!joins) expect(joined).toBe(0);
    });
  }
});
