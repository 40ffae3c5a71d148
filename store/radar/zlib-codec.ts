import { promisify } from 'node:util';
import { deflateSync, inflate, inflateSync } from 'node:zlib';
import * as zarr from 'zarrita';

const inflateAsync = promisify(inflate);

/** Bytes per element of zarrita's fixed-size data types (others: unknown, null). */
const ELEMENT_BYTES: Record<string, number> = { int8: 1, uint8: 1, bool: 1, int16: 2, uint16: 2, float16: 2, int32: 4, uint32: 4, float32: 4, int64: 8, uint64: 8, float64: 8 };
/** node:zlib's default output piece, for chunks of unknown size. */
const DEFAULT_PIECE = 16 * 1024;
/**
 * Chunks up to this size inflate on this thread: an inflate on the pool costs this thread a zlib
 * stream's set-up and callbacks (~0.1 ms), more than inflating a coordinate or scalar (a few kB)
 * itself; a mosaic reads seven such chunks per sweep beside its one large moment.
 */
const SYNC_INFLATE_BYTES = 64 * 1024;

/**
 * zlib for zarrita through node:zlib. zarrita's own goes through a web DecompressionStream (a
 * Response, a stream pipe and copies per chunk): reading one sweep from its store spent most of
 * its time there. Chunks inflate on libuv's pool, off the event loop: a mosaic reading 160 sweeps
 * inflates them on the other core while this thread reads and prepares the rest. The output piece
 * is the chunk's own size (known from the array's shape and type), so the inflated bytes come in
 * one piece, not 16 kB pieces to join.
 */
class NodeZlibCodec {
  readonly kind = 'bytes_to_bytes' as const;

  constructor(private readonly chunkBytes: number | null) {}

  static fromConfig(_config: unknown, meta?: { dataType?: string; shape?: readonly number[] }): NodeZlibCodec {
    const element = meta?.dataType === undefined ? undefined : ELEMENT_BYTES[meta.dataType];
    const shape = meta?.shape;
    return new NodeZlibCodec(element === undefined || !shape ? null : shape.reduce((n, d) => n * d, element));
  }

  async encode(bytes: Uint8Array): Promise<Uint8Array> {
    return new Uint8Array(deflateSync(bytes));
  }

  async decode(bytes: Uint8Array): Promise<Uint8Array> {
    // One byte more than the chunk so the stream's end fits in the same piece.
    const chunkSize = this.chunkBytes === null ? DEFAULT_PIECE : Math.max(64, this.chunkBytes + 1);
    const out = this.chunkBytes !== null && this.chunkBytes <= SYNC_INFLATE_BYTES ? inflateSync(bytes, { chunkSize }) : await inflateAsync(bytes, { chunkSize });
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  }
}

/** Makes zarrita decode zlib chunks (v2 compressor id `zlib`, v3 codec `zlib`) with node:zlib. */
export function useNodeZlib(): void {
  const entry = async () => NodeZlibCodec;
  zarr.registry.set('zlib', entry);
  zarr.registry.set('numcodecs.zlib', entry);
}
