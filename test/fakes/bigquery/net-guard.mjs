// Preloaded (node --import) into tx processes that BigQuery tests spawn: any socket to a host
// other than the loopback address is refused and recorded in $TX_NET_GUARD_LOG, so a test can
// prove nothing left the machine (no metadata server, no oauth2.googleapis.com, no bigquery.googleapis.com).
import net from 'node:net';
import { appendFileSync } from 'node:fs';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost', '::ffff:127.0.0.1']);
const original = net.Socket.prototype.connect;

function target(args) {
  const first = args[0];
  if (Array.isArray(first)) return target(first);
  if (first !== null && typeof first === 'object') return first.path ? null : String(first.host ?? 'localhost');
  if (typeof first === 'number') return typeof args[1] === 'string' ? args[1] : 'localhost';
  return null; // a Unix socket path
}

net.Socket.prototype.connect = function guardedConnect(...args) {
  const host = target(args);
  if (host !== null && !LOOPBACK.has(host)) {
    if (process.env.TX_NET_GUARD_LOG) appendFileSync(process.env.TX_NET_GUARD_LOG, `${host}\n`);
    const err = Object.assign(new Error(`net-guard: connection to ${host} refused (tests allow 127.0.0.1 only)`), { code: 'ECONNREFUSED' });
    process.nextTick(() => this.destroy(err));
    return this;
  }
  return original.apply(this, args);
};
