import { afterEach, describe, expect, it } from 'vitest';
import { RadomeError } from '../../core/errors.js';
import { FileObjectStore, openObjectStore, validateObjectKey, validateObjectPrefix } from './index.js';
import { BAD_KEYS } from '../../test/store/object-key-cases.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(RadomeError);
    return (e as RadomeError).code;
  }
  return undefined;
}

describe('validateObjectKey', () => {
  it.each(BAD_KEYS.map((k) => [JSON.stringify(k).slice(0, 40), k]))('rejects %s', (_, key) => {
    expect(codeOf(() => validateObjectKey(key))).toBe('BAD_INPUT');
  });

  it.each([
    'radar/level2/KLOT/2022/03/17/KLOT20220317_000842/e01-REF.png',
    'gnss/snr/station=CEDA/year=2018/doy=210/part-0.parquet',
    'quarantine/level2_noaa/2022/03/17/KLOT/KLOT20220317_000842_V06',
    'a',
    'dir.with.dots/file..name',
    '.hidden/ok',
    'ünïcödé/名前',
    '100%/done',
    'k'.repeat(1024),
  ])('accepts %s and returns it unchanged', (key) => {
    expect(validateObjectKey(key)).toBe(key);
  });

  it('checks listing prefixes like keys, allowing "" and a trailing "/"', () => {
    expect(validateObjectPrefix('')).toBe('');
    expect(validateObjectPrefix('radar/')).toBe('radar/');
    expect(validateObjectPrefix('radar/level2/KL')).toBe('radar/level2/KL');
    for (const p of ['../', '/', 'a//', '/etc/', '%2e%2e/']) expect(codeOf(() => validateObjectPrefix(p))).toBe('BAD_INPUT');
  });
});

describe('openObjectStore', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('opens file stores from relative, absolute and file:// URLs', () => {
    const rel = openObjectStore('file:var/objects');
    expect(rel).toBeInstanceOf(FileObjectStore);
    expect(rel.url).toBe(`file:${process.cwd()}/var/objects`);
    expect(openObjectStore('file:/tmp/radome-objects').url).toBe('file:/tmp/radome-objects');
    expect(openObjectStore('file:///tmp/radome%20objects').url).toBe('file:/tmp/radome objects');
  });

  it('opens S3 stores with bucket, prefix and options', () => {
    const store = openObjectStore('s3://my-bucket/radome/objects?endpoint=http://127.0.0.1:9000&region=eu-west-1&forcePathStyle=true');
    expect(store).not.toBeInstanceOf(FileObjectStore);
    expect(store.url).toBe('s3://my-bucket/radome/objects/');
    expect(openObjectStore('s3://noaa-nexrad-level2?anonymous=true').url).toBe('s3://noaa-nexrad-level2/');
  });

  it.each([
    ['', /must start with file: or s3:\/\//],
    ['http://example.com/x', /must start with/],
    ['file:', /names no folder/],
    ['s3://', /not a valid/],
    ['s3://UPPER/x', /not a valid bucket name/],
    ['s3://ab/x', /not a valid bucket name/],
    ['s3://bucket/x?endpont=http://h', /unknown parameter "endpont"/],
    ['s3://bucket/x?forcePathStyle=maybe', /forcePathStyle=maybe is not true or false/],
    ['s3://bucket/x?endpoint=ftp://h', /endpoint=ftp:\/\/h is not an http/],
    ['s3://key:secret@bucket/x', /credentials in the environment/],
    ['s3://bucket/../x', /bad prefix|not a valid/],
    ['s3://bucket/a//b', /bad prefix/],
  ])('rejects %j with CONFIG', (url, message) => {
    let caught: unknown;
    try {
      openObjectStore(url);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(RadomeError);
    expect((caught as RadomeError).code).toBe('CONFIG');
    expect((caught as RadomeError).message).toMatch(message);
  });
});
