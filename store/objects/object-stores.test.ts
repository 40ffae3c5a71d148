import type { S3Client } from '@aws-sdk/client-s3';
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejection } from '../../test/support/radome-failure.js';
import { createS3Client, FileObjectStore, md5ETag, openObjectStore, S3ObjectStore } from './index.js';
import type { ObjectStore, ObjectSummary } from '../types.js';
import { S3RVER_CREDENTIALS, s3TestClient, startS3Server, type S3TestServer } from '../../test/support/s3-server.js';
import { BAD_KEYS } from '../../test/store/object-key-cases.js';

const BUCKET = 'radome-test';

let server: S3TestServer;
let client: S3Client;
beforeAll(async () => {
  server = await startS3Server({ buckets: [BUCKET] });
  client = s3TestClient(server.endpoint);
});
afterAll(async () => {
  client?.destroy();
  await server?.stop();
});

async function collect(it: AsyncIterable<ObjectSummary>): Promise<ObjectSummary[]> {
  const out: ObjectSummary[] = [];
  for await (const o of it) out.push(o);
  return out;
}

const bytes = (s: string) => new TextEncoder().encode(s);

/**
 * Keys over several folders whose order s3rver gets right. (s3rver walks its folder tree, so a key
 * and a folder sharing a stem, such as 'a/b', 'a/b-x' and 'a/b0/c', come out of order and keys are
 * lost across pages; real S3 sorts by bytes. The file store's byte order is tested on its own below.)
 */
const LISTING_KEYS = ['a/1', 'a/2', 'a/b/x', 'ab/1', 'b/z', 'b/ü', 'c', 'c0/d', 'd'];

const stores: [string, () => ObjectStore][] = [
  ['FileObjectStore', () => new FileObjectStore(mkdtempSync(join(tmpdir(), 'radome-objects-')), { durable: false })],
  [
    'S3ObjectStore',
    // Small pages and batches so that listing and deleting a few keys crosses several requests.
    () => new S3ObjectStore({ bucket: BUCKET, prefix: `t-${randomUUID()}`, client, listPageSize: 4, deleteBatchSize: 3 }),
  ],
];

