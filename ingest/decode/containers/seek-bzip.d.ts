// seek-bzip ships no types; this is the one call radome uses.
declare module 'seek-bzip' {
  interface SeekBzip {
    /** Decodes a whole bzip2 buffer; `multistream` also decodes concatenated streams (pbzip2). */
    decode(input: Uint8Array, output?: Uint8Array | number, multistream?: boolean): Uint8Array;
  }
  const Bunzip: SeekBzip;
  export default Bunzip;
}
