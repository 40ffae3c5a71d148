// Browser entry of the self-hosted GraphiQL, bundled by scripts/build-graphiql.mjs into
// dist/graphiql/. The server injects the endpoint and example tabs as JSON into index.html, so
// the bundle never changes with configuration and nothing is fetched from a CDN.
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';

const config = JSON.parse(document.getElementById('radome-graphiql-config').textContent);
const endpoint = new URL(config.endpoint, location.href).href;

// A plain fetch fetcher: queries only (no subscriptions), so no websocket client is bundled.
async function fetcher(params, opts) {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...(opts?.headers ?? {}) },
    body: JSON.stringify(params),
  });
  return response.json();
}

createRoot(document.getElementById('graphiql')).render(
  createElement(GraphiQL, {
    fetcher,
    defaultTabs: config.tabs,
    defaultEditorToolsVisibility: 'variables',
  }),
);
