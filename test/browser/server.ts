/**
 * A static file server on loopback for the harness: `/` is the harness
 * build, `/plugin/` is the plugin's dist folder, as Grafana serves a plugin
 * under its own path.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';

import { BUILD_DIR, PLUGIN_DIST } from './build.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
};

/** A running server and its base URL. */
export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

function resolvePath(url: string): string {
  const path = normalize(decodeURIComponent(new URL(url, 'http://x').pathname));
  if (path.startsWith('/plugin/')) return join(PLUGIN_DIST, path.slice('/plugin/'.length));
  return join(BUILD_DIR, path === '/' ? 'index.html' : path);
}

/** Serves the harness and the plugin on 127.0.0.1, on a free port. */
export async function serveHarness(): Promise<StaticServer> {
  const server: Server = createServer((request, response) => {
    // Browsers ask for a favicon unprompted; a 404 would show as a console error.
    if (request.url === '/favicon.ico') return void response.writeHead(204).end();
    const file = resolvePath(request.url ?? '/');
    readFile(file).then(
      (body) => {
        response.writeHead(200, {
          'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        });
        response.end(body);
      },
      () => {
        response.writeHead(404);
        response.end();
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