describe.each(stores)('%s (shared contract)', (_, make) => {
  it('put then get and head return the body, type, size, S3-style ETag and time', async () => {
    const store = make();
    const body = randomBytes(5000);
    const before = Date.now();
    await store.put('radar/level2/KLOT/x.png', body, 'image/png');
    const got = await store.get('radar/level2/KLOT/x.png');
    expect(got).not.toBeNull();
    expect(Buffer.from(got!.body).equals(body)).toBe(true);
    expect(got!.body).toBeInstanceOf(Uint8Array);
    expect(got).toMatchObject({ key: 'radar/level2/KLOT/x.png', contentType: 'image/png', size: 5000, etag: md5ETag(body) });
    expect(got!.etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(Math.abs(got!.lastModified.getTime() - before)).toBeLessThan(60_000);
    const head = await store.head('radar/level2/KLOT/x.png');
    expect(head).toEqual({ key: got!.key, contentType: got!.contentType, size: got!.size, etag: got!.etag, lastModified: got!.lastModified });
  });

  it('overwrites, stores empty bodies, and keeps the content type given', async () => {
    const store = make();
    await store.put('k.json', bytes('{"a":1}'), 'application/json');
    await store.put('k.json', bytes('{"a":2,"b":3}'), 'application/geo+json');
    const got = await store.get('k.json');
    expect(new TextDecoder().decode(got!.body)).toBe('{"a":2,"b":3}');
    expect(got!.contentType).toBe('application/geo+json');
    expect(got!.etag).toBe(md5ETag(bytes('{"a":2,"b":3}')));
    await store.put('empty', new Uint8Array(0), 'application/octet-stream');
    expect(await store.head('empty')).toMatchObject({ size: 0, etag: '"d41d8cd98f00b204e9800998ecf8427e"' });
    expect((await store.get('empty'))!.body.byteLength).toBe(0);
  });

  it('putMany writes every object, across folders, each with its own type', async () => {
    const store = make();
    const objects = Array.from({ length: 140 }, (_, i) => ({
      key: `radar/v${i % 3}/o${i}.${i % 2 ? 'json' : 'png'}`,
      body: randomBytes(i * 7),
      // Every fifth one's type is not the one its key implies (a sidecar in the file store).
      contentType: i % 5 === 0 ? 'application/octet-stream' : i % 2 ? 'application/json' : 'image/png',
    }));
    await store.putMany(objects);
    await store.putMany([]);
    for (const o of objects) {
      const got = await store.get(o.key);
      expect(Buffer.from(got!.body).equals(Buffer.from(o.body))).toBe(true);
      expect(got).toMatchObject({ contentType: o.contentType, etag: md5ETag(o.body) });
    }
    expect((await collect(store.list(''))).length).toBe(objects.length);
  });

  it("putMany writes a body given in parts as the parts joined, with the joined bytes' ETag", async () => {
    const store = make();
    const parts = [randomBytes(70_000), new Uint8Array(0), randomBytes(5), randomBytes(1 << 17)];
    const joined = Buffer.concat(parts);
    // One object whose type follows from its key, one with a sidecar (the ETag is stored).
    await store.putMany([
      { key: 'gnss/parts/a.parquet', body: parts, contentType: 'application/vnd.apache.parquet' },
      { key: 'gnss/parts/b.parquet', body: parts, contentType: 'application/octet-stream' },
    ]);
    for (const key of ['gnss/parts/a.parquet', 'gnss/parts/b.parquet']) {
      const got = await store.get(key);
      expect(Buffer.from(got!.body).equals(joined), key).toBe(true);
      expect(got!.size).toBe(joined.length);
      expect(got!.etag).toBe(md5ETag(joined));
      expect(md5ETag(parts)).toBe(md5ETag(joined));
    }
  });

  it('missing keys give null; deleting them is not an error', async () => {
    const store = make();
    expect(await store.get('no/such/key')).toBeNull();
    expect(await store.head('no/such/key')).toBeNull();
    await store.put('a/b/c', bytes('x'), 'text/plain');
    expect(await store.get('a/b')).toBeNull(); // a "folder" is not an object
    expect(await store.head('a')).toBeNull();
    await store.delete(['no/such/key', 'a/b']);
    expect(await store.head('a/b/c')).not.toBeNull();
  });

  it('lists keys under any string prefix in byte order, across pages', async () => {
    const store = make();
    for (const k of [...LISTING_KEYS].reverse()) await store.put(k, bytes(k), 'text/plain');
    const all = await collect(store.list(''));
    expect(all.map((o) => o.key)).toEqual(LISTING_KEYS);
    expect(all.find((o) => o.key === 'b/ü')).toMatchObject({ size: 4, etag: md5ETag(bytes('b/ü')) });
    expect(all.every((o) => o.lastModified instanceof Date)).toBe(true);
    expect((await collect(store.list('a'))).map((o) => o.key)).toEqual(['a/1', 'a/2', 'a/b/x', 'ab/1']);
    expect((await collect(store.list('a/'))).map((o) => o.key)).toEqual(['a/1', 'a/2', 'a/b/x']);
    expect((await collect(store.list('c'))).map((o) => o.key)).toEqual(['c', 'c0/d']);
    expect((await collect(store.list('b/z'))).map((o) => o.key)).toEqual(['b/z']);
    expect(await collect(store.list('zzz/'))).toEqual([]);
  });

  it('deletes many keys (several batches on S3)', async () => {
    const store = make();
    const keys = Array.from({ length: 11 }, (_, i) => `del/${String(i).padStart(2, '0')}.bin`);
    for (const k of keys) await store.put(k, bytes(k), 'application/octet-stream');
    await store.put('keep/me', bytes('k'), 'text/plain');
    await store.delete(keys);
    expect((await collect(store.list(''))).map((o) => o.key)).toEqual(['keep/me']);
    await store.delete([]);
  });

  it('rejects unsafe keys in every operation with BAD_INPUT, touching nothing', async () => {
    const store = make();
    for (const key of BAD_KEYS) {
      expect((await rejection(store.put(key, bytes('x'), 'text/plain'))).code).toBe('BAD_INPUT');
      expect((await rejection(store.get(key))).code).toBe('BAD_INPUT');
      expect((await rejection(store.head(key))).code).toBe('BAD_INPUT');
      expect((await rejection(store.delete(['fine', key]))).code).toBe('BAD_INPUT');
    }
    expect((await rejection(collect(store.list('../')))).code).toBe('BAD_INPUT');
    expect(await collect(store.list(''))).toEqual([]);
  });
});

describe('FileObjectStore', () => {
  const newRoot = () => mkdtempSync(join(tmpdir(), 'radome-objects-'));

  it('lays objects out as plain files and hides its bookkeeping and temp files', async () => {
    const root = newRoot();
    const store = new FileObjectStore(root);
    await store.put('radar/x.png', bytes('png'), 'image/png');
    await store.put('radar/y.png', bytes('not a png'), 'text/plain');
    expect(readFileSync(join(root, 'radar/x.png'), 'utf8')).toBe('png');
    // Only an object whose type its key does not imply needs a sidecar to keep it.
    const names = readdirSync(join(root, 'radar'));
    expect(names.sort()).toEqual(['.radome~meta~y.png', 'x.png', 'y.png']);
    expect(await store.head('radar/x.png')).toMatchObject({ contentType: 'image/png', etag: md5ETag(bytes('png')) });
    expect(await store.head('radar/y.png')).toMatchObject({ contentType: 'text/plain', etag: md5ETag(bytes('not a png')) });
    // Put again with the key's own type: the old sidecar no longer describes the body.
    await store.put('radar/y.png', bytes('png too'), 'image/png');
    expect(await store.get('radar/y.png')).toMatchObject({ contentType: 'image/png', etag: md5ETag(bytes('png too')) });
    // What a crash mid-write leaves behind: a temp file. It is not an object.
    writeFileSync(join(root, 'radar', '.radome~tmp~0123'), 'half an obj');
    expect((await collect(store.list(''))).map((o) => o.key)).toEqual(['radar/x.png', 'radar/y.png']);
  });

  it('puts into a folder removed since its last put', async () => {
    const root = newRoot();
    const store = new FileObjectStore(root, { durable: false });
    await store.put('radar/a/x.json', bytes('1'), 'application/json');
    rmSync(join(root, 'radar'), { recursive: true });
    await store.put('radar/a/x.json', bytes('2'), 'application/json');
    expect(readFileSync(join(root, 'radar/a/x.json'), 'utf8')).toBe('2');
  });

  it("lists in S3 byte order where per-folder sorting would not ('-' < '/' < '0')", async () => {
    const store = new FileObjectStore(newRoot(), { durable: false });
    const keys = ['a-c', 'a/b', 'a/b0/c', 'a0', 'a/bc/d', 'a/b-x', 'b/ü', 'b/z', 'ab', 'b/\u{1F600}', 'b/\uFFFD'];
    for (const k of keys) await store.put(k, bytes(k), 'text/plain');
    const byteOrder = [...keys].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
    expect(byteOrder).not.toEqual([...keys].sort()); // UTF-16 order differs for the emoji
    expect((await collect(store.list(''))).map((o) => o.key)).toEqual(byteOrder);
    expect((await collect(store.list('a/b'))).map((o) => o.key)).toEqual(['a/b', 'a/b-x', 'a/b0/c', 'a/bc/d']);
  });

  it('never shows a half-written object: concurrent readers see the old or the new body', async () => {
    const store = new FileObjectStore(newRoot(), { durable: false });
    const a = Buffer.alloc(2_000_000, 0x61);
    const b = Buffer.alloc(3_000_000, 0x62);
    await store.put('big', a, 'application/octet-stream');
    const writes = Promise.all(Array.from({ length: 6 }, (_, i) => store.put('big', i % 2 ? a : b, 'application/octet-stream')));
    for (let i = 0; i < 30; i++) {
      const got = await store.get('big');
      expect(got).not.toBeNull();
      const body = Buffer.from(got!.body);
      expect(body.equals(a) || body.equals(b)).toBe(true);
      expect(got!.etag).toBe(md5ETag(body));
    }
    await writes;
    expect(readdirSync(store.url.slice('file:'.length)).filter((n) => n.includes('tmp'))).toEqual([]);
  });

  it('a crash between body and sidecar renames is detected: the ETag comes from the body', async () => {
    const root = newRoot();
    const store = new FileObjectStore(root);
    await store.put('k.png', bytes('old'), 'image/png');
    // Replace the body as a crashed put would, leaving the old sidecar.
    writeFileSync(join(root, 'k.tmp'), 'new body');
    renameSync(join(root, 'k.tmp'), join(root, 'k.png'));
    const got = await store.get('k.png');
    expect(new TextDecoder().decode(got!.body)).toBe('new body');
    expect(got!.etag).toBe(md5ETag(bytes('new body')));
    expect(got!.contentType).toBe('image/png'); // from the extension
    expect((await store.head('k.png'))!.etag).toBe(md5ETag(bytes('new body')));
    expect((await collect(store.list('')))[0]!.etag).toBe(md5ETag(bytes('new body')));
  });

  it('symlinks cannot lead outside the root', async () => {
    const root = newRoot();
    const outside = newRoot();
    writeFileSync(join(outside, 'secret'), 'secret');
    symlinkSync(outside, join(root, 'link'));
    symlinkSync(join(outside, 'secret'), join(root, 'file-link'));
    const store = new FileObjectStore(root);
    for (const key of ['link/secret', 'file-link']) {
      expect((await rejection(store.get(key))).code).toBe('BAD_INPUT');
      expect((await rejection(store.head(key))).code).toBe('BAD_INPUT');
    }
    expect((await rejection(store.put('link/new', bytes('x'), 'text/plain'))).code).toBe('BAD_INPUT');
    expect((await rejection(store.put('link/deeper/new', bytes('x'), 'text/plain'))).code).toBe('BAD_INPUT');
    expect((await rejection(store.delete(['link/secret']))).code).toBe('BAD_INPUT');
    expect(readdirSync(outside)).toEqual(['secret']);
    expect(await collect(store.list(''))).toEqual([]);
    expect((await rejection(collect(store.list('link/')))).code).toBe('BAD_INPUT');
  });

  it('a path segment longer than a file name may be is a bad key (BAD_INPUT), not an I/O error', async () => {
    const root = newRoot();
    const store = new FileObjectStore(root);
    await store.put('radar/k.png', bytes('x'), 'image/png');
    for (const key of [`radar/${'a'.repeat(300)}.png`, `${'é'.repeat(200)}/k.png`]) {
      for (const read of [store.get(key), store.head(key)]) {
        const error = await rejection(read);
        expect(error.code).toBe('BAD_INPUT');
        expect(error.message).toMatch(/-byte path segment; a file object store allows 255 bytes per segment/);
      }
      expect((await rejection(store.put(key, bytes('x'), 'image/png'))).code).toBe('BAD_INPUT');
    }
    expect((await collect(store.list(''))).map((o) => o.key)).toEqual(['radar/k.png']);
  });

  it('a key cannot run through an existing object, nor replace a folder of objects', async () => {
    const store = new FileObjectStore(newRoot());
    await store.put('a', bytes('1'), 'text/plain');
    await store.put('d/e', bytes('2'), 'text/plain');
    expect((await rejection(store.put('a/b', bytes('x'), 'text/plain'))).code).toBe('BAD_INPUT');
    expect((await rejection(store.put('d', bytes('x'), 'text/plain'))).code).toBe('BAD_INPUT');
    expect((await collect(store.list(''))).map((o) => o.key)).toEqual(['a', 'd/e']);
  });

  it('putMany writes a body repeated under several keys once (hard links), each key still its own object', async () => {
    const root = newRoot();
    const store = new FileObjectStore(root);
    const meta = bytes('{"zarr_format":2}');
    const keys = ['z/.zgroup', 'z/s0/.zgroup', 'z/s1/.zgroup'];
    await store.putMany([
      ...keys.map((key) => ({ key, body: meta, contentType: 'application/json' })),
      // The same body with a type of its own keeps a sidecar naming its own file: not linked.
      { key: 'z/typed.json', body: meta, contentType: 'text/plain' },
      { key: 'z/other.json', body: bytes('{}'), contentType: 'application/json' },
    ]);
    const inode = (key: string) => statSync(join(root, key)).ino;
    expect(new Set(keys.map(inode)).size).toBe(1);
    expect(statSync(join(root, keys[0]!)).nlink).toBe(3);
    expect(inode('z/typed.json')).not.toBe(inode(keys[0]!));
    expect(await store.get('z/typed.json')).toMatchObject({ contentType: 'text/plain', etag: md5ETag(meta) });
    for (const key of keys) expect(await store.get(key)).toMatchObject({ contentType: 'application/json', etag: md5ETag(meta) });
    // A later put of one key, or its delete, leaves the others' bodies as they were.
    await store.put(keys[1]!, bytes('{"zarr_format":3}'), 'application/json');
    await store.delete([keys[2]!]);
    expect(readFileSync(join(root, keys[0]!), 'utf8')).toBe('{"zarr_format":2}');
    expect(readFileSync(join(root, keys[1]!), 'utf8')).toBe('{"zarr_format":3}');
    expect(await store.get(keys[2]!)).toBeNull();
    expect(statSync(join(root, keys[0]!)).nlink).toBe(1);
    // Putting the shared body again over existing keys replaces each (links renamed over them).
    await store.putMany(keys.map((key) => ({ key, body: meta, contentType: 'application/json' })));
    expect(new Set(keys.map(inode)).size).toBe(1);
    expect((await collect(store.list('z/'))).map((o) => o.key)).toEqual(['z/.zgroup', 'z/other.json', 'z/s0/.zgroup', 'z/s1/.zgroup', 'z/typed.json']);
  });

  it('putMany links equal bodies only: bodies of one size with other bytes each keep their own', async () => {
    const root = newRoot();
    const store = new FileObjectStore(root);
    // Distinct bodies of one size, each put under two keys `distinct` keys apart.
    const body = (i: number) => bytes(`{"n":${String(i).padStart(3, '0')}}`);
    for (const distinct of [12, 40]) {
      await store.putMany(Array.from({ length: 2 * distinct }, (_, i) => ({ key: `y${distinct}/k${i}.json`, body: body(i % distinct), contentType: 'application/json' })));
      for (let i = 0; i < 2 * distinct; i++) {
        expect(readFileSync(join(root, `y${distinct}/k${i}.json`), 'utf8'), `k${i}`).toBe(`{"n":${String(i % distinct).padStart(3, '0')}}`);
      }
      const inode = (i: number) => statSync(join(root, `y${distinct}/k${i}.json`)).ino;
      expect(new Set(Array.from({ length: distinct }, (_, i) => inode(i))).size).toBe(distinct);
      // Up to 16 bodies of a size are compared with: 12 are all linked again.
      if (distinct <= 16) for (let i = 0; i < distinct; i++) expect(inode(i + distinct), `k${i + distinct}`).toBe(inode(i));
    }
  });

  it('putMany makes a new folder whole (staged, renamed into place); puts racing to make it both land', async () => {
    const root = newRoot();
    const store = new FileObjectStore(root, { durable: false });
    const objectsIn = (prefix: string, tag: string) =>
      Array.from({ length: 40 }, (_, i) => ({ key: `${prefix}/g${i % 4}/k${i}.json`, body: bytes(`{"${tag}":${i}}`), contentType: i % 5 ? 'application/json' : 'text/plain' }));
    await store.put('day/old.json', bytes('{}'), 'application/json');
    // Both calls find day/vol missing and stage it; the second to finish finds it made and moves its objects in one by one.
    const a = objectsIn('day/vol', 'a').filter((_, i) => i % 2 === 0);
    const b = objectsIn('day/vol', 'b').filter((_, i) => i % 2 === 1);
    await Promise.all([store.putMany(a), store.putMany(b)]);
    const listed = await collect(store.list('day/'));
    expect(listed.map((o) => o.key)).toEqual(['day/old.json', ...[...a, ...b].map((o) => o.key)].sort());
    for (const o of [...a, ...b]) expect(await store.get(o.key)).toMatchObject({ contentType: o.contentType, etag: md5ETag(o.body) });
    const names = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((d) => [d.name, ...(d.isDirectory() ? names(join(dir, d.name)) : [])]);
    expect(names(root).filter((n) => n.includes('tmp'))).toEqual([]);
  });

  it('putMany naming a key twice ends as the later put, leaving no temp file', async () => {
    const root = newRoot();
    const store = new FileObjectStore(root);
    const meta = bytes('{"zarr_format":2}');
    await store.putMany([
      { key: 'x/.zgroup', body: meta, contentType: 'application/json' },
      { key: 'x/.zgroup', body: meta, contentType: 'application/json' },
      { key: 'x/a.json', body: bytes('{"v":1}'), contentType: 'application/json' },
      { key: 'x/a.json', body: bytes('{"v":2}'), contentType: 'application/json' },
    ]);
    expect(readdirSync(join(root, 'x')).sort()).toEqual(['.zgroup', 'a.json']);
    expect(readFileSync(join(root, 'x/a.json'), 'utf8')).toBe('{"v":2}');
  });

  it('putMany: an object that cannot be written fails the call naming it, leaving no temp files', async () => {
    const root = newRoot();
    const store = new FileObjectStore(root);
    await store.put('a', bytes('1'), 'text/plain');
    const good = [
      ...Array.from({ length: 5 }, (_, i) => ({ key: `d/k${i}.json`, body: bytes(`{"i":${i}}`), contentType: 'text/plain' })),
      // One body under two keys: the second is a hard link, a temp name to clean up as well.
      ...['d/same0.json', 'd/same1.json'].map((key) => ({ key, body: bytes('{}'), contentType: 'application/json' })),
    ];
    const e = await rejection(store.putMany([...good, { key: 'a/b', body: bytes('x'), contentType: 'text/plain' }]));
    expect(e.code).toBe('BAD_INPUT');
    expect(e.message).toContain('a/b');
    // 'd' fails at its rename, after the later objects were written: the error still names it.
    const clash = await rejection(store.putMany([good[0]!, { key: 'd', body: bytes('x'), contentType: 'text/plain' }, good[1]!]));
    expect(clash.message).toContain('object key d ');
    const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? files(join(dir, d.name)) : [d.name]));
    expect(files(root).filter((n) => n.includes('tmp'))).toEqual([]);
    expect(readFileSync(join(root, 'a'), 'utf8')).toBe('1');
  });

  it('reads from a root that does not exist yet as empty, and creates it on first write', async () => {
    const root = join(newRoot(), 'not', 'yet');
    const store = new FileObjectStore(root);
    expect(await store.get('x')).toBeNull();
    expect(await collect(store.list(''))).toEqual([]);
    await store.delete(['x']);
    expect(existsSync(root)).toBe(false);
    await store.put('x', bytes('1'), 'text/plain');
    expect(existsSync(join(root, 'x'))).toBe(true);
  });

  it('reports I/O failures as SOURCE_UNAVAILABLE', async () => {
    const root = newRoot();
    mkdirSync(join(root, 'ro'));
    chmodSync(join(root, 'ro'), 0o500);
    const store = new FileObjectStore(root);
    const isRoot = process.getuid?.() === 0;
    if (!isRoot) expect((await rejection(store.put('ro/x', bytes('1'), 'text/plain'))).code).toBe('SOURCE_UNAVAILABLE');
    chmodSync(join(root, 'ro'), 0o700);
  });
});

