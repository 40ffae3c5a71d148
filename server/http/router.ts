// HTTP as one route table with shared middleware, in the spirit of Hono. A route names its paths,
// its metrics label, the middleware it adds and its handlers for plain requests and for WebSocket
// upgrades; global middleware (CORS) runs first on both. A middleware looks at a request and either
// lets it through (after setting headers on the answer, if it likes) or answers it; the same
// answer goes out as an HTTP response or, on an upgrade, written to the socket.
//
// Hand-written over node:http rather than Hono itself: Hono's Node adapter turns every
// IncomingMessage into a WHATWG Request and every answer back (a cost on each request), and Apollo,
// ws and the handlers here already speak node:http, so all radome needs is this matching.
import { STATUS_CODES, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { JSON_CONTENT_TYPE, sendJson, sendText, TEXT_CONTENT_TYPE } from './respond.js';

/** A request as middleware sees it, on a plain request or a WebSocket upgrade. */
export interface Exchange {
  readonly req: IncomingMessage;
  /**
   * The raw path, not new URL(...).pathname: WHATWG URL parsing would resolve `..` and `%2e%2e`
   * before /objects/ could refuse them.
   */
  readonly rawPath: string;
  /** The query string with its "?", or ''. */
  readonly search: string;
  /** True for a WebSocket upgrade: there is no response object, and browsers apply no CORS. */
  readonly upgrade: boolean;
  /** A header for whatever answer follows (dropped when an upgrade is accepted). */
  setHeader(name: string, value: string): void;
}

/** An answer given instead of going on: JSON, text or no body. */
export interface Answer {
  status: number;
  headers?: Record<string, string>;
  json?: unknown;
  text?: string;
}

/** Answers the request, or returns undefined to let it through. */
export type Middleware = (exchange: Exchange) => Answer | undefined;

export interface RouteHandlerArgs {
  req: IncomingMessage;
  res: ServerResponse;
  rawPath: string;
  search: string;
}

export interface Route<Label extends string = string> {
  /** Exact paths, or prefixes written with a trailing `*` (`/objects/*` matches `/objects/a/b`). */
  paths: readonly string[];
  /** Label of its requests in metrics: a fixed set, so series stay bounded. */
  label: Label;
  /** Middleware of this route only, after the global ones. */
  use?: readonly Middleware[];
  serve(args: RouteHandlerArgs): void | Promise<void>;
  /** Accepts a WebSocket upgrade that passed the middleware; without it upgrades get notFound. */
  upgrade?(req: IncomingMessage, socket: Duplex, head: Buffer): void;
}

export interface RouterOptions<Label extends string> {
  routes: readonly Route<Label>[];
  /** Runs first, on every request and upgrade, matched or not. */
  use?: readonly Middleware[];
  /** The answer where no route matches (or, on an upgrade, where the route takes none). */
  notFound(exchange: Exchange): Answer;
  /** Label of unmatched requests. */
  otherLabel: Label;
  /** Every finished plain request, for metrics. */
  observe?(label: Label, req: IncomingMessage, status: number, seconds: number): void;
  /** Errors no answer could be given for. */
  onError(error: unknown): void;
}

export interface Router {
  handleRequest: RequestListener;
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
}

/** Writes an answer as the response (headers set earlier on `res` are kept). */
function sendAnswer(res: ServerResponse, answer: Answer): void {
  if (answer.json !== undefined) return sendJson(res, answer.status, answer.json, answer.headers);
  if (answer.text !== undefined) return sendText(res, answer.status, answer.text, answer.headers);
  res.writeHead(answer.status, { 'content-length': '0', ...answer.headers }).end();
}

/** Writes an answer to a socket whose upgrade is refused, and closes it. */
function refuseUpgrade(socket: Duplex, answer: Answer, extra: Record<string, string>): void {
  const [body, type] = answer.json !== undefined ? [JSON.stringify(answer.json), JSON_CONTENT_TYPE] : [answer.text ?? '', answer.text !== undefined ? TEXT_CONTENT_TYPE : undefined];
  const headers = { ...extra, ...(type && { 'content-type': type }), 'content-length': String(Buffer.byteLength(body)), ...answer.headers, connection: 'close' };
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
  socket.end(`HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status] ?? ''}\r\n${lines.join('')}\r\n${body}`);
}

function splitUrl(url: string): { rawPath: string; search: string } {
  const q = url.indexOf('?');
  return q < 0 ? { rawPath: url, search: '' } : { rawPath: url.slice(0, q), search: url.slice(q) };
}

/** Runs middleware in order; the first answer wins. */
function runMiddleware(chain: readonly Middleware[], exchange: Exchange): Answer | undefined {
  for (const middleware of chain) {
    const answer = middleware(exchange);
    if (answer) return answer;
  }
  return undefined;
}

export function createRouter<Label extends string>(options: RouterOptions<Label>): Router {
  const global = options.use ?? [];
  // Exact paths by a map lookup; prefixes in table order (so a catch-all `/*` belongs last).
  const exact = new Map<string, Route<Label>>();
  const prefixes: { prefix: string; route: Route<Label> }[] = [];
  for (const route of options.routes) {
    for (const path of route.paths) {
      if (path.endsWith('*')) prefixes.push({ prefix: path.slice(0, -1), route });
      else if (!exact.has(path)) exact.set(path, route);
    }
  }
  const match = (rawPath: string): Route<Label> | undefined => {
    const found = exact.get(rawPath);
    if (found) return found;
    for (const { prefix, route } of prefixes) if (rawPath.startsWith(prefix)) return route;
    return undefined;
  };

  async function run(req: IncomingMessage, res: ServerResponse, rawPath: string, search: string, route: Route<Label> | undefined): Promise<void> {
    const exchange: Exchange = { req, rawPath, search, upgrade: false, setHeader: (name, value) => void res.setHeader(name, value) };
    const answer = runMiddleware(global, exchange) ?? (route ? runMiddleware(route.use ?? [], exchange) : undefined);
    if (answer) return sendAnswer(res, answer);
    if (!route) return sendAnswer(res, options.notFound(exchange));
    await route.serve({ req, res, rawPath, search });
  }

  return {
    handleRequest(req, res) {
      const started = performance.now();
      const { rawPath, search } = splitUrl(req.url ?? '/');
      const route = match(rawPath);
      if (options.observe) {
        const label = route?.label ?? options.otherLabel;
        res.once('finish', () => options.observe!(label, req, res.statusCode, (performance.now() - started) / 1000));
      }
      run(req, res, rawPath, search, route).catch((error: unknown) => {
        options.onError(error);
        if (!res.headersSent) sendAnswer(res, { status: 500, json: { error: 'internal server error' } });
        else res.destroy();
      });
    },

    handleUpgrade(req, socket, head) {
      const { rawPath, search } = splitUrl(req.url ?? '/');
      const route = match(rawPath);
      const headers: Record<string, string> = {};
      const exchange: Exchange = { req, rawPath, search, upgrade: true, setHeader: (name, value) => void (headers[name] = value) };
      // A path that takes no upgrade is refused before any middleware runs, as a plain 404.
      if (!route?.upgrade) return refuseUpgrade(socket, options.notFound(exchange), headers);
      const answer = runMiddleware(global, exchange) ?? runMiddleware(route.use ?? [], exchange);
      if (answer) return refuseUpgrade(socket, answer, headers);
      route.upgrade(req, socket, head);
    },
  };
}
