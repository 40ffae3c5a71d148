import type { ObjectStore, ObjectToPut } from '../store/types.js';

/**
 * Deletes what an earlier write left under `prefix` that the newer `written` objects do not
 * include: a volume's sweep store written again (a re-ingest, a real-time volume growing) may
 * have fewer arrays (sweep_0 was another cut before an earlier cut's end arrived). Its consolidated
 * metadata no longer names them, but a reader listing the folders would still find them. Run
 * after the commit; a crash before it leaves only such unnamed leftovers. Returns the count.
 */
export async function deleteStaleObjects(objects: ObjectStore, prefix: string, written: readonly ObjectToPut[]): Promise<number> {
  const keep = new Set(written.map((o) => o.key));
  const stale: string[] = [];
  for await (const o of objects.list(prefix)) if (!keep.has(o.key)) stale.push(o.key);
  if (stale.length) await objects.delete(stale);
  return stale.length;
}
