// GraphQL arguments → store filters. Every rejection is a BAD_USER_INPUT error whose message says
// what to change.
import { GraphQLError } from 'graphql';
import { parseRadarSiteId, parseVolumeId } from '../core/vocabulary/index.js';
import type { PageArgs, SweepFilter, VolumeFilter } from '../store/catalog/index.js';
import { SortOrder } from './types/enums.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type PageArgsInput, type SweepFilterInput, type VolumeFilterInput, type VolumeSweepsArgs } from './types/inputs.js';

export function badUserInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

export function parsePageArgs(args: PageArgsInput): PageArgs {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (first < 1 || first > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be between 1 and ${MAX_PAGE_SIZE} (the maximum page size); got ${first}. Page through larger results with \`after: pageInfo.endCursor\``);
  }
  return { first, after: args.after ?? null };
}

export function timeRange(from: Date | null, to: Date | null): { from?: number; to?: number } {
  if (from && to && from.getTime() >= to.getTime()) {
    throw badUserInput(`from must be earlier than to; got from=${from.toISOString()} to=${to.toISOString()}`);
  }
  return { from: from?.getTime(), to: to?.getTime() };
}

export function toVolumeFilter(input: Pick<VolumeFilterInput, 'from' | 'to'> & { site?: string | null }, order: SortOrder | null): VolumeFilter {
  return {
    site: input.site == null ? undefined : parseRadarSiteId(input.site, 'filter.site'),
    ...timeRange(input.from, input.to),
    order: order ?? SortOrder.DESC,
  };
}

type SweepSelection = Pick<VolumeSweepsArgs, 'moment' | 'moments' | 'minElevation' | 'maxElevation'>;

/** Moment and elevation selection, shared by `sweeps(filter)` and `Volume.sweeps(...)`. */
export function toSweepSelection(input: SweepSelection): SweepFilter {
  const moments = [...new Set([...(input.moment ? [input.moment] : []), ...(input.moments ?? [])])];
  const { minElevation, maxElevation } = input;
  if (minElevation != null && maxElevation != null && minElevation > maxElevation) {
    throw badUserInput(`minElevation (${minElevation}) must not exceed maxElevation (${maxElevation})`);
  }
  return {
    moments: moments.length > 0 ? moments : undefined,
    minElevation: minElevation ?? undefined,
    maxElevation: maxElevation ?? undefined,
  };
}

export function toSweepFilter(input: SweepFilterInput | null, order: SortOrder | null): SweepFilter {
  const filter = input ?? ({} as Partial<SweepFilterInput>);
  return {
    site: filter.site == null ? undefined : parseRadarSiteId(filter.site, 'filter.site'),
    volumeId: filter.volumeId == null ? undefined : parseVolumeId(filter.volumeId, 'filter.volumeId'),
    ...timeRange(filter.from ?? null, filter.to ?? null),
    ...toSweepSelection({
      moment: filter.moment ?? null,
      moments: filter.moments ?? null,
      minElevation: filter.minElevation ?? null,
      maxElevation: filter.maxElevation ?? null,
    }),
    order: order ?? SortOrder.DESC,
  };
}
