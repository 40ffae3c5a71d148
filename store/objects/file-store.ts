import { createHash, randomUUID } from 'node:crypto';
import {
  closeSync,
  fdatasync,
  fstatSync,
  fsync,
  linkSync,
  mkdirSync,
  openSync,
  read,
  readdirSync,
  readFileSync,
  readSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
  type Dirent,
  type Stats,
} from 'node:fs';
import { mkdir, readdir, readFile, realpath, stat, unlink } from 'node:fs/promises';
import { promisify } from 'node:util';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { RadomeError } from '../../core/errors.js';
import type { ObjectBody, ObjectHead, ObjectStore, ObjectSummary, ObjectToPut, StoredObject } from '../types.js';
import { contentTypeForKey } from './content-type.js';
import { objectByteLength, objectBytes, objectParts, sameObjectBytes } from './object-body.js';
import { RESERVED_NAME_PREFIX, validateObjectKey, validateObjectPrefix } from './key.js';

/** Quoted MD5 hex of the body: what S3 returns as the ETag of a single-part upload. */
export function md5ETag(body: ObjectBody): string {
  const hash = createHash('md5');
  for (const part of objectParts(body)) hash.update(part);
  return `"${hash.digest('hex')}"`;
}

const META_PREFIX = `${RESERVED_NAME_PREFIX}meta~`;
const TEMP_PREFIX = `${RESERVED_NAME_PREFIX}tmp~`;
const fdatasyncOf = promisify(fdatasync);
const fsyncOf = promisify(fsync);
const readOf = promisify(read);
/**
 * Objects up to this size are read with synchronous calls: a Zarr chunk or an overlay (tens to
 * hundreds of kB, in the page cache) reads in a fraction of the CPU of the four or five trips to
 * libuv's pool an asynchronous read takes, which under load each wait for a turn. Larger ones
 * (raw volumes) are read in the pool, not to hold the event loop.
 */
const SYNC_READ_BYTES = 1 << 20;
/**
 * Objects written, flushed and renamed together: bounds the files held open at once (Node raises
 * its descriptor limit to the hard limit at start). A volume's objects (519 for the real KLOT
 * volume, 387 of them its sweep store's) go in one batch: each batch waits for its last flush
 * before the next starts writing, so smaller ones left the disk idle in between, and bodies are
 * shared (hard-linked) within a batch only.
 */
const PUT_BATCH = 1024;
/**
 * Bodies up to this size that recur in one batch are written once and hard-linked for the other
 * keys (see writeBatch). A sweep store's metadata repeats from sweep to sweep: of a real volume's
 * 387 objects, 194 bodies differ (13 `.zgroup`s are one body; each moment's `.zattrs` and
 * `.zarray`, most coordinates' metadata and many range chunks recur in every sweep).
 */
const SHARED_BODY_BYTES = 16 << 10;
/**
 * Files of one body size kept to compare a body with (the latest): bounds the comparisons when
 * many distinct bodies share a size (a sweep store's radial times, of one size per radial count).
 */
const SAME_SIZE_FILES = 16;
/** Links made to one file in a batch, well below ext4's 65,000 links per inode. */
const MAX_LINKS = 1000;

/**
 * A file being written for an object's key: its open descriptor (-1 once closed) and where it
 * goes (null when it is written in a staged folder under its own name, see StagedFolders).
 */
interface TempFile {
  key: string;
  path: string;
  fd: number;
  target: string | null;
  /** Other temp names hard-linked to this file (see writeBatch). */
  links: number;
}

/**
 * Sidecar beside each object. It names the exact body it describes (inode, size, mtime), so a
 * crash between the two renames of a put is detected and the ETag is recomputed from the body.
 */
interface Sidecar {
  contentType: string;
  etag: string;
  ino: number;
  size: number;
  mtimeMs: number;
}

function errno(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException | null)?.code;
}

/** Missing objects: the path, or a directory on it, does not exist or is not what a key names. */
const ABSENT = new Set(['ENOENT', 'ENOTDIR', 'EISDIR']);
/** A put whose key runs through an existing object, or names a folder of other objects. */
const CONFLICT = new Set(['ENOTDIR', 'EISDIR', 'EEXIST']);
/** A file system that makes no hard links, or no more to this file. */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EMLINK', 'EXDEV', 'ENOSYS']);

