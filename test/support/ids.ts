// Ids tests write literally, through the vocabulary's parsers: the catalog reader takes branded ids
// (core/vocabulary), so a test names each id's kind as the server and the CLI do.
import { type Moment, parseGnssStationId, parseProductId, parseProductMnemonic, parseRadarSiteId } from '../../core/vocabulary/index.js';

export const testSite = (id: string) => parseRadarSiteId(id, 'test site');
export const testStation = (id: string) => parseGnssStationId(id, 'test station');
export const testProduct = (id: string) => parseProductId(id, 'test product');
export const testMnemonic = (id: string) => parseProductMnemonic(id, 'test mnemonic');

/**
 * A string of no valid shape passed where an id or a moment is expected, on purpose: the catalog
 * must answer null or nothing for it (a reader is also called by code that checked less).
 */
export const unchecked = <T extends string = Moment>(raw: string): T => raw as T;
