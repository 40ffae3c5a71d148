/** Content types radome writes, by extension: the fallback when a stored type is lost. */
const BY_EXTENSION: Record<string, string> = {
  png: 'image/png',
  json: 'application/json',
  parquet: 'application/vnd.apache.parquet',
  txt: 'text/plain; charset=utf-8',
  // Zarr v2 metadata (a sweep store's chunks are the octet-stream default).
  zarray: 'application/json',
  zattrs: 'application/json',
  zgroup: 'application/json',
  zmetadata: 'application/json',
};

export function contentTypeForKey(key: string): string {
  const dot = key.lastIndexOf('.');
  const ext = dot > key.lastIndexOf('/') ? key.slice(dot + 1).toLowerCase() : '';
  return BY_EXTENSION[ext] ?? 'application/octet-stream';
}