/**
 * Longest file name most file systems (ext4, XFS, APFS, NTFS) allow, in bytes. S3 keys may have
 * longer segments; this store cannot hold them, and says so as a bad key rather than an I/O error.
 */
const MAX_NAME_BYTES = 255;

function isInside(root: string, real: string): boolean {
  return real === root || real.startsWith(root + sep);
}

function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

export interface FileObjectStoreOptions {
  /** fsync each object before it becomes visible, so a power loss cannot leave an empty one. Default true. */
  durable?: boolean;
}

/**
 * Objects as plain files under a root folder (`<root>/<key>`). An object whose content type is
 * not the one its key's extension implies keeps it (and its ETag) in a hidden sidecar. Writes go
 * to a temp file in the same folder and are renamed into place, so readers see the old object or
 * the new one, never half of one. Real paths are checked so a symlink in
 * the tree cannot lead outside the root.
 */
export class FileObjectStore implements ObjectStore {
  readonly url: string;
  private readonly root: string;
  private readonly durable: boolean;
  private realRoot: string | null = null;

  constructor(rootDir: string, options: FileObjectStoreOptions = {}) {
    this.root = resolve(rootDir);
    this.url = `file:${this.root}`;
    this.durable = options.durable ?? true;
  }

  async put(key: string, body: Uint8Array, contentType: string): Promise<void> {
    await this.putMany([{ key, body, contentType }]);
  }

  /**
   * Writes each object to a temp file in its folder (or, in a folder the put makes, under its own
   * name in the staged folder: see StagedFolders), flushes them all together, then renames each
   * (or the staged folder) into place: readers see an old object or a new one, never half of one. A volume puts ~520
   * objects; put one at a time, each paid what a batch pays once (the folder's real-path check, a
   * turn of the event loop), and each flush woke a sleeping pool thread, which costs more CPU here
   * than the flush itself, where a batch's flushes queue together.
   */
  async putMany(objects: readonly ObjectToPut[]): Promise<void> {
    for (const o of objects) this.validateKey(o.key, META_PREFIX.length);
    if (objects.length === 0) return;
    objects = lastPutOfEachKey(objects);
    let key = objects[0]!.key;
    const staged: StagedFolders = { physical: new Map(), folders: [] };
    const temps: TempFile[] = [];
    try {
      const root = await this.rootPath(true);
      this.ensureDirsInside(root, objects, staged, (k) => (key = k));
      for (let i = 0; i < objects.length; i += PUT_BATCH) {
        // The writes are synchronous: let the event loop (e.g. the server) in between batches.
        if (i > 0) await yieldToEventLoop();
        await this.writeBatch(root, objects.slice(i, i + PUT_BATCH), staged, temps, (k) => (key = k));
      }
      // Every file is written, flushed and closed: staged folders go in place, then the other
      // files, each body before its sidecar (the order of temps).
      const renamedInto = new Set<string>();
      for (const folder of staged.folders) {
        key = folder.key;
        for (const dir of publish(folder)) renamedInto.add(dir);
      }
      for (const t of temps) {
        if (t.target === null) continue;
        key = t.key;
        renameSync(t.path, t.target);
        renamedInto.add(dirname(t.target));
        t.path = '';
      }
      // A rename is a change to its folder, which the files' own flushes do not make durable: until
      // the folder is flushed, a power loss may undo the put while a catalog commit that names its
      // objects survives. (Entries made inside a staged folder are new files' own, which their
      // flushes carry on Linux file systems: ext4 syncs a new file's parents, XFS and btrfs log the create.)
      if (this.durable) await Promise.all([...renamedInto].map(flushFolder));
    } catch (e) {
      await Promise.all(temps.map((t) => t.path && t.target !== null && unlink(t.path).catch(() => undefined)));
      for (const folder of staged.folders) rmSync(folder.path, { recursive: true, force: true });
      if (CONFLICT.has(errno(e) ?? '')) {
        throw new RadomeError('BAD_INPUT', `object key ${key} clashes with an existing object or prefix (a file store cannot hold both "a" and "a/b")`, { cause: e });
      }
      throw this.failure('write', key, e);
    }
  }

