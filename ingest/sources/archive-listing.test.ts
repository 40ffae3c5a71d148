// GnssArchiveSource with `listing: 's3'` (ListObjectsV2 under the year prefix) finds exactly the
// files, sizes and ETag fingerprints that a HEAD per day finds, against a real S3 endpoint (s3rver).
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandGnssTemplate, GnssArchiveSource } from './gnss-archive.js';
import type { SourceObject } from './types.js';
import { s3TestClient, startS3Server, type S3TestServer } from '../../test/support/s3-server.js';

const DAY = 86_400_000;
const BUCKET = 'gnss-listing';
const PATH = 'rinex/obs/{yyyy}/{ddd}/{station}{ddd}0.{yy}d.Z';
// Four days around a new year, one of them missing, plus another station's file in the same folder.
const FIRST = Date.UTC(2015, 11, 30) / DAY;
const PRESENT = [FIRST, FIRST + 1, FIRST + 3];

describe('GNSS archive listing through ListObjectsV2', () => {
  let s3: S3TestServer;

  beforeAll(async () => {
    s3 = await startS3Server({ buckets: [BUCKET] });
    const client = s3TestClient(s3.endpoint);
    for (const [station, day] of [...PRESENT.map((d) => ['york', d] as const), ['ceda', FIRST + 2] as const]) {
      const body = new TextEncoder().encode(`${station} ${day} `.repeat(day - FIRST + 1));
      await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: expandGnssTemplate(PATH, station, day), Body: body }));
    }
  }, 60_000);

  afterAll(async () => {
    await s3?.stop();
  });

  const list = async (source: GnssArchiveSource): Promise<SourceObject[]> => {
    const out: SourceObject[] = [];
    for await (const o of source.list('york', { from: FIRST * DAY, to: (FIRST + 4) * DAY })) out.push(o);
    return out;
  };

  it('finds the same objects, sizes and fingerprints as HEAD requests, in day order', async () => {
    const template = `${s3.endpoint}/${BUCKET}/${PATH}`;
    const byHead = await list(new GnssArchiveSource({ template }));
    const byListing = await list(new GnssArchiveSource({ template, listing: 's3' }));
    expect(byHead.map((o) => o.time)).toEqual(PRESENT.map((d) => d * DAY));
    expect(byListing).toEqual(byHead);
    expect(byListing[0]!.fingerprint).toMatch(/^"[0-9a-f]{32}"$/);
    expect(byListing[2]!.size).toBe(new TextEncoder().encode(`york ${FIRST + 3} `.repeat(4)).length);
  });

  it('an unreachable bucket is SOURCE_UNAVAILABLE', async () => {
    const source = new GnssArchiveSource({ template: `http://127.0.0.1:9/${BUCKET}/${PATH}`, listing: 's3' });
    await expect(list(source)).rejects.toMatchObject({ code: 'SOURCE_UNAVAILABLE' });
  });
});
