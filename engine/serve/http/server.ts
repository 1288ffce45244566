/**
 * The small HTTP(S) server both `serve` modes use: fixed routes, bounded
 * bodies and time limits, and no path to a crash: a handler that throws
 * answers 500 and the server goes on.
 */
import { createServer as createHttp } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttps } from 'node:https';
import type { SecureContextOptions } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { BodyTooLarge, readBody } from './read-body.js';

export interface Reply {
  readonly status: number;
  readonly body: string;
  readonly type?: string;
}

export interface Route {
  readonly method: 'GET' | 'POST';
  handle(body: string): Reply | Promise<Reply>;
}

export interface ServerOptions {
  readonly host: string;
  readonly port: number;
  readonly routes: Readonly<Record<string, Route>>;
  readonly maxBodyBytes: number;
  /** Serve HTTPS with this certificate and key (else plain HTTP). */
  readonly tls?: SecureContextOptions;
  log(line: string): void;
}

export interface Running {
  readonly server: Server;
  readonly port: number;
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions): Promise<Running> {
  const handler = (request: IncomingMessage, response: ServerResponse) => void serve(request, response, options);
  const server: Server = options.tls
    ? createHttps({ ...options.tls, minVersion: 'TLSv1.2' }, handler)
    : createHttp(handler);
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 65_000;
  server.on('clientError', (_error, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

async function serve(request: IncomingMessage, response: ServerResponse, options: ServerOptions): Promise<void> {
  const path = (request.url ?? '/').split('?')[0]!;
  const route = Object.hasOwn(options.routes, path) ? options.routes[path] : undefined;
  let reply: Reply;
  try {
    if (!route) reply = { status: 404, body: `no such path: ${path.slice(0, 100)}\n` };
    else if (request.method !== route.method) reply = { status: 405, body: `${path} takes ${route.method}\n` };
    else reply = await route.handle(route.method === 'POST' ? await readBody(request, options.maxBodyBytes) : '');
  } catch (error) {
    if (error instanceof BodyTooLarge) reply = { status: 413, body: `${error.message}\n` };
    else {
      options.log(`caplint serve: internal error on ${path}: ${error instanceof Error ? error.message : String(error)}`);
      reply = { status: 500, body: 'internal error\n' };
    }
  }
  const close = reply.status === 413;
  response.writeHead(reply.status, {
    'content-type': reply.type ?? 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(reply.body),
    ...(close ? { connection: 'close' } : {}),
  });
  response.end(reply.body, () => {
    if (close) request.socket.destroy();
  });
}
