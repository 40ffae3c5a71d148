import type { OrbitChoice } from '../../core/config.js';
import { RadomeError } from '../../core/errors.js';
import { GnssArchiveSource } from './gnss-archive.js';
import type { ObjectSource, SourceObject, TimeWindow } from './types.js';

const DAY_MS = 86_400_000;

/**
 * The first GPS day gnssrefl's rinex2snr uses multi-GNSS precise orbits for by default (2021
 * day 137, 2021-05-17): before it, GPS broadcast orbits; from it, GFZ's rapid multi-GNSS SP3
 * (GFZ0MGXRAP…ORB.SP3). Documented in gnssrefl's rinex2snr page (change of 2023 May 20).
 */
export const GNSSREFL_PRECISE_FROM_DAY = Date.UTC(2021, 4, 17) / DAY_MS;

export interface OrbitArchiveOptions {
  /** Daily merged broadcast navigation file, a template with {yyyy} {yy} {ddd} {mm} {dd} {wwww} (see gnss-archive.ts). */
  broadcast?: string;
  /** Daily multi-GNSS SP3 product, same fields. */
  precise?: string;
  choice?: OrbitChoice;
  /** Sent as `Authorization: Bearer …` to http(s) archives, as for RINEX archives. */
  token?: string;
}

/**
 * Daily orbit files (broadcast navigation, SP3) from archive templates, with the RINEX archive
 * source's token handling and HEAD/stat discovery. With the 'gnssrefl' choice a day gets
 * broadcast orbits before GNSSREFL_PRECISE_FROM_DAY, and precise ones from it (broadcast when the
 * precise file is not there).
 */
export class OrbitArchiveSource implements ObjectSource {
  readonly id: string;
  private readonly broadcast: GnssArchiveSource | null;
  private readonly precise: GnssArchiveSource | null;
  private readonly choice: OrbitChoice;
  /** Which inner source listed a key (they may differ: an http archive and a local folder). */
  private readonly listedBy = new Map<string, GnssArchiveSource>();

  constructor(options: OrbitArchiveOptions) {
    const make = (template: string | undefined) => (template ? new GnssArchiveSource({ template, token: options.token, perStation: false }) : null);
    this.broadcast = make(options.broadcast);
    this.precise = make(options.precise);
    this.choice = options.choice ?? 'gnssrefl';
    if (!this.broadcast && !this.precise) throw new RadomeError('CONFIG', 'orbit archive: set a broadcast (RADOME_ORBIT_BROADCAST_ARCHIVE) or precise (RADOME_ORBIT_PRECISE_ARCHIVE) template');
    if (this.choice === 'broadcast' && !this.broadcast) throw new RadomeError('CONFIG', 'orbit archive: the broadcast choice needs a broadcast template');
    if (this.choice === 'precise' && !this.precise) throw new RadomeError('CONFIG', 'orbit archive: the precise choice needs a precise template');
    this.id = (this.precise ?? this.broadcast)!.id.replace(/^gnss:/, 'orbits:');
  }

  /** The orbit files of the GPS days overlapping the window, oldest day first. */
  async *list(window: TimeWindow): AsyncGenerator<SourceObject> {
    for (let day = Math.floor(window.from / DAY_MS); day * DAY_MS < window.to; day++) {
      const one = { from: day * DAY_MS, to: (day + 1) * DAY_MS };
      const first = async (source: GnssArchiveSource | null) => {
        if (!source) return null;
        for await (const o of source.list('', one)) {
          this.listedBy.set(o.key, source);
          return o;
        }
        return null;
      };
      const wantPrecise = this.choice === 'precise' || this.choice === 'both' || (this.choice === 'gnssrefl' && day >= GNSSREFL_PRECISE_FROM_DAY);
      const wantBroadcast = this.choice === 'broadcast' || this.choice === 'both' || (this.choice === 'gnssrefl' && day < GNSSREFL_PRECISE_FROM_DAY);
      const precise = wantPrecise ? await first(this.precise) : null;
      if (precise) yield { ...precise, source: this.id };
      if (wantBroadcast || (this.choice === 'gnssrefl' && !precise)) {
        const broadcast = await first(this.broadcast);
        if (broadcast) yield { ...broadcast, source: this.id };
      }
    }
  }

  async fetch(object: SourceObject): Promise<Uint8Array> {
    const source =
      this.listedBy.get(object.key) ?? (/^https?:\/\//i.test(object.key) ? [this.precise, this.broadcast].find((s) => s?.id.startsWith('gnss:http')) : null) ?? (this.precise ?? this.broadcast)!;
    return source.fetch(object);
  }
}
