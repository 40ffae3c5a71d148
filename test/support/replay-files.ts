// The national replay's files (issue 23): the real sample volume re-sited and re-timed to a real
// NEXRAD site by the project's Archive II encoder, its real-time chunks, and its Level 3 products.
// Made on the replay encoder's thread (replay-encoder.ts), never on the thread that times things.
import { execFileSync, spawnSync } from 'node:child_process';
import { decodeArchiveII } from '../../ingest/decode/level2/index.js';
import type { Level2Volume, Moment } from '../../ingest/decode/level2/types.js';
import { level3RadarId } from '../../ingest/sources/level3-keys.js';
import { encodeArchiveII, encodeRecords, ldmRecord, volumeHeader, type EncodeOptions, type MomentCodes, type Sweep31 } from '../fixtures/archive2-encoder.js';
import { digitalRadialPacket, encodeLevel3 } from '../fixtures/level3-encoder.js';
import { floatHalfwords, patchedLevels } from '../level3-ingest/synthetic-products.js';

export interface ReplaySite {
  id: string;
  latitude: number;
  longitude: number;
  heightM: number;
  vcp: number;
  volumeMs: number;
  /** Where in its volume cycle the site is at the replay's start, ms. */
  phaseMs: number;
}

/** A stable hash of a site id, for its VCP and its phase. */
export function siteHash(id: string): number {
  let h = 2166136261;
  for (const c of id) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  return h;
}

export interface ScheduledVolume {
  site: ReplaySite;
  /** Scan start and end, epoch ms (whole seconds). */
  start: number;
  end: number;
  /** The catalog's volume id, `SITEYYYYMMDD_HHMMSS`. */
  id: string;
  /** Its archive key in the Level 2 bucket. */
  key: string;
  /** Its folder number in the chunks bucket (1–999, cycling). */
  chunkFolder: number;
}

/** The real sample's sweeps as encoder input, optionally only the cuts at or below `maxElevation` degrees. */
function sampleSweeps(volume: Level2Volume, maxElevation: number): Sweep31[] {
  return volume.sweeps
    .filter((s) => s.elevationAngle <= maxElevation)
    .map((s) => {
      const moments: Partial<Record<Moment, MomentCodes>> = {};
      for (const [name, g] of Object.entries(s.moments))
        moments[name as Moment] = { codes: g.codes, gates: g.gateCount, scale: g.scale, offset: g.offset, firstGateM: g.firstGateKm * 1000, gateSpacingM: g.gateSpacingKm * 1000 };
      return { elevationNumber: s.elevationNumber, elevationAngle: s.elevationAngle, azimuthSpacing: s.azimuthSpacing === 1 ? 1 : 0.5, azimuths: s.azimuths, times: s.times, moments };
    });
}

/**
 * Makes the replay's files: the real sample volume re-sited (site id, location, VCP) and re-timed
 * (its radial times stretched over the VCP's length from the new start) by the Archive II encoder;
 * Level 3 products by the Level 3 encoder, per site and volume.
 */
export class ReplayFiles {
  private readonly sweeps: Sweep31[];
  private readonly sampleStart: number;
  private readonly sampleLength: number;

  constructor(sample: Uint8Array, maxElevation = 90) {
    const volume = decodeArchiveII(sample);
    this.sweeps = sampleSweeps(volume, maxElevation);
    this.sampleStart = volume.volumeStart;
    const last = this.sweeps.at(-1)!.times;
    this.sampleLength = last[last.length - 1]! - this.sampleStart + 1000;
  }

  /** Sweep rows a volume makes (one per cut × moment). */
  sweepCount(): number {
    return this.sweeps.reduce((n, s) => n + Object.keys(s.moments).length, 0);
  }

  /** Chunks a volume makes: the start chunk and one a 120-radial record. */
  chunkCount(): number {
    return 1 + Math.ceil(this.sweeps.reduce((n, s) => n + s.azimuths.length, 0) / 120);
  }

