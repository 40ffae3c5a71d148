// The catalog reader has no write method, by type: `tsc -p . --noEmit` (run by `npm test`) fails
// when one of these checks breaks; vitest runs the runtime half over the SQLite engine.
import { afterAll, describe, expect, expectTypeOf, it } from 'vitest';
import type { RadomeContext } from '../../server/context.js';
import type { RadomeServerOptions } from '../../server/http/server.js';
import type { IngestControl } from '../../server/ingest-admin.js';
import { openCatalog, type CatalogReader, type CatalogTransaction, type CatalogWriter, type IngestWriter, type ReadOnlyCatalog, type TransactionWriter } from '../../store/catalog/index.js';
import { tempDbPath } from './catalog-fixtures.js';

/** Members of a reader or writer whose result is not a Promise (an engine behind a network connection could not implement them). */
type SyncMemberNames<T> = {
  [D in keyof T]: T[D] extends (...args: never[]) => unknown
    ? ReturnType<T[D]> extends Promise<unknown>
      ? never
      : D
    : { [M in keyof T[D]]: T[D][M] extends (...args: never[]) => Promise<unknown> ? never : M }[keyof T[D]];
}[keyof T];

/** Every method name of a reader or writer: its domains' members, and its own functions. */
type MethodNames<T> = { [D in keyof T]: T[D] extends (...args: never[]) => unknown ? D : keyof T[D] }[keyof T];

describe('the catalog reader type', async () => {
  it('has no method of the writer, and no way to reach one', () => {
    expectTypeOf<Extract<MethodNames<CatalogReader>, MethodNames<CatalogWriter>>>().toEqualTypeOf<never>();
    expectTypeOf<CatalogReader>().not.toHaveProperty('writer');
    expectTypeOf<CatalogReader>().not.toHaveProperty('transaction');
    expectTypeOf<CatalogReader>().not.toHaveProperty('retention');
    expectTypeOf<ReadOnlyCatalog>().not.toHaveProperty('writer');
    // Each writer method is absent from the reader's domain of the same name.
    const neverCalled = (reader: CatalogReader) => {
      // @ts-expect-error the reader cannot commit a volume
      reader.radar.commitVolume;
      // @ts-expect-error the reader cannot commit a product
      reader.products.commit;
      // @ts-expect-error the reader cannot commit GNSS days
      reader.gnss.commitDays;
      // @ts-expect-error the reader cannot record a failure
      reader.ingest.recordFailure;
      // @ts-expect-error the reader cannot prune events
      reader.events.prune;
    };
    expect(neverCalled).toBeTypeOf('function');
  });

  it('is asynchronous, as is the writer, so an engine over the network implements them alike', () => {
    expectTypeOf<SyncMemberNames<CatalogReader>>().toEqualTypeOf<never>();
    expectTypeOf<SyncMemberNames<CatalogWriter>>().toEqualTypeOf<never>();
    expectTypeOf<ReturnType<ReadOnlyCatalog['close']>>().toEqualTypeOf<Promise<void>>();
    // A transaction hands its body the same reader and every writer member but `transaction`.
    expectTypeOf<CatalogTransaction['reader']>().toEqualTypeOf<CatalogReader>();
    expectTypeOf<TransactionWriter>().not.toHaveProperty('transaction');
    expectTypeOf<CatalogWriter>().toMatchTypeOf<TransactionWriter>();
  });

  it('is all a server gets of the catalog; admin writes are a three-method slice of the ingest writer', () => {
    expectTypeOf<RadomeServerOptions['catalog']>().toEqualTypeOf<CatalogReader>();
    expectTypeOf<RadomeContext['catalog']>().toEqualTypeOf<CatalogReader>();
    expectTypeOf<keyof IngestControl>().toEqualTypeOf<'setSourcePaused' | 'setFlag' | 'requestBackfill'>();
    expectTypeOf<IngestWriter>().toMatchTypeOf<IngestControl>();
  });

  const catalog = await openCatalog(tempDbPath());
  afterAll(() => catalog.close());

  it('the SQLite reader object holds no writer method either (one connection serves both)', () => {
    const writerNames = new Set(Object.values(catalog.writer).flatMap((domain) => (typeof domain === 'function' ? [] : Object.keys(domain))));
    const readerNames = Object.values(catalog.reader).flatMap((domain) => Object.keys(domain));
    expect(readerNames.length).toBeGreaterThan(30);
    expect(readerNames.filter((name) => writerNames.has(name))).toEqual([]);
    expect(Object.keys(catalog.reader).sort()).toEqual(['events', 'gnss', 'ingest', 'products', 'radar']);
  });
});