  /**
   * Writes bodies (and sidecars where needed) to temp files (added to `temps`) with synchronous
   * calls, flushing each as soon as it is written (the flush waits on the disk, so it goes to the
   * pool), and closes them once all are flushed; putMany renames them into place after the last
   * batch. `at` is told the key being worked on, which an error names.
   *
   * A small body the batch already wrote for another key (without a sidecar) is not written again:
   * its temp name is a hard link to that file, renamed into place like the others. Creating a
   * file's inode is most of a put's CPU (ext4 scans the inode bitmap, and without a journal it
   * also skips each recently deleted inode it meets), and each file costs a write, a flush and a
   * close on top; a link is a directory entry. Objects stay what they were to every reader: a key's
   * file holds its body; a later put renames a new file over one key, leaving the others; a delete
   * unlinks one name. Durability is the same: the linked file's data is flushed before any rename,
   * and the link's name, like a rename's, is a directory entry.
   */
  private async writeBatch(root: string, objects: readonly ObjectToPut[], staged: StagedFolders, temps: TempFile[], at: (key: string) => void): Promise<void> {
    // Each temp file's flush starts as soon as it is written, so the disk works while the next
    // files are written on this thread (a volume's sweep store is ~190 files).
    const flushes: Promise<void>[] = [];
    const write = (key: string, dir: string, target: string, data: ObjectBody): TempFile => {
      const temp = this.writeTemp(key, dir, target, data, temps, staged);
      if (this.durable) flushes.push(fdatasyncOf(temp.fd));
      return temp;
    };
    // Files written in this batch (with their bodies) by body size, to link again: bodies of one
    // size are compared natively, where a latin1 string of each body as a map key cost a copy
    // and a hash of every byte of each.
    const filesOfSize = new Map<number, { file: TempFile; body: Uint8Array }[]>();
    let linking = true;
    try {
      for (const { key, body, contentType } of objects) {
        at(key);
        const target = join(root, key);
        const dir = dirname(target);
        // The usual object's type follows from its key: it gets no sidecar, and its ETag is
        // computed when asked for, which halves the files and system calls of a put.
        if (contentType === contentTypeForKey(key)) {
          // A small body in parts is joined to be compared (a copy of at most SHARED_BODY_BYTES).
          const bytes = linking && objectByteLength(body) <= SHARED_BODY_BYTES ? objectBytes(body) : null;
          const sameSize = bytes ? filesOfSize.get(bytes.byteLength) : undefined;
          const match = sameSize ? sameSize.findIndex((f) => sameObjectBytes(f.body, bytes!)) : -1;
          const file = match >= 0 ? sameSize![match]!.file : undefined;
          if (file && file.links < MAX_LINKS) {
            linking = this.linkTemp(file, key, dir, target, temps, staged);
            if (linking) continue;
          }
          const temp = write(key, dir, target, body);
          if (bytes) {
            const written = { file: temp, body: bytes };
            // This file takes the place of one with as many links as it may have.
            if (match >= 0) sameSize![match] = written;
            else if (!sameSize) filesOfSize.set(bytes.byteLength, [written]);
            else if (sameSize.push(written) > SAME_SIZE_FILES) sameSize.shift();
          }
          continue;
        }
        const { fd } = write(key, dir, target, body);
        const st = fstatSync(fd);
        const sidecar: Sidecar = { contentType, etag: md5ETag(body), ino: st.ino, size: st.size, mtimeMs: st.mtimeMs };
        // A sidecar left by an earlier put names the old body's inode, so it is ignored from now on.
        write(key, dir, join(dir, META_PREFIX + target.slice(dir.length + 1)), Buffer.from(JSON.stringify(sidecar)));
      }
      // Every flush settles before any descriptor is closed or any file renamed, even when one fails.
      const failed = (await Promise.allSettled(flushes)).find((r) => r.status === 'rejected');
      if (failed) throw failed.reason;
    } finally {
      await Promise.allSettled(flushes);
      for (const t of temps) {
        if (t.fd >= 0) closeSync(t.fd);
        t.fd = -1;
      }
    }
  }

