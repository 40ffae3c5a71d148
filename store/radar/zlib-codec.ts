import { deflateSync, inflateSync } from 'node:zlib';
import * as zarr from 'zarrita';

/**
 * zlib for zarrita through node:zlib. zarrita's own goes through a web DecompressionStream (a
 * Response, a stream pipe and copies per chunk): reading one sweep from its store spent most of
 * its time there. Inflating in one synchronous call (a sweep's moment, ~1 MB, in about a
 * millisecond) also beats node:zlib's asynchronous form, which hands back 16 kB pieces to join.
 */
class NodeZlibCodec {
  readonly kind = 'bytes_to_bytes' as const;

  static fromConfig(): NodeZlibCodec {
    return new NodeZlibCodec();
  }

  async encode(bytes: Uint8Array): Promise<Uint8Array> {
    return new Uint8Array(deflateSync(bytes));
  }

  async decode(bytes: Uint8Array): Promise<Uint8Array> {
    const out = inflateSync(bytes);
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  }
}

/** Makes zarrita decode zlib chunks (v2 compressor id `zlib`, v3 codec `zlib`) with node:zlib. */
export function useNodeZlib(): void {
  const entry = async () => NodeZlibCodec;
  zarr.registry.set('zlib', entry);
  zarr.registry.set('numcodecs.zlib', entry);
}
