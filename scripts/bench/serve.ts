/**
 * A static server for a built Docusaurus site, as a host would serve it: `trailingSlash: false`
 * paths map to `<path>.html`, and text is sent gzipped (precompressed once per file), so that
 * Lighthouse's simulated network sees the bytes a reader's browser would transfer.
 */
import fs from 'node:fs';
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import path from 'node:path';
import {gzipSync} from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.cast': 'text/plain; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.xml', '.txt', '.cast']);

export interface SiteServer {
  origin: string;
  close(): Promise<void>;
}

function resolveFile(root: string, pathname: string): string | undefined {
  const relative = decodeURIComponent(pathname).replace(/^\/+/, '');
  const base = path.resolve(root, relative);
  if (base !== root && !base.startsWith(root + path.sep)) return undefined;
  for (const candidate of [base, `${base}.html`, path.join(base, 'index.html')]) {
    if (fs.statSync(candidate, {throwIfNoEntry: false})?.isFile()) return candidate;
  }
  return undefined;
}

export async function serveSite(dir: string): Promise<SiteServer> {
  const root = path.resolve(dir);
  const gzipped = new Map<string, Buffer>();
  const server = http.createServer((request, response) => {
    const file = resolveFile(root, new URL(request.url ?? '/', 'http://localhost').pathname);
    const notFound = path.join(root, '404.html');
    const chosen = file ?? notFound;
    const extension = path.extname(chosen);
    let body: Buffer = fs.readFileSync(chosen);
    const headers: http.OutgoingHttpHeaders = {'content-type': TYPES[extension] ?? 'application/octet-stream'};
    if (COMPRESSIBLE.has(extension) && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
      if (!gzipped.has(chosen)) gzipped.set(chosen, gzipSync(body, {level: 9}));
      body = gzipped.get(chosen)!;
      headers['content-encoding'] = 'gzip';
    }
    // Hashed assets are immutable, as Docusaurus names them; pages are revalidated.
    headers['cache-control'] = chosen.includes(`${path.sep}assets${path.sep}`)
      ? 'public, max-age=31536000, immutable'
      : 'no-cache';
    headers['content-length'] = body.length;
    response.writeHead(file ? 200 : 404, headers);
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
