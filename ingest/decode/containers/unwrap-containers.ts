import { RadomeError } from '../../../core/errors.js';
import { threadBunzip2 } from './bunzip2.js';
import { detectContainer } from './detect-container.js';
import { gunzip } from './gunzip.js';
import { decompressLzw } from './lzw.js';
import { unzipMember } from './unzip-member.js';

export interface UnwrapOptions {
  /** Largest decompressed size accepted at any layer. Default 2 GiB. */
  maxOutputBytes?: number;
  /** Most nested containers accepted (a .crx.gz inside a .zip is 2). Default 8. */
  maxLayers?: number;
}

export interface Unwrapped {
  bytes: Uint8Array;
  /** Containers removed, outermost first: 'gzip', 'bzip2', 'compress', 'zip:<member name>'. */
  layers: string[];
}

/** Strips gzip / bzip2 / zip / Unix compress wrappers, detected by magic bytes, until plain data remains. */
export function unwrapContainers(bytes: Uint8Array, options: UnwrapOptions = {}): Unwrapped {
  const maxOutputBytes = options.maxOutputBytes ?? 2 ** 31;
  const maxLayers = options.maxLayers ?? 8;
  const layers: string[] = [];
  let current = bytes;
  for (let kind = detectContainer(current); kind !== null; kind = detectContainer(current)) {
    if (layers.length >= maxLayers) {
      throw new RadomeError('CORRUPT', `more than ${maxLayers} nested containers (${layers.join(' > ')})`);
    }
    try {
      switch (kind) {
        case 'gzip':
          current = gunzip(current, maxOutputBytes);
          layers.push('gzip');
          break;
        case 'bzip2':
          current = threadBunzip2().decompress(current, 'bzip2 container', maxOutputBytes);
          layers.push('bzip2');
          break;
        case 'compress':
          current = decompressLzw(current, { maxOutputBytes });
          layers.push('compress');
          break;
        case 'zip': {
          const member = unzipMember(current, maxOutputBytes);
          current = member.bytes;
          layers.push(`zip:${member.name}`);
          break;
        }
      }
    } catch (e) {
      if (e instanceof RadomeError && layers.length > 0) {
        throw new RadomeError(e.code, `inside ${layers.join(' > ')}: ${e.message}`, { cause: e });
      }
      throw e;
    }
  }
  return { bytes: current, layers };
}
