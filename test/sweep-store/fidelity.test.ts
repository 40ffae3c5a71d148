// Zarr fidelity: Debian's python3-xarray and python3-zarr (of /usr/bin/python3, which .ci/run
// installs) open the stored sweep store and decode every sweep group to radome's own values.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeArchiveII, momentCodeValues, MOMENTS, type Level2Volume } from '../../ingest/decode/level2/index.js';
import { locationOf } from '../../ingest/level2/plan.js';
import { encodeSweepStore } from '../../ingest/level2/sweep-store.js';
import { level2ZarrPrefix } from '../../ingest/level2/volume-id.js';
import { level2VolumeId, parseRadarSiteId } from '../../core/vocabulary/index.js';
import { FileObjectStore } from '../../store/objects/index.js';
import { MOMENT_VARIABLES } from '../../store/radar/sweep-store-layout.js';
import { encodeArchiveII } from '../fixtures/archive2-encoder.js';
import { volume31 } from '../level2/synthetic-volumes.js';
import { repoRoot, sampleFile, skipReason } from '../sample-data.js';

const PYTHON = '/usr/bin/python3';
const SCRIPT = join(repoRoot, 'test', 'sweep-store', 'xarray-fidelity.py');
const SAMPLE = 'nexrad/level2/KLOT20220317_000842_V06';
const samplePath = sampleFile(SAMPLE);

/** Why the Python side cannot run here, or null when it can. */
function pythonMissing(): string | null {
  if (!existsSync(PYTHON)) return `${PYTHON} not found`;
  const probe = spawnSync(PYTHON, ['-c', 'import xarray, zarr'], { encoding: 'utf8' });
  return probe.status === 0 ? null : `${PYTHON} lacks xarray or zarr (${probe.stderr.trim().split('\n').pop()})`;
}

const missing = pythonMissing();
const inCI = process.env.CI === 'true';
if (missing && !inCI) console.warn(`skipping the xarray fidelity test: ${missing} (apt-get install python3-xarray python3-zarr)`);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'radome-zarr-fidelity-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Report {
  versions: Record<string, string>;
  sweeps: { group: string; moments: string[]; gates: number }[];
  errors: string[];
}

/** Stores `volume` in a file object store and has xarray check every sweep and moment of it. */
async function checkWithXarray(volume: Level2Volume, name: string): Promise<Report> {
  const root = join(dir, name);
  const objects = new FileObjectStore(join(root, 'objects'), { durable: false });
  const id = level2VolumeId(parseRadarSiteId(volume.site, 'the test volume'), volume.volumeStart);
  const prefix = level2ZarrPrefix(volume.site, volume.volumeStart, id);
  const location = locationOf(volume);
  await objects.putMany(encodeSweepStore(prefix, volume, id, location));
  const manifest = {
    store: join(root, 'objects', prefix),
    site: volume.site,
    latitude: location.latitude,
    longitude: location.longitude,
    altitude: location.heightM + (location.feedhornHeightM ?? 0),
    sweeps: volume.sweeps.map((sweep, i) => ({
      group: `sweep_${i}`,
      azimuth: Array.from(sweep.azimuths),
      elevation: Array.from(sweep.elevations),
      time: Array.from(sweep.times),
      moments: MOMENTS.flatMap((moment) => {
        const grid = sweep.moments[moment];
        if (!grid) return [];
        const valuesFile = join(root, `values-${i}-${moment}.f32`);
        writeFileSync(valuesFile, new Uint8Array(momentCodeValues(grid).buffer));
        const codes = new Uint8Array(grid.codes.buffer, grid.codes.byteOffset, grid.codes.byteLength);
        return [
          {
            variable: MOMENT_VARIABLES[moment],
            units: grid.units,
            gateCount: grid.gateCount,
            firstGateM: Math.round(grid.firstGateKm * 1000),
            gateSpacingM: Math.round(grid.gateSpacingKm * 1000),
            codesSha256: createHash('sha256').update(codes).digest('hex'),
            valuesFile,
          },
        ];
      }),
    })),
  };
  const manifestFile = join(root, 'manifest.json');
  writeFileSync(manifestFile, JSON.stringify(manifest));
  const out = execFileSync(PYTHON, [SCRIPT, manifestFile], { encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
  return JSON.parse(out) as Report;
}

function expectEverythingChecked(report: Report, volume: Level2Volume): void {
  expect(report.errors).toEqual([]);
  expect(report.sweeps.map((s) => s.group)).toEqual(volume.sweeps.map((_, i) => `sweep_${i}`));
  report.sweeps.forEach((s, i) => {
    const sweep = volume.sweeps[i]!;
    expect(s.moments.sort()).toEqual(
      MOMENTS.filter((m) => sweep.moments[m])
        .map((m) => MOMENT_VARIABLES[m])
        .sort(),
    );
    expect(s.gates).toBe(Object.values(sweep.moments).reduce((n, g) => n + g!.codes.length, 0));
  });
}

describe.skipIf(missing !== null && !inCI)('Zarr fidelity with Debian xarray + zarr', () => {
  it('finds /usr/bin/python3 with xarray and zarr (CI must have them)', () => {
    expect(missing).toBeNull();
  });

  it('an encoder-made volume (split cuts, 8/16-bit moments, two range axes) decodes to radome values', async () => {
    const volume = decodeArchiveII(encodeArchiveII(volume31()));
    expectEverythingChecked(await checkWithXarray(volume, 'synthetic'), volume);
  }, 120_000);

  it.skipIf(!samplePath)(
    'the real KLOT volume decodes to radome values, every sweep and moment',
    async () => {
      const volume = decodeArchiveII(new Uint8Array(readFileSync(samplePath!)));
      const report = await checkWithXarray(volume, 'klot');
      expectEverythingChecked(report, volume);
      console.log(`xarray ${report.versions.xarray}, zarr ${report.versions.zarr}: ${report.sweeps.length} sweeps, ${report.sweeps.reduce((n, s) => n + s.gates, 0)} gates equal`);
    },
    300_000,
  );
});

if (!samplePath) console.warn(skipReason(SAMPLE));
