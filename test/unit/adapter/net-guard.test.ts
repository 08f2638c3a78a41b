/** The tests' network guard itself: 127.0.0.1 only; ::1 and the name localhost are refused too. */
import { afterAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import { installNetGuard } from '../../fakes/net-guard.js';

const guard = installNetGuard();
afterAll(() => guard.uninstall());

function attempt(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const sock = net.connect({ host, port });
    sock.on('connect', () => { sock.destroy(); resolve('connected'); });
    sock.on('error', (e) => resolve(String(e.message)));
  });
}

describe('network guard', () => {
  it('lets 127.0.0.1 through and refuses ::1, localhost and anything else, recording them', async () => {
    const server = net.createServer((s) => s.end()).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const port = (server.address() as net.AddressInfo).port;
    expect(await attempt('127.0.0.1', port)).toBe('connected');
    expect(await attempt('::1', port)).toMatch(/net-guard: connection to ::1 refused/);
    expect(await attempt('localhost', port)).toMatch(/net-guard: connection to localhost refused/);
    expect(await attempt('bigquery.googleapis.com', 443)).toMatch(/refused/);
    server.close();
    expect(guard.violations).toEqual(['::1', 'localhost', 'bigquery.googleapis.com']);
    expect(guard.allowed).toEqual(['127.0.0.1']);
  });
});