  /**
   * A new temp file in `dir`, recorded in `temps` (to go to `target`), holding `data` (its parts
   * written in turn, never joined) and left open; in a staged folder, the file under its own name there.
   */
  private writeTemp(key: string, dir: string, target: string, data: ObjectBody, temps: TempFile[], staged: StagedFolders): TempFile {
    const { path, rename } = tempPath(dir, target, staged);
    const temp: TempFile = { key, path, target: rename, fd: openSync(path, 'wx', 0o644), links: 0 };
    temps.push(temp);
    for (const part of objectParts(data)) for (let n = 0; n < part.byteLength; ) n += writeSync(temp.fd, part, n);
    return temp;
  }

  /**
   * A temp name in `dir` hard-linked to `file`'s temp file, recorded in `temps` (to go to
   * `target`). False when the file system makes no hard links (FAT, some network file systems):
   * the caller writes the body instead, and stops linking.
   */
  private linkTemp(file: TempFile, key: string, dir: string, target: string, temps: TempFile[], staged: StagedFolders): boolean {
    const { path, rename } = tempPath(dir, target, staged);
    try {
      linkSync(file.path, path);
    } catch (e) {
      if (NO_LINKS.has(errno(e) ?? '')) return false;
      throw e;
    }
    file.links++;
    temps.push({ key, path, target: rename, fd: -1, links: 0 });
    return true;
  }

  async get(key: string): Promise<StoredObject | null> {
    this.validateKey(key);
    try {
      const root = await this.rootPath(false);
      if (!root) return null;
      // Real paths come from the kernel's caches (see ensureDirInside).
      const path = realpathSync.native(join(root, key));
      if (!isInside(root, path) || path === root) throw this.escape(key);
      const read = await readWhole(path);
      if (!read) return null;
      const { body, st } = read;
      const sidecar = this.sidecarForSync(path, st);
      // The ETag (an MD5 of the body) only when asked: a tile's Zarr reads never ask.
      let etag = sidecar?.etag;
      return {
        key,
        body,
        contentType: sidecar?.contentType ?? contentTypeForKey(key),
        size: body.byteLength,
        get etag() {
          return (etag ??= md5ETag(body));
        },
        lastModified: st.mtime,
      };
    } catch (e) {
      if (ABSENT.has(errno(e) ?? '')) return null;
      throw this.failure('read', key, e);
    }
  }

