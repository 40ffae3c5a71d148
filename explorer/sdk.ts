// The one place the explorer reaches the SDK (@radome/sdk, from this repository's sdk/src): every
// server call of the app goes through these typed methods.
export { createRadomeClient, rasterSource, type RadarMoment, type RadomeClient, type RadomeResult } from '../sdk/src/index.js';
export { createRadomeSubscriptions, type RadomeSubscriptions } from '../sdk/src/subscriptions.js';
