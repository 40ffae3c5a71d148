import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodeZarrArray, zarrStoreObjects } from './zarr-v2.js';
import { objectBytes } from '../../store/objects/object-body.js';

describe('Zarr v2 writer', () => {
  it('stores an array given its first chunk as that chunk only, the rest being fill', () => {
    const first = Uint8Array.from({ length: 3 * 4 }, (_, i) => i + 2);
    const array = encodeZarrArray({ shape: [3, 10], chunkShape: [3, 4], dtype: '|u1', data: first, fillValue: 0, attrs: {} });
    expect(array.zarray).toMatchObject({ shape: [3, 10], chunks: [3, 4], fill_value: 0 });
    expect(new Uint8Array(inflateSync(array.chunk))).toEqual(first);
  });

  it('compresses run data (gate codes) as a zlib stream too, under the same compressor id', () => {
    const codes = new Uint16Array(4 * 50);
    codes.fill(300, 10, 40);
    codes[77] = 2;
    const array = encodeZarrArray({ shape: [4, 50], dtype: '<u2', data: codes, deflate: 'runs', fillValue: 0, attrs: {} });
    expect(array.zarray).toMatchObject({ compressor: { id: 'zlib', level: 1 } });
    expect(inflateSync(array.chunk).equals(new Uint8Array(codes.buffer))).toBe(true);
  });

  it('refuses a first chunk without a fill value, of the wrong size, or larger than the array', () => {
    const data = new Uint8Array(12);
    expect(() => encodeZarrArray({ shape: [3, 10], chunkShape: [3, 4], dtype: '|u1', data, fillValue: null, attrs: {} })).toThrow(/fill value/);
    expect(() => encodeZarrArray({ shape: [3, 10], chunkShape: [3, 5], dtype: '|u1', data, fillValue: 0, attrs: {} })).toThrow(/chunk needs 15/);
    expect(() => encodeZarrArray({ shape: [3, 3], chunkShape: [3, 4], dtype: '|u1', data, fillValue: 0, attrs: {} })).toThrow(/does not fit/);
  });

  it("stores every node's metadata as objects, each chunk, and .zmetadata consolidating the metadata", () => {
    const array = encodeZarrArray({ shape: [2], dtype: '<f4', data: new Float32Array([1, 2]), fillValue: null, attrs: { units: 'm' } });
    const objects = zarrStoreObjects('p.zarr', [
      { path: '', group: { title: 't' } },
      { path: 'sweep_0', group: { sweep_number: 0 } },
      { path: 'sweep_0/range', array },
    ]);
    expect(objects.map((o) => o.key)).toEqual([
      'p.zarr/.zgroup',
      'p.zarr/.zattrs',
      'p.zarr/sweep_0/.zgroup',
      'p.zarr/sweep_0/.zattrs',
      'p.zarr/sweep_0/range/.zarray',
      'p.zarr/sweep_0/range/.zattrs',
      'p.zarr/sweep_0/range/0',
      'p.zarr/.zmetadata',
    ]);
    const { metadata } = JSON.parse(Buffer.from(objectBytes(objects.at(-1)!.body)).toString()) as { metadata: Record<string, unknown> };
    expect(Object.keys(metadata).sort()).toEqual(['.zattrs', '.zgroup', 'sweep_0/.zattrs', 'sweep_0/.zgroup', 'sweep_0/range/.zarray', 'sweep_0/range/.zattrs']);
    expect(metadata['sweep_0/range/.zattrs']).toEqual({ units: 'm' });
    for (const o of objects.slice(0, -1).filter((o) => !o.key.endsWith('/0'))) {
      expect(JSON.parse(Buffer.from(objectBytes(o.body)).toString()), o.key).toEqual(metadata[o.key.slice('p.zarr/'.length)]);
    }
  });
});
