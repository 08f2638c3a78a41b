/**
 * A small static server for the docs site (`tx docs serve`): GET and HEAD of the site's files
 * in target/, nothing outside it, no directory listings, and none of the database files that
 * may sit beside them. Binds to 127.0.0.1 unless told otherwise.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { extname, resolve, sep } from 'node:path';
import { TxCodes, TxError } from '../errors/tx-error.js';

export interface DocsServer {
  url: string;
  close(): Promise<void>;
}

/** What the site and the tools around it read; anything else in target/ stays private. */
const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.sql': 'text/plain; charset=utf-8',
};

function send(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-cache' });
  res.end(text);
}

/** The file a request names, or undefined when it is outside root, hidden, or of a private kind. */
export function resolveRequestPath(root: string, url: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(new URL(url, 'http://x').pathname);
  } catch {
    return undefined;
  }
  if (path.endsWith('/')) path += 'index.html';
  const file = resolve(root, `.${path}`);
  if (file !== root && !file.startsWith(root.endsWith(sep) ? root : root + sep)) return undefined;
  if (path.split('/').some((seg) => seg.startsWith('.'))) return undefined;
  return TYPES[extname(file).toLowerCase()] === undefined ? undefined : file;
}

function handle(root: string, req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed');
  const file = resolveRequestPath(root, req.url ?? '/');
  if (file === undefined) return send(res, 404, 'not found');
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) return send(res, 404, 'not found');
    size = st.size;
  } catch {
    return send(res, 404, 'not found');
  }
  // The site is regenerated in place: always revalidate so a reload shows the new one.
  res.writeHead(200, { 'content-type': TYPES[extname(file).toLowerCase()]!, 'content-length': size, 'cache-control': 'no-cache' });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(file).on('error', () => res.destroy()).pipe(res);
}

export function startDocsServer(root: string, host: string, port: number): Promise<DocsServer> {
  const server = createServer((req, res) => handle(resolve(root), req, res));
  return new Promise((done, fail) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      fail(new TxError({
        code: TxCodes.Usage,
        message: e.code === 'EADDRINUSE' ? `port ${port} on ${host} is already in use` : `cannot serve the docs on ${host}:${port}: ${e.message}`,
        hint: e.code === 'EADDRINUSE' ? 'pick another with --port, or stop the other server' : 'check --host and --port',
        cause: e,
      }));
    });
    server.listen(port, host, () => {
      const addr = server.address();
      const actual = addr !== null && typeof addr === 'object' ? addr.port : port;
      const shown = host.includes(':') ? `[${host}]` : host;
      done({
        url: `http://${shown}:${actual}/`,
        close: () => new Promise((closed) => {
          server.closeAllConnections();
          server.close(() => closed());
        }),
      });
    });
  });
}
