// `radome ingest once --source level3` against an S3-compatible server holding products under the
// public Level 3 key layout (SSS_PPP_YYYY_MM_DD_HH_MM_SS): only the asked site × products whose key
// time lies in the window are ingested, across a day boundary.
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { level3KeyFor } from '../../ingest/sources/level3-keys.js';
import { openReadOnlyCatalog } from '../../store/catalog/index.js';
import { accumulationProduct, hydrometeorProduct, velocityProduct } from '../level3-ingest/synthetic-products.js';
import { S3RVER_CREDENTIALS, s3TestClient, startS3Server, type S3TestServer } from '../support/s3-server.js';
import { runRadome } from './radome-process.js';
import { testSite } from '../support/ids.js';

const BUCKET = 'nexrad-level3-mirror';
const t = (iso: string) => Date.parse(iso);

describe('Level 3 from a bucket with the public key layout', () => {
  let s3: S3TestServer;
  let work: string;
  let env: Record<string, string>;
  const objects: { key: string; body: Uint8Array; expected: boolean }[] = [
    { key: level3KeyFor('KLOT', 'N0H', t('2021-01-31T11:06:30Z')), body: hydrometeorProduct({ scanTime: t('2021-01-31T11:06:30Z') }), expected: true },
    { key: level3KeyFor('KLOT', 'N0H', t('2021-01-31T23:59:00Z')), body: hydrometeorProduct({ scanTime: t('2021-01-31T23:59:00Z') }), expected: true },
    { key: level3KeyFor('KLOT', 'N0H', t('2021-02-01T00:10:00Z')), body: hydrometeorProduct({ scanTime: t('2021-02-01T00:10:00Z') }), expected: true },
    { key: level3KeyFor('KLOT', 'DAA', t('2021-01-31T12:00:00Z')), body: accumulationProduct({ scanTime: t('2021-01-31T12:00:00Z') }), expected: true },
    // Outside the window, another site, a product not asked for.
    { key: level3KeyFor('KLOT', 'N0H', t('2021-02-01T05:00:00Z')), body: hydrometeorProduct({ scanTime: t('2021-02-01T05:00:00Z') }), expected: false },
    { key: level3KeyFor('KLOT', 'N0H', t('2021-01-31T10:59:59Z')), body: hydrometeorProduct({ scanTime: t('2021-01-31T10:59:59Z') }), expected: false },
    { key: level3KeyFor('KIWX', 'N0H', t('2021-01-31T12:00:00Z')), body: hydrometeorProduct({ scanTime: t('2021-01-31T12:00:00Z'), awipsId: 'N0HIWX' }), expected: false },
    { key: level3KeyFor('KLOT', 'N0S', t('2021-01-31T12:00:00Z')), body: velocityProduct(), expected: false },
  ];

  // Lajes, Azores (issue 23's national replay lost its products): a radar whose ICAO does not start with K.
  const lajes = { key: level3KeyFor('LPLA', 'N0H', t('2021-01-31T12:00:00Z')), body: hydrometeorProduct({ scanTime: t('2021-01-31T12:00:00Z'), awipsId: 'N0HPLA' }) };

  beforeAll(async () => {
    s3 = await startS3Server({ buckets: [BUCKET] });
    const client = s3TestClient(s3.endpoint);
    for (const o of [...objects, lajes]) await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: o.key, Body: o.body }));
    client.destroy();
    work = mkdtempSync(join(tmpdir(), 'radome-l3-bucket-'));
    env = {
      RADOME_DATA_DIR: join(work, 'var'),
      RADOME_RENDER_SIZE: '256',
      RADOME_LEVEL3_BUCKET: BUCKET,
      RADOME_LEVEL3_ENDPOINT: s3.endpoint,
      AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
      AWS_REGION: 'us-east-1',
      LOG_LEVEL: 'warn',
    };
  });

  afterAll(async () => {
    await s3?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const ingestOnce = () =>
    runRadome(['ingest', 'once', '--source', 'level3', '--site', 'KLOT', '--product', 'N0H', '--product', 'daa', '--from', '2021-01-31T11:00:00Z', '--to', '2021-02-01T01:00:00Z'], env);

  it('ingests exactly the asked site × products in the window, keyed by bucket key', async () => {
    expect(objects[0]!.key).toBe('LOT_N0H_2021_01_31_11_06_30');
    const run = await ingestOnce();
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const catalog = await openReadOnlyCatalog(join(work, 'var', 'catalog.db'));
    try {
      const rows = await catalog.reader.products.list({}, { first: 100, after: null });
      expect(rows.rows.map((r) => r.sourceKey).sort()).toEqual(
        objects
          .filter((o) => o.expected)
          .map((o) => o.key)
          .sort(),
      );
      expect(rows.rows.every((r) => r.source === `level3:${BUCKET}` && r.site === 'KLOT')).toBe(true);
      expect((await catalog.reader.products.codeCounts({})).map((c) => [c.mnemonic, c.count])).toEqual([
        ['N0H', 3],
        ['DAA', 1],
      ]);
    } finally {
      await catalog.close();
    }
  });

  it('a second run finds everything already ingested', async () => {
    const run = await ingestOnce();
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/0 ingested, 3 unchanged, 0 failed/);
    expect(run.stdout).toMatch(/0 ingested, 1 unchanged, 0 failed/);
  });

  it('lists and catalogues the products of a radar outside the contiguous US under its own ICAO (LPLA)', async () => {
    expect(lajes.key).toBe('PLA_N0H_2021_01_31_12_00_00');
    const run = await runRadome(['ingest', 'once', '--source', 'level3', '--site', 'LPLA', '--product', 'N0H', '--from', '2021-01-31T11:00:00Z', '--to', '2021-02-01T01:00:00Z'], env);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/1 ingested, 0 unchanged, 0 failed/);
    const catalog = await openReadOnlyCatalog(join(work, 'var', 'catalog.db'));
    try {
      const rows = (await catalog.reader.products.list({ site: testSite('LPLA') }, { first: 10, after: null })).rows;
      expect(rows.map((r) => [r.id, r.sourceKey])).toEqual([['LPLA_N0H_20210131_120000', lajes.key]]);
      expect((await catalog.reader.products.list({ site: testSite('KPLA') }, { first: 10, after: null })).rows).toEqual([]);
    } finally {
      await catalog.close();
    }
  });

  it('says what is missing: no --product, a bad mnemonic', async () => {
    const noProduct = await runRadome(['ingest', 'once', '--source', 'level3', '--site', 'KLOT', '--from', '2021-01-31T11:00:00Z', '--to', '2021-01-31T12:00:00Z'], env);
    expect(noProduct.code).not.toBe(0);
    expect(noProduct.stderr).toMatch(/--product is required/);
    const badProduct = await runRadome(['ingest', 'once', '--source', 'level3', '--site', 'KLOT', '--product', 'N0HX', '--from', '2021-01-31T11:00:00Z', '--to', '2021-01-31T12:00:00Z'], env);
    expect(badProduct.stderr).toMatch(/--product N0HX/);
  });
});
