import { RadomeError } from '../../../core/errors.js';
import { threadBunzip2 } from './bunzip2.js';
import { DecompressionBudget } from './decompression-budget.js';
import { detectContainer } from './detect-container.js';
import { gunzip } from './gunzip.js';
import { decompressLzw } from './lzw.js';
import { unzipMember } from './unzip-member.js';

export interface UnwrapOptions {
  /**
   * Most bytes all layers together may decompress to (each layer's output counts, so nested
   * bombs share one budget). Default RADOME_MAX_DECOMPRESSED_MB (see decompression-budget.ts).
   */
  maxOutputBytes?: number;
  /** Most nested containers accepted (a .crx.gz inside a .zip is 2). Default 8. */
  maxLayers?: number;
}

export interface Unwrapped {
  bytes: Uint8Array;
  /** Containers removed, outermost first: 'gzip', 'bzip2', 'compress', 'zip:<member name>'. */
  layers: string[];
}

/**
 * Strips gzip / bzip2 / zip / Unix compress wrappers, detected by magic bytes, until plain data
 * remains. Each layer may produce only what the budget has left, so memory stays within about
 * the budget (plus one growth copy) whatever the nesting; past it, TOO_LARGE.
 */
export function unwrapContainers(bytes: Uint8Array, options: UnwrapOptions = {}): Unwrapped {
  const budget = new DecompressionBudget(options.maxOutputBytes);
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
          current = gunzip(current, budget.remaining);
          layers.push('gzip');
          break;
        case 'bzip2':
          current = threadBunzip2().decompress(current, 'bzip2 container', budget.remaining);
          layers.push('bzip2');
          break;
        case 'compress':
          current = decompressLzw(current, { maxOutputBytes: budget.remaining });
          layers.push('compress');
          break;
        case 'zip': {
          const member = unzipMember(current, budget.remaining);
          current = member.bytes;
          layers.push(`zip:${member.name}`);
          break;
        }
      }
      budget.spend(current.length, layers.join(' > '));
    } catch (e) {
      if (e instanceof RadomeError && layers.length > 0) {
        throw new RadomeError(e.code, `inside ${layers.join(' > ')}: ${e.message}`, { cause: e });
      }
      throw e;
    }
  }
  return { bytes: current, layers };
}
