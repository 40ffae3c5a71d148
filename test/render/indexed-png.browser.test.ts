import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { colorScaleForMoment } from '../../ingest/render/color-tables.js';
import { codeColors } from '../../ingest/render/gate-codes.js';
import { renderPolarPng } from '../../ingest/render/render-polar.js';
import type { CodedPolarGrid } from '../../ingest/render/types.js';
import { chromiumSkipReason, findChromium, launchBrowser, type LaunchedBrowser } from '../support/browser.js';
import { decodePng } from './oracle.js';

// An indexed-colour overlay (PLTE + tRNS, index 0 transparent) must load in a browser <img> with
// its transparency: drawn onto a canvas, its pixels are the ones pngjs decodes.

const chromium = findChromium();
if (!chromium) console.warn(chromiumSkipReason);

describe.skipIf(!chromium)('indexed-colour overlays in Chromium', () => {
  let browser: LaunchedBrowser;
  beforeAll(async () => {
    browser = await launchBrowser(chromium!);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('load in an <img> and draw with their palette colours, no data fully transparent', async () => {
    const scale = colorScaleForMoment('VEL');
    const codeValues = Float32Array.from({ length: 256 }, (_, c) => (c < 2 ? NaN : (c - 129) / 2));
    const radialCount = 360;
    const gateCount = 300;
    const grid: CodedPolarGrid = {
      latitude: 41.6045,
      longitude: -88.0847,
      heightM: 222,
      elevationAngle: 0.5,
      radialCount,
      gateCount,
      azimuths: Float32Array.from({ length: radialCount }, (_, i) => i + 0.5),
      azimuthWidth: 1,
      firstGateKm: 2.125,
      gateSpacingKm: 0.5,
      codes: Uint8Array.from({ length: radialCount * gateCount }, (_, i) => (i % gateCount < 150 ? (i >> 5) & 255 : 0)),
      codeColors: codeColors(scale, codeValues),
    };
    const overlay = renderPolarPng(grid, scale, { size: 200 });
    expect(overlay.png[25]).toBe(3); // colour type: indexed
    const expected = decodePng(overlay.png);

    const page = await browser.context.newPage();
    const seen = await page.evaluate(
      async (src: string) => {
        const img = new Image();
        const loaded = await new Promise<boolean>((ok) => {
          img.onload = () => ok(true);
          img.onerror = () => ok(false);
          img.src = src;
        });
        if (!loaded) return null;
        const canvas = document.createElement('canvas');
        canvas.width = img.naturalWidth;
        canvas.height = img.naturalHeight;
        const context = canvas.getContext('2d')!;
        // Over opaque magenta: a pixel left transparent would show it, one drawn opaque hides it.
        context.fillStyle = '#ff00ff';
        context.fillRect(0, 0, canvas.width, canvas.height);
        context.drawImage(img, 0, 0);
        return { width: img.naturalWidth, height: img.naturalHeight, data: Array.from(context.getImageData(0, 0, canvas.width, canvas.height).data) };
      },
      `data:image/png;base64,${Buffer.from(overlay.png).toString('base64')}`,
    );
    await page.close();

    expect(seen).not.toBeNull();
    expect([seen!.width, seen!.height]).toEqual([expected.width, expected.height]);
    let transparent = 0;
    let coloured = 0;
    let differing = 0;
    for (let i = 0; i < expected.data.length; i += 4) {
      const alpha = expected.data[i + 3]!;
      const want = alpha === 0 ? [255, 0, 255] : [expected.data[i]!, expected.data[i + 1]!, expected.data[i + 2]!];
      if (alpha === 0) transparent++;
      else coloured++;
      if (want.some((v, k) => v !== seen!.data[i + k]) || seen!.data[i + 3] !== 255) differing++;
    }
    expect(transparent).toBeGreaterThan(1000);
    expect(coloured).toBeGreaterThan(1000);
    expect(differing).toBe(0);
  });
});