  async head(key: string): Promise<ObjectHead | null> {
    this.validateKey(key);
    try {
      const path = await this.existingPath(key);
      if (!path) return null;
      const summary = await this.summarize(key, path);
      if (!summary) return null;
      return { ...summary.object, contentType: summary.sidecar?.contentType ?? contentTypeForKey(key) };
    } catch (e) {
      if (ABSENT.has(errno(e) ?? '')) return null;
      throw this.failure('read', key, e);
    }
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) validateObjectKey(key);
    const root = await this.rootPath(false);
    if (!root) return;
    for (const key of keys) {
      try {
        const target = join(root, key);
        const dir = dirname(target);
        // unlink does not follow the last component, but a symlinked folder on the way could.
        if (!isInside(root, await realpath(dir))) throw this.escape(key);
        const name = target.slice(dir.length + 1);
        for (const p of [target, join(dir, META_PREFIX + name)]) {
          await unlink(p).catch((e: unknown) => {
            if (!ABSENT.has(errno(e) ?? '')) throw e;
          });
        }
      } catch (e) {
        if (ABSENT.has(errno(e) ?? '')) continue;
        throw this.failure('delete', key, e);
      }
    }
  }

  async *list(prefix: string): AsyncIterable<ObjectSummary> {
    validateObjectPrefix(prefix);
    const root = await this.rootPath(false);
    if (!root) return;
    const base = prefix.slice(0, prefix.lastIndexOf('/') + 1);
    let start: string;
    try {
      start = await realpath(join(root, base));
    } catch (e) {
      if (ABSENT.has(errno(e) ?? '')) return;
      throw this.failure('list', prefix, e);
    }
    if (!isInside(root, start)) throw this.escape(prefix);
    yield* this.walk(start, base, prefix);
  }

  /**
   * Depth-first walk in S3's order: a folder sorts as its name plus '/', so every key below it
   * takes its place among its siblings exactly as the full keys compare.
   */
  private async *walk(dir: string, rel: string, prefix: string): AsyncGenerator<ObjectSummary> {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      if (ABSENT.has(errno(e) ?? '')) return; // removed while listing
      throw this.failure('list', prefix, e);
    }
    const named = entries
      .filter((d) => !d.name.startsWith(RESERVED_NAME_PREFIX) && (d.isFile() || d.isDirectory()))
      .map((d) => ({ d, sortKey: d.isDirectory() ? `${d.name}/` : d.name }))
      .sort((a, b) => byteOrder(a.sortKey, b.sortKey));
    for (const { d, sortKey } of named) {
      const relKey = rel + sortKey;
      if (d.isDirectory()) {
        if (relKey.startsWith(prefix) || prefix.startsWith(relKey)) yield* this.walk(join(dir, d.name), relKey, prefix);
        continue;
      }
      if (!relKey.startsWith(prefix) || !isValidKey(relKey)) continue;
      try {
        const summary = await this.summarize(relKey, join(dir, d.name));
        if (summary) yield summary.object;
      } catch (e) {
        if (!ABSENT.has(errno(e) ?? '')) throw this.failure('list', relKey, e);
      }
    }
  }

  /** Size, ETag and time of a file; the ETag comes from the sidecar unless it is stale. */
  private async summarize(key: string, path: string): Promise<{ object: ObjectSummary; sidecar: Sidecar | null } | null> {
    const st = await stat(path);
    if (!st.isFile()) return null;
    const sidecar = await this.sidecarFor(path, st);
    const etag = sidecar?.etag ?? md5ETag(await readFile(path));
    return { object: { key, size: st.size, etag, lastModified: st.mtime }, sidecar };
  }

  /** sidecarFor with synchronous calls, and no exception thrown (and caught) for the usual object without a sidecar. */
  private sidecarForSync(path: string, st: Stats): Sidecar | null {
    const dir = dirname(path);
    const sidecarPath = join(dir, META_PREFIX + path.slice(dir.length + 1));
    if (!statSync(sidecarPath, { throwIfNoEntry: false })) return null;
    let parsed: Partial<Sidecar>;
    try {
      parsed = JSON.parse(readFileSync(sidecarPath, 'utf8')) as Partial<Sidecar>;
    } catch {
      return null; // removed meanwhile, or torn: fall back to the body
    }
    return sidecarMatching(parsed, st);
  }

  private async sidecarFor(path: string, st: Stats): Promise<Sidecar | null> {
    const dir = dirname(path);
    let parsed: Partial<Sidecar>;
    try {
      parsed = JSON.parse(await readFile(join(dir, META_PREFIX + path.slice(dir.length + 1)), 'utf8')) as Partial<Sidecar>;
    } catch {
      return null; // missing or torn sidecar: fall back to the body
    }
    return sidecarMatching(parsed, st);
  }

  /** The object's path when it exists and really lies inside the root; null when absent. */
  private async existingPath(key: string): Promise<string | null> {
    const root = await this.rootPath(false);
    if (!root) return null;
    const real = await realpath(join(root, key));
    if (!isInside(root, real) || real === root) throw this.escape(key);
    return real;
  }

  /**
   * Creates the folders of the objects' keys, shallowest first (a folder's parent, when an object's
   * key needs it too, is made before it), with synchronous calls. A sweep store makes ~130 folders
   * (one per array); made in libuv's pool, each was a trip there and back, which cost more CPU than
   * the mkdir itself (bench zarr: 121 folders, median of 31 alternated puts at load 13: 56 → 39 ms
   * of CPU for the whole put, wall 156 → 116 ms). mkdir may wait on the disk's journal, as the
   * put's file creates, links and renames on this thread do. New folders are staged (see
   * StagedFolders).
   */
  private ensureDirsInside(root: string, objects: readonly ObjectToPut[], staged: StagedFolders, at: (key: string) => void): void {
    const keyOfDir = new Map<string, string>();
    for (const o of objects) {
      const dir = dirname(join(root, o.key));
      if (!keyOfDir.has(dir)) keyOfDir.set(dir, o.key);
    }
    // Each folder's depth counted once, not at each comparison of the sort.
    const byDepth = [...keyOfDir.keys()].map((dir) => ({ dir, depth: dir.split(sep).length })).sort((a, b) => a.depth - b.depth);
    for (const { dir } of byDepth) {
      at(keyOfDir.get(dir)!);
      this.ensureDirInside(root, dir, keyOfDir.get(dir)!, staged);
    }
  }

  /**
   * Makes `dir` below the root, checking first that no existing folder on the way leads out. A
   * folder that does not exist is made in a staged folder: the first missing one below an
   * existing folder is made there under a temp name, the rest inside it. A folder inside a staged
   * one needs no real-path check. Real paths come from the kernel's caches.
   */
  private ensureDirInside(root: string, dir: string, key: string, staged: StagedFolders): void {
    const parent = staged.physical.get(dirname(dir));
    if (parent !== undefined) {
      const path = join(parent, basename(dir));
      mkdirSync(path);
      staged.physical.set(dir, path);
      return;
    }
    let existing = dir;
    for (;;) {
      try {
        if (!isInside(root, realpathSync.native(existing))) throw this.escape(key);
        break;
      } catch (e) {
        if (errno(e) !== 'ENOENT' || dirname(existing) === existing) throw e;
        existing = dirname(existing);
      }
    }
    if (existing === dir) return;
    const first = join(existing, dir.slice(existing.length + 1).split(sep)[0]!);
    const path = join(existing, `${TEMP_PREFIX}${randomUUID()}`);
    mkdirSync(path);
    staged.folders.push({ key, path, target: first });
    staged.physical.set(first, path);
    let made = first;
    while (made !== dir) {
      const next = join(made, dir.slice(made.length + 1).split(sep)[0]!);
      this.ensureDirInside(root, next, key, staged);
      made = next;
    }
  }

  /** Real path of the root; created on first write, null for reads before anything was written. */
  private async rootPath(create: true): Promise<string>;
  private async rootPath(create: false): Promise<string | null>;
  private async rootPath(create: boolean): Promise<string | null> {
    if (this.realRoot) return this.realRoot;
    try {
      if (create) await mkdir(this.root, { recursive: true });
      this.realRoot = await realpath(this.root);
      return this.realRoot;
    } catch (e) {
      if (!create && errno(e) === 'ENOENT') return null;
      throw e;
    }
  }

  /**
   * validateObjectKey, and no segment longer than a file name may be (`reserve` bytes left for the
   * sidecar's prefix on writes): BAD_INPUT naming the segment, where the file system would say
   * ENAMETOOLONG.
   */
  private validateKey(key: string, reserve = 0): void {
    validateObjectKey(key);
    for (const segment of key.split('/')) {
      const bytes = Buffer.byteLength(segment, 'utf8');
      if (bytes + reserve > MAX_NAME_BYTES) {
        throw new RadomeError('BAD_INPUT', `object key ${key.slice(0, 64)}… has a ${bytes}-byte path segment; a file object store allows ${MAX_NAME_BYTES - reserve} bytes per segment`);
      }
    }
  }

  private escape(key: string): RadomeError {
    return new RadomeError('BAD_INPUT', `object key ${key} resolves outside the object store ${this.root} (symlink)`);
  }

  private failure(op: string, key: string, e: unknown): RadomeError {
    if (e instanceof RadomeError) return e;
    const message = e instanceof Error ? e.message : String(e);
    // The whole path is over the system's limit: the key's fault, like a segment over 255 bytes.
    if (errno(e) === 'ENAMETOOLONG') return new RadomeError('BAD_INPUT', `object key ${key.slice(0, 64)}… is too long for a file object store`, { cause: e });
    return new RadomeError('SOURCE_UNAVAILABLE', `could not ${op} ${key} in ${this.url}: ${message}`, { cause: e });
  }
}