  private options(v: ScheduledVolume): EncodeOptions {
    const stretch = (v.end - v.start - 1000) / this.sampleLength;
    const sweeps31 = this.sweeps.map((s) => ({ ...s, times: s.times.map((t) => Math.round(v.start + (t - this.sampleStart) * stretch)) }));
    const { site } = v;
    return {
      site: site.id,
      volumeStart: v.start,
      vcp: site.vcp,
      location: { latitude: site.latitude, longitude: site.longitude, heightM: site.heightM, feedhornHeightM: 20 },
      compression: 'none',
      sweeps31,
    };
  }

  /**
   * The archive file. Gzip-wrapped uncompressed records rather than bzip2 records: the encoder's
   * bzip2 is pure JavaScript and would take the replayer tens of seconds a volume; the decoder
   * reads both (the ingest CPU this saves is bzip2 decompression, which the bench notes).
   */
  archive(v: ScheduledVolume): Uint8Array {
    return encodeArchiveII({ ...this.options(v), gzip: true });
  }

  /** The volume as the real-time chunks bucket has it: a start chunk (header, metadata record), then one bzip2 LDM record a chunk. */
  chunks(v: ScheduledVolume): Uint8Array[] {
    const o = { ...this.options(v), radialsPerRecord: 120 };
    const records = encodeRecords(o).map((r, i, all) => bzip2Record(r, i === all.length - 1));
    const header = volumeHeader(o);
    const start = new Uint8Array(header.length + records[0]!.length);
    start.set(header);
    start.set(records[0]!, header.length);
    return [start, ...records.slice(1)];
  }

  /** A Level 3 product of the volume: N0H (hydrometeor classes, WMO heading) or DAA (accumulation, sited by position). */
  level3(v: ScheduledVolume, mnemonic: 'N0H' | 'DAA'): Uint8Array {
    const { site } = v;
    const h = siteHash(v.id);
    const patch = { radials: [h % 300, (h % 300) + 20] as [number, number], bins: [50 + (h % 100), 150 + (h % 100)] as [number, number], level: mnemonic === 'N0H' ? 60 : 120 };
    const stamp = new Date(v.start).toISOString();
    const common = {
      volumeScanTime: v.start,
      latitude: site.latitude,
      longitude: site.longitude,
      vcp: site.vcp,
      compress: true,
      layers: [[digitalRadialPacket({ binCount: 400, levels: patchedLevels(360, 400, [patch]), rangeScale: 250 })]],
    };
    if (mnemonic === 'N0H') {
      const heading = `SDUS5${h % 9} ${site.id} ${stamp.slice(8, 10)}${stamp.slice(11, 13)}${stamp.slice(14, 16)}`;
      return encodeLevel3({ ...common, productCode: 165, halfwords: { 30: 5 }, wmo: { heading, awipsId: `N0H${level3RadarId(site.id)}` } });
    }
    const [s1, s2] = floatHalfwords(1);
    const [o1, o2] = floatHalfwords(0);
    return encodeLevel3({ ...common, productCode: 170, halfwords: { 31: s1, 32: s2, 33: o1, 34: o2, 36: 255, 37: 1, 38: 0, 47: 12, 48: 1, 49: 660 } });
  }
}

/**
 * One LDM record of the chunks: Debian's bzip2 when installed (a full volume's records take the
 * encoder's pure-JavaScript bzip2 about a minute, too slow to publish chunks on schedule), else the encoder's.
 */
function bzip2Record(payload: Uint8Array, last: boolean): Uint8Array {
  if (!HAS_BZIP2) return ldmRecord(payload, last);
  const z = execFileSync('bzip2', ['-1', '-c'], { input: payload, maxBuffer: 64 * 2 ** 20 });
  const out = new Uint8Array(4 + z.length);
  new DataView(out.buffer).setInt32(0, last ? -z.length : z.length);
  out.set(z, 4);
  return out;
}
const HAS_BZIP2 = spawnSync('bzip2', ['--help']).status === 0;
