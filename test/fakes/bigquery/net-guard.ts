/**
 * In-process network guard for the BigQuery tests: while installed, a socket to any host but the
 * loopback address is refused and recorded. Child processes get the same through net-guard.mjs.
 */
import net from 'node:net';
import { fileURLToPath } from 'node:url';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost', '::ffff:127.0.0.1']);

/** The preload file for `node --import` (NODE_OPTIONS) in spawned tx processes. */
export const NET_GUARD_PRELOAD = fileURLToPath(new URL('./net-guard.mjs', import.meta.url));

function target(args: unknown[]): string | null {
  const first = args[0];
  if (Array.isArray(first)) return target(first);
  if (first !== null && typeof first === 'object') {
    const o = first as { path?: unknown; host?: unknown };
    return o.path ? null : String(o.host ?? 'localhost');
  }
  if (typeof first === 'number') return typeof args[1] === 'string' ? args[1] : 'localhost';
  return null;
}

export interface NetGuard {
  /** Hosts something tried to reach. */
  readonly violations: string[];
  /** Hosts reached (loopback), for a sanity check that the guard saw traffic at all. */
  readonly allowed: string[];
  uninstall(): void;
}

export function installNetGuard(): NetGuard {
  const original = net.Socket.prototype.connect;
  const violations: string[] = [];
  const allowed: string[] = [];
  const proto = net.Socket.prototype as unknown as { connect: (...args: unknown[]) => net.Socket };
  proto.connect = function guarded(this: net.Socket, ...args: unknown[]): net.Socket {
    const host = target(args);
    if (host !== null && !LOOPBACK.has(host)) {
      violations.push(host);
      process.nextTick(() => this.destroy(Object.assign(new Error(`net-guard: connection to ${host} refused`), { code: 'ECONNREFUSED' })));
      return this;
    }
    if (host !== null) allowed.push(host);
    return (original as unknown as (...a: unknown[]) => net.Socket).apply(this, args);
  };
  return {
    violations,
    allowed,
    uninstall: () => {
      net.Socket.prototype.connect = original;
    },
  };
}
