import type { PubSub } from 'type-graphql';

/**
 * type-graphql needs a PubSub to build a schema with subscriptions, but radome's subscriptions
 * subscribe through the request context's CatalogEventFeed (one per server, so tests and
 * processes with several servers stay apart); topic-based subscriptions are not used.
 */
export const contextFeedPubSub: PubSub = {
  publish() {
    throw new Error('radome subscriptions read the context event feed; there is nothing to publish to');
  },
  subscribe() {
    throw new Error('radome subscriptions subscribe through the context event feed (Subscription({ subscribe }))');
  },
};
