import { headerLine, obsTypesRecords, type EventEpoch, type ObsFileSpec, type ObservationEpoch, type SatelliteObs } from '../fixtures/rinex-writer.js';

/** Deterministic pseudo-random numbers in [0, 1). */
export function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

export interface SyntheticOptions {
  version: 2 | 3;
  epochs?: number;
  seed?: number;
  /** Include event epochs (flags 2..5, one of them changing the observable list). */
  events?: boolean;
  /** Include cycle-slip (flag 6) epochs. */
  cycleSlips?: boolean;
}

const START = Date.UTC(2024, 1, 29, 23, 58, 0);

/**
 * A multi-GNSS observation file with what a Hatanaka codec and a parser must get right:
 * satellites rising and setting, more than 12 per epoch, blank fields, LLI/SSI changes, clock
 * offsets that come and go, small and negative values, power-failure flags, events carrying
 * header records (one of which adds an SNR observable) and cycle-slip records.
 */
export function syntheticObsSpec(o: SyntheticOptions): ObsFileSpec {
  const rand = rng(o.seed ?? 1);
  const epochs = o.epochs ?? 40;
  const typesV2a = ['C1', 'L1', 'S1', 'P2', 'L2', 'S2', 'D1'];
  const typesV2b = [...typesV2a, 'C5', 'S5'];
  const typesV3a: Record<string, string[]> = {
    G: ['C1C', 'L1C', 'S1C', 'C2W', 'L2W', 'S2W', 'C5Q', 'L5Q', 'S5Q', 'D1C', 'C2L', 'L2L', 'S2L', 'D2L'],
    R: ['C1C', 'L1C', 'S1C', 'C2P', 'S2P'],
    E: ['C1C', 'L1C', 'S1C', 'C7Q', 'S7Q', 'C8Q', 'L8Q', 'S8Q'],
  };
  const typesV3b: Record<string, string[]> = { ...typesV3a, R: [...typesV3a.R!, 'C2C', 'S2C'] };
  let types = o.version === 2 ? typesV2a : typesV3a;
  const count = (system: string): number => (o.version === 2 ? (types as string[]).length : (types as Record<string, string[]>)[system]!.length);

  const satellites = [...Array.from({ length: 16 }, (_, i) => `G${String(i + 1).padStart(2, '0')}`), 'R03', 'R14', 'R24', 'E05', 'E11', 'E30'];
  const body: (ObservationEpoch | EventEpoch)[] = [];
  for (let k = 0; k < epochs; k++) {
    const time = START + k * 15_000;
    if (o.events && k === Math.floor(epochs / 3)) {
      body.push({ kind: 'event', flag: 4, time: null, records: [headerLine('header records inside the body', 'COMMENT')] });
      types = o.version === 2 ? typesV2b : typesV3b;
      body.push({ kind: 'event', flag: 4, time: null, records: obsTypesRecords(o.version, types) });
    }
    if (o.events && k === Math.floor(epochs / 2)) {
      body.push({ kind: 'event', flag: 2, time, records: [] });
      body.push({ kind: 'event', flag: 3, time, records: [headerLine('NEWSITE', 'MARKER NAME')] });
      body.push({ kind: 'event', flag: 5, time, records: [] });
    }
    const sats: SatelliteObs[] = [];
    for (let s = 0; s < satellites.length; s++) {
      if ((k + 3 * s) % 11 === 0 || (s % 5 === 0 && k % 9 > 6)) continue;
      const id = satellites[s]!;
      const n = count(id[0]!);
      const values: (number | null)[] = [];
      const lli: (number | null)[] = [];
      const ssi: (number | null)[] = [];
      for (let j = 0; j < n; j++) {
        const blank = rand() < 0.08 || (j === n - 1 && k % 4 === 0);
        const base = [2.1e7, 1.1e8, 40, 2.2e7, 8.7e7, 35, -2500, 2.3e7, 42][j % 9]!;
        const v = j % 9 === 2 || j % 9 === 5 || j % 9 === 8 ? base + s * 0.25 + Math.round(rand() * 40) / 4 : base + s * 1000 + k * (400 + s) + rand() * 3;
        values.push(blank ? null : j === 6 && s === 2 ? Math.round((rand() - 0.5) * 1800) / 1000 : Math.round(v * 1000) / 1000);
        lli.push(blank || rand() < 0.8 ? null : Math.floor(rand() * 8));
        ssi.push(blank || rand() < 0.3 ? null : 1 + Math.floor(rand() * 9));
      }
      sats.push({ id, values, lli, ssi });
    }
    const clock = k % 7 === 3 ? null : k % 2 ? 1.2e-4 + k * 3.3e-7 : -0.0000123 * k;
    if (o.cycleSlips && k === epochs - 5) {
      body.push({ kind: 'epoch', time, flag: 6, satellites: sats.slice(0, 3) });
    }
    body.push({ kind: 'epoch', time, flag: k === 7 ? 1 : 0, clock, satellites: sats });
  }
  return {
    version: o.version,
    satSystem: 'M',
    markerName: 'SYNT',
    approxXyz: [1122459.225, -4763243.007, 4076945.547],
    obsTypes: o.version === 2 ? typesV2a : typesV3a,
    body,
  };
}
