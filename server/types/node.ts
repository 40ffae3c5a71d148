import { Field, ID, InterfaceType } from 'type-graphql';

/**
 * Which object type a Node value is. Resolvers hand out plain objects (not class instances), so
 * the type is told by a field only that type has.
 */
export function nodeTypeName(value: object): string {
  if ('moment' in value) return 'Sweep';
  if ('mnemonic' in value) return 'Product';
  if ('scanStart' in value) return 'Volume';
  if ('dayCount' in value) return 'GnssStation';
  return 'RadarSite';
}

@InterfaceType('Node', {
  description:
    'An object with a globally unique id that `node(id:)` refetches. Ids are the catalog ids, whose shapes differ by type: ' +
    'volume KLOT20220317_000842, sweep KLOT20220317_000842/e01-REF, product KLOT_N0H_20210131_110630, and 4-character ' +
    'radar sites (KLOT) and GNSS stations (CEDA); a 4-character id names the radar site when one has it, else the GNSS station.',
  resolveType: (value: object) => nodeTypeName(value),
})
export abstract class Node {
  @Field(() => ID)
  id: string;
}
