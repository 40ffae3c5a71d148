// Browser entry of the self-hosted GraphiQL, bundled by scripts/build-graphiql.mjs into
// dist/graphiql/. The server injects the endpoint and example tabs as JSON into index.html, so
// the bundle never changes with configuration and nothing is fetched from a CDN.
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { getOperationAST, parse } from 'graphql';
import { createClient } from 'graphql-ws';
import 'graphiql/style.css';

const config = JSON.parse(document.getElementById('radome-graphiql-config').textContent);
const endpoint = new URL(config.endpoint, location.href).href;
// Subscriptions go over graphql-ws on the same path; the socket opens at the first one.
const subscriptions = createClient({ url: endpoint.replace(/^http/, 'ws'), lazy: true, retryAttempts: 3 });

function isSubscription({ query, operationName }) {
  try {
    return getOperationAST(parse(query), operationName ?? undefined)?.operation === 'subscription';
  } catch {
    return false; // let the server report the syntax error
  }
}

// Queries and mutations over plain HTTP POST; subscriptions as an async iterable GraphiQL shows
// result by result until the user stops them.
function fetcher(params, opts) {
  if (isSubscription(params)) return subscriptions.iterate(params);
  return fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...(opts?.headers ?? {}) },
    body: JSON.stringify(params),
  }).then((response) => response.json());
}

createRoot(document.getElementById('graphiql')).render(
  createElement(GraphiQL, {
    fetcher,
    defaultTabs: config.tabs,
    defaultEditorToolsVisibility: 'variables',
  }),
);
