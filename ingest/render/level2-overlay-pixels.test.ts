import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeArchiveII } from '../decode/level2/index.js';
import { MOMENTS } from '../decode/level2/types.js';
import { codeTableOf, locationOf, polarGridOf, renderCut } from '../level2/plan.js';
import { renderPolarPng, SweepRenderer } from './render-polar.js';
import { repoRoot, sampleFile, skipReason } from '../../test/sample-data.js';
import { decodePng } from '../../test/render/oracle.js';

// Every overlay of the real KLOT volume, rendered as Level 2 ingest renders it (1024 px, one
// SweepRenderer for the volume), decodes to exactly the RGBA pixels the renderer gave before its
// speed work (digests in the fixture, made at commit df1a507): PNG bytes may change, pixels not.
// A deliberate change of the pictures rewrites the fixture: RADOME_WRITE_OVERLAY_DIGESTS=1.

const LEVEL2 = 'nexrad/level2/KLOT20220317_000842_V06';
const FIXTURE = join(repoRoot, 'test', 'fixtures', 'klot-overlay-rgba-sha256.json');

interface Digests {
  about: string;
  overlays: Record<string, { width: number; height: number; rgbaSha256: string }>;
}

function rgbaDigest(png: Uint8Array): { width: number; height: number; rgbaSha256: string } {
  const img = decodePng(png);
  return { width: img.width, height: img.height, rgbaSha256: createHash('sha256').update(img.data).digest('hex') };
}

const level2 = sampleFile(LEVEL2);
if (!level2) console.warn(skipReason(LEVEL2));

describe.skipIf(!level2)('overlays of the real Level 2 volume', () => {
  const volume = level2 ? decodeArchiveII(readFileSync(level2)) : null;

  it('decode to the RGBA pixels of the renderer before its speed work, every sweep × moment', { timeout: 120_000 }, () => {
    const location = locationOf(volume!);
    const renderer = new SweepRenderer(1024);
    const found: Digests['overlays'] = {};
    for (const sweep of volume!.sweeps) {
      const cut = renderCut(location, sweep, renderer);
      for (const { grid, overlay } of cut.moments) found[`${sweep.elevationNumber} ${grid.moment}`] = rgbaDigest(overlay.png);
    }
    expect(Object.keys(found)).toHaveLength(66);
    if (process.env.RADOME_WRITE_OVERLAY_DIGESTS === '1') {
      const about = `sha256 of the decoded RGBA of each overlay of ${LEVEL2} at 1024 px, key "<elevation number> <moment>"; made by ingest/render/level2-overlay-pixels.test.ts`;
      writeFileSync(FIXTURE, `${JSON.stringify({ about, overlays: found }, null, 1)}\n`);
    }
    const expected = (JSON.parse(readFileSync(FIXTURE, 'utf8')) as Digests).overlays;
    for (const [key, digest] of Object.entries(expected)) expect(found[key], key).toEqual(digest);
    expect(Object.keys(found).sort()).toEqual(Object.keys(expected).sort());
  });

  it('decode to the same pixels rendered one grid at a time (no kept pixel maps)', () => {
    const location = locationOf(volume!);
    const expected = (JSON.parse(readFileSync(FIXTURE, 'utf8')) as Digests).overlays;
    let compared = 0;
    // A split cut's two sweeps and a high one with short-range moments.
    for (const sweep of volume!.sweeps.filter((s) => [1, 2, 10].includes(s.elevationNumber))) {
      for (const moment of MOMENTS) {
        const grid = sweep.moments[moment];
        if (!grid) continue;
        const { scale, colors } = codeTableOf(grid);
        const overlay = renderPolarPng(polarGridOf(location, sweep, grid, scale, colors), scale, { size: 1024 });
        expect(rgbaDigest(overlay.png), `${sweep.elevationNumber} ${moment}`).toEqual(expected[`${sweep.elevationNumber} ${moment}`]);
        compared++;
      }
    }
    expect(compared).toBe(15);
  });
});
