import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveRequestPath, startDocsServer, type DocsServer } from '../../../src/docs/serve.js';
import { TxError } from '../../../src/errors/tx-error.js';

describe('docs server', () => {
  let root: string;
  let server: DocsServer;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'tx-docs-serve-'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><p>hi</p>');
    writeFileSync(join(root, 'manifest.json'), '{}');
    writeFileSync(join(root, 'p.duckdb'), 'secret');
    mkdirSync(join(root, 'compiled'));
    server = await startDocsServer(root, '127.0.0.1', 0);
  });
  afterAll(async () => {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('maps requests to files inside the root only', () => {
    expect(resolveRequestPath(root, '/')).toBe(join(root, 'index.html'));
    expect(resolveRequestPath(root, '/manifest.json?x=1')).toBe(join(root, 'manifest.json'));
    expect(resolveRequestPath(root, '/../etc/passwd')).toBeUndefined();
    expect(resolveRequestPath(root, '/..%2f..%2fetc%2fhosts.txt')).toBeUndefined();
    // The URL parser already folds dot segments at the root: still inside it.
    expect(resolveRequestPath(root, '/%2e%2e/%2e%2e/notes.txt')).toBe(join(root, 'notes.txt'));
    expect(resolveRequestPath(root, '/p.duckdb')).toBeUndefined();
    expect(resolveRequestPath(root, '/.index.html.1.tmp')).toBeUndefined();
  });

  it('serves the site and nothing private', async () => {
    const index = await fetch(server.url);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await index.text()).toContain('<p>hi</p>');
    expect((await fetch(`${server.url}manifest.json`)).headers.get('content-type')).toMatch(/application\/json/);
    expect((await fetch(`${server.url}p.duckdb`)).status).toBe(404);
    expect((await fetch(`${server.url}compiled/`)).status).toBe(404);
    expect((await fetch(server.url, { method: 'POST' })).status).toBe(405);
  });

  it('reports a port in use as a usage error with a hint', async () => {
    const port = Number(new URL(server.url).port);
    const e = await startDocsServer(root, '127.0.0.1', port).then(() => undefined, (x: unknown) => x);
    expect(e).toBeInstanceOf(TxError);
    expect((e as TxError).message).toMatch(/already in use/);
    expect((e as TxError).hint).toMatch(/--port/);
  });
});
