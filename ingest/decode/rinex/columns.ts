import type { RinexEpochs, SnrColumns } from './types.js';

/** Growable column builder for SNR rows (capacity doubles; `finish` trims to size). */
export class SnrColumnsBuilder {
  count = 0;
  private times = new Float64Array(4096);
  private satSystem = new Uint8Array(4096);
  private satPrn = new Uint8Array(4096);
  private codeIndex = new Uint8Array(4096);
  private values = new Float32Array(4096);

  add(time: number, system: number, prn: number, code: number, value: number): void {
    const i = this.count;
    if (i === this.times.length) this.grow();
    this.times[i] = time;
    this.satSystem[i] = system;
    this.satPrn[i] = prn;
    this.codeIndex[i] = code;
    this.values[i] = value;
    this.count = i + 1;
  }

  finish(codes: string[]): SnrColumns {
    const n = this.count;
    return {
      count: n,
      times: this.times.slice(0, n),
      satSystem: this.satSystem.slice(0, n),
      satPrn: this.satPrn.slice(0, n),
      codeIndex: this.codeIndex.slice(0, n),
      values: this.values.slice(0, n),
      codes: [...codes],
    };
  }

  private grow(): void {
    const size = this.times.length * 2;
    const times = new Float64Array(size);
    times.set(this.times);
    this.times = times;
    const satSystem = new Uint8Array(size);
    satSystem.set(this.satSystem);
    this.satSystem = satSystem;
    const satPrn = new Uint8Array(size);
    satPrn.set(this.satPrn);
    this.satPrn = satPrn;
    const codeIndex = new Uint8Array(size);
    codeIndex.set(this.codeIndex);
    this.codeIndex = codeIndex;
    const values = new Float32Array(size);
    values.set(this.values);
    this.values = values;
  }
}

/** Growable builder for the epoch list. */
export class EpochsBuilder {
  count = 0;
  private times = new Float64Array(1024);
  private flags = new Uint8Array(1024);
  private satelliteCounts = new Uint16Array(1024);

  add(time: number, flag: number, satellites: number): void {
    const i = this.count;
    if (i === this.times.length) {
      const times = new Float64Array(i * 2);
      times.set(this.times);
      this.times = times;
      const flags = new Uint8Array(i * 2);
      flags.set(this.flags);
      this.flags = flags;
      const counts = new Uint16Array(i * 2);
      counts.set(this.satelliteCounts);
      this.satelliteCounts = counts;
    }
    this.times[i] = time;
    this.flags[i] = flag;
    this.satelliteCounts[i] = satellites;
    this.count = i + 1;
  }

  finish(): RinexEpochs {
    const n = this.count;
    return {
      count: n,
      times: this.times.slice(0, n),
      flags: this.flags.slice(0, n),
      satelliteCounts: this.satelliteCounts.slice(0, n),
    };
  }
}
