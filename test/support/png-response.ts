import { expect } from 'vitest';

/** Fetches `url` and expects a PNG served as one: status 200, content-type image/png, the PNG signature. */
export async function expectPngAt(url: string): Promise<void> {
  const res = await fetch(url);
  expect(res.status, url).toBe(200);
  expect(res.headers.get('content-type'), url).toBe('image/png');
  expect(
    Buffer.from(await res.arrayBuffer())
      .subarray(1, 4)
      .toString('latin1'),
    url,
  ).toBe('PNG');
}