describe('S3ObjectStore on s3rver', () => {
  it('gives the same ETags as the file store', async () => {
    const s3 = new S3ObjectStore({ bucket: BUCKET, prefix: 'etag', client });
    const file = new FileObjectStore(mkdtempSync(join(tmpdir(), 'radome-objects-')));
    const body = randomBytes(12345);
    await s3.put('same', body, 'application/octet-stream');
    await file.put('same', body, 'application/octet-stream');
    expect((await s3.head('same'))!.etag).toBe((await file.head('same'))!.etag);
  });

  it('opens from an s3:// URL with credentials taken from the environment', async () => {
    const saved = { ...process.env };
    try {
      process.env.AWS_ACCESS_KEY_ID = S3RVER_CREDENTIALS.accessKeyId;
      process.env.AWS_SECRET_ACCESS_KEY = S3RVER_CREDENTIALS.secretAccessKey;
      delete process.env.AWS_PROFILE;
      const store = openObjectStore(`s3://${BUCKET}/from-url?endpoint=${server.endpoint}&forcePathStyle=true`);
      await store.put('x/y.json', bytes('{}'), 'application/json');
      expect(await store.head('x/y.json')).toMatchObject({ key: 'x/y.json', size: 2, contentType: 'application/json' });
      // The prefix really is a prefix in the bucket.
      const raw = new S3ObjectStore({ bucket: BUCKET, client });
      expect((await collect(raw.list('from-url/'))).map((o) => o.key)).toEqual(['from-url/x/y.json']);
    } finally {
      process.env = saved;
    }
  });

  it('an anonymous client sends no Authorization header and reads what s3rver serves', async () => {
    const store = new S3ObjectStore({ bucket: BUCKET, prefix: 'anon', client });
    await store.put('public.txt', bytes('hello'), 'text/plain');
    const anonymous = createS3Client({ endpoint: server.endpoint, forcePathStyle: true, anonymous: true });
    const headers: Record<string, string>[] = [];
    anonymous.middlewareStack.add(
      (next) => async (args) => {
        headers.push({ ...(args.request as { headers: Record<string, string> }).headers });
        return next(args);
      },
      { step: 'finalizeRequest', priority: 'low' },
    );
    const reader = new S3ObjectStore({ bucket: BUCKET, prefix: 'anon', client: anonymous });
    expect(new TextDecoder().decode((await reader.get('public.txt'))!.body)).toBe('hello');
    expect((await collect(reader.list(''))).map((o) => o.key)).toEqual(['public.txt']);
    expect(headers.length).toBe(2);
    for (const h of headers) expect(Object.keys(h).map((k) => k.toLowerCase())).not.toContain('authorization');
    anonymous.destroy();
  });

  it('maps an unreachable server to SOURCE_UNAVAILABLE, and recovers when it is back', async () => {
    const store = new S3ObjectStore({ bucket: BUCKET, prefix: 'down', client });
    await store.put('x', bytes('1'), 'text/plain');
    await server.kill();
    try {
      const calls = [() => store.get('x'), () => store.head('x'), () => store.put('y', bytes('1'), 'text/plain'), () => store.delete(['x']), () => collect(store.list(''))];
      for (const call of calls) {
        const e = await rejection(call());
        expect(e.code).toBe('SOURCE_UNAVAILABLE');
        expect(e.message).toMatch(/ECONNREFUSED/);
        expect(e.cause).toBeDefined();
      }
    } finally {
      await server.restart();
    }
    expect(await store.head('x')).toMatchObject({ size: 1 });
  });

  it('maps a missing bucket to CONFIG', async () => {
    const store = new S3ObjectStore({ bucket: 'no-such-bucket', client });
    const e = await rejection(store.put('x', bytes('1'), 'text/plain'));
    expect(e.code).toBe('CONFIG');
    expect(e.message).toMatch(/NoSuchBucket/);
  });
});
