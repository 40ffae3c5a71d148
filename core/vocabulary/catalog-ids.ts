/**
 * The shapes of catalog ids, made and recognised here only. Ids of different types never share a
 * shape (a sweep id has a "/", a volume id is site+date_time, a product id has three "_"), except
 * the 4-character ids of radar sites and GNSS stations.
 */
import { type Branded, idParser } from './identifiers.js';
import type { RadarSiteId } from './radar-site.js';

/** `KLOT20220317_000842`: a Level 2 volume. */
export type VolumeId = Branded<'VolumeId'>;
/** `KLOT20220317_000842/e01-REF`: one sweep of one moment. */
export type SweepId = Branded<'SweepId'>;
/** `KLOT_N0H_20210131_110630`: a Level 3 product. */
export type ProductId = Branded<'ProductId'>;

const VOLUME_ID = /^[A-Z]{4}\d{8}_\d{6}$/;
const PRODUCT_ID = /^[A-Z0-9]{4}_[A-Z0-9]{3}_\d{8}_\d{6}$/;

/** `20220317_000842` of an epoch ms (UTC). */
function dateTimeStamp(t: number): string {
  const iso = new Date(t).toISOString();
  return `${iso.slice(0, 10).replaceAll('-', '')}_${iso.slice(11, 19).replaceAll(':', '')}`;
}

/** `KLOT20220317_000842`: site + volume start, as the archive names the file. Stable across re-ingest. */
export function level2VolumeId(site: RadarSiteId, volumeStart: number): VolumeId {
  return `${site}${dateTimeStamp(volumeStart)}` as VolumeId;
}

/** `KLOT20220317_000842/e01-REF`: one sweep of one moment. */
export function level2SweepId(volumeId: VolumeId, elevationNumber: number, moment: string): SweepId {
  return `${volumeId}/e${String(elevationNumber).padStart(2, '0')}-${moment}` as SweepId;
}

/** `KLOT_N0H_20210131_110630`: site, mnemonic, scan time. Stable across re-ingest. */
export function level3ProductId(site: RadarSiteId, mnemonic: string, scanTime: number): ProductId {
  return `${site}_${mnemonic}_${dateTimeStamp(scanTime)}` as ProductId;
}

export const isVolumeId = (id: string): id is VolumeId => VOLUME_ID.test(id);
export const isSweepId = (id: string): id is SweepId => id.includes('/');
export const isProductId = (id: string): id is ProductId => PRODUCT_ID.test(id);

// Parsers for ids users pass back (GraphQL arguments, tile route paths): kept as given
// (ids are case-sensitive), else a BAD_INPUT error naming the argument.
export const parseVolumeId = idParser(isVolumeId, 'a volume id like KLOT20220317_000842', true);
export const parseSweepId = idParser(isSweepId, 'a sweep id like KLOT20220317_000842/e01-REF', true);
export const parseProductId = idParser(isProductId, 'a product id like KLOT_N0H_20210131_110630', true);
