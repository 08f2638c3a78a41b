/**
 * In-process network guard for the tests that load a cloud SDK (BigQuery, Snowflake): while
 * installed, a socket to any address but 127.0.0.1 is refused and recorded. ::1 and the name
 * `localhost` are refused too, so nothing depends on how a machine resolves them. Child processes
 * get the same through net-guard.mjs (NET_GUARD_PRELOAD).
 */
import net from 'node:net';
import { fileURLToPath } from 'node:url';

export const ALLOWED_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', '::ffff:127.0.0.1']);

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
  /** Hosts reached (127.0.0.1), for a sanity check that the guard saw traffic at all. */
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
    if (host !== null && !ALLOWED_HOSTS.has(host)) {
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
