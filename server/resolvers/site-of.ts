import { GraphQLError } from 'graphql';
import type { RadarSiteId } from '../../core/vocabulary/index.js';
import type { RadomeContext } from '../context.js';
import type { RadarSite } from '../types/radar-site.js';

/** The site a volume or sweep belongs to; the catalog keeps it, so a miss is an inconsistency. */
export async function siteOf(siteId: RadarSiteId, ctx: RadomeContext): Promise<RadarSite> {
  const site = await ctx.loaders.site.load(siteId);
  if (!site) throw new GraphQLError(`catalog has no radar site ${siteId}`);
  return site;
}