/** The sidecar when it describes the body `st` describes (see Sidecar), else null. */
function sidecarMatching(parsed: Partial<Sidecar>, st: Stats): Sidecar | null {
  const matches = parsed.ino === st.ino && parsed.size === st.size && parsed.mtimeMs === st.mtimeMs;
  return matches && typeof parsed.contentType === 'string' && typeof parsed.etag === 'string' ? (parsed as Sidecar) : null;
}

/**
 * The whole file at `path` and its stats, null when it is not a file. An object's file is never
 * written in place (puts rename a new file over it), so its size as opened is its size.
 */
async function readWhole(path: string): Promise<{ body: Uint8Array; st: Stats } | null> {
  const fd = openSync(path, 'r');
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return null;
    const body = new Uint8Array(st.size);
    for (let at = 0; at < body.length; ) {
      const n = body.length <= SYNC_READ_BYTES ? readSync(fd, body, at, body.length - at, at) : (await readOf(fd, body, at, body.length - at, at)).bytesRead;
      if (n === 0) throw new Error(`${path} ended after ${at} of its ${body.length} bytes`);
      at += n;
    }
    return { body, st };
  } finally {
    closeSync(fd);
  }
}

function isValidKey(key: string): boolean {
  try {
    validateObjectKey(key);
    return true;
  } catch {
    return false;
  }
}

/**
 * A batch that names a key twice ends as the later put, as two puts in a row would. Only the last
 * is written: a hard link of the same body renamed over its own inode would do nothing, leaving
 * the temp name behind.
 */
function lastPutOfEachKey(objects: readonly ObjectToPut[]): readonly ObjectToPut[] {
  const last = new Map<string, number>();
  objects.forEach((o, i) => last.set(o.key, i));
  return last.size === objects.length ? objects : objects.filter((o, i) => last.get(o.key) === i);
}

/**
 * Folders a put makes, staged: the first missing folder on an object's way (below one that
 * exists) is made under a temp name beside where it goes, and everything below it is written in
 * it under the objects' own names; once every object is written (and flushed), one rename puts
 * the folder in place. A sweep store is a new folder of 387 objects (194 files, the rest links):
 * a temp name and a rename each cost its put ~6 ms of CPU in all (41–52 → 36–39 ms, medians of
 * 11 puts in 4 alternating processes, load 6–7). Readers see the whole folder or none of it;
 * until then its temp name is hidden like any temp file's, and no key can name it.
 */
interface StagedFolders {
  /** Each folder made by the put (its path as keys name it) and where it is until published. */
  physical: Map<string, string>;
  /** The staged folders to rename into place, and a key in each (for errors). */
  folders: { key: string; path: string; target: string }[];
}

/** Where a file for `target` in `dir` is written, and what it is renamed to (null: in place in a staged folder). */
function tempPath(dir: string, target: string, staged: StagedFolders): { path: string; rename: string | null } {
  const physical = staged.physical.get(dir);
  if (physical !== undefined) return { path: join(physical, target.slice(dir.length + 1)), rename: null };
  return { path: join(dir, `${TEMP_PREFIX}${randomUUID()}`), rename: target };
}

/**
 * Renames a staged folder into place. When a folder of that name appeared meanwhile (another put
 * making it), its objects are moved in one by one instead (each an atomic rename, bodies before
 * their sidecars), and the staged folder is removed.
 */
function publish(folder: { path: string; target: string }): string[] {
  try {
    renameSync(folder.path, folder.target);
    return [dirname(folder.target)];
  } catch (e) {
    if (!CONFLICT.has(errno(e) ?? '') && errno(e) !== 'ENOTEMPTY') throw e;
  }
  const changed: string[] = [];
  const merge = (from: string, to: string): void => {
    mkdirSync(to, { recursive: true });
    changed.push(dirname(to), to);
    const entries = readdirSync(from, { withFileTypes: true }) as Dirent[];
    // Sidecars (reserved names) after the bodies they describe.
    entries.sort((a, b) => Number(a.name.startsWith(RESERVED_NAME_PREFIX)) - Number(b.name.startsWith(RESERVED_NAME_PREFIX)));
    for (const entry of entries) {
      if (entry.isDirectory()) merge(join(from, entry.name), join(to, entry.name));
      else renameSync(join(from, entry.name), join(to, entry.name));
    }
  };
  merge(folder.path, folder.target);
  rmSync(folder.path, { recursive: true, force: true });
  return changed;
}

/** Folders whose flush the platform refuses (Windows opens no folder for writing): nothing to flush there. */
const NO_FOLDER_FLUSH = new Set(['EISDIR', 'EPERM', 'EINVAL', 'ENOTSUP']);

/** Flushes a folder's entries (renames into it) to the disk. */
async function flushFolder(path: string): Promise<void> {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    if (NO_FOLDER_FLUSH.has(errno(e) ?? '')) return;
    throw e;
  }
  try {
    await fsyncOf(fd);
  } catch (e) {
    if (!NO_FOLDER_FLUSH.has(errno(e) ?? '')) throw e;
  } finally {
    closeSync(fd);
  }
}
