// Preloaded (node --import) into the tx processes the BigQuery, Snowflake and conformance tests
// spawn: a socket to any address but 127.0.0.1 (not ::1, not the name localhost) is refused and
// recorded in $TX_NET_GUARD_LOG, so a test can prove nothing left the machine (no metadata server,
// no oauth2.googleapis.com, no *.snowflakecomputing.com, no OCSP responder).
import net from 'node:net';
import dgram from 'node:dgram';
import { appendFileSync } from 'node:fs';

const ALLOWED = new Set(['127.0.0.1', '::ffff:127.0.0.1']);
const original = net.Socket.prototype.connect;
const originalSend = dgram.Socket.prototype.send;

function target(args) {
  const first = args[0];
  if (Array.isArray(first)) return target(first);
  if (first !== null && typeof first === 'object') return first.path ? null : String(first.host ?? 'localhost');
  if (typeof first === 'number') return typeof args[1] === 'string' ? args[1] : 'localhost';
  return null; // a Unix socket path
}

function record(host) {
  if (process.env.TX_NET_GUARD_LOG) appendFileSync(process.env.TX_NET_GUARD_LOG, `${host}\n`);
}

net.Socket.prototype.connect = function guardedConnect(...args) {
  const host = target(args);
  if (host !== null && !ALLOWED.has(host)) {
    record(host);
    const err = Object.assign(new Error(`net-guard: connection to ${host} refused (tests allow 127.0.0.1 only)`), { code: 'ECONNREFUSED' });
    process.nextTick(() => this.destroy(err));
    return this;
  }
  return original.apply(this, args);
};

// UDP (a DNS query sent from JavaScript, a telemetry ping) is held to the same rule.
dgram.Socket.prototype.send = function guardedSend(...args) {
  const address = args.find((a, i) => i > 0 && typeof a === 'string');
  if (address !== undefined && !ALLOWED.has(address)) {
    record(`udp:${address}`);
    const cb = args.find((a) => typeof a === 'function');
    if (cb) process.nextTick(() => cb(Object.assign(new Error(`net-guard: datagram to ${address} refused`), { code: 'ECONNREFUSED' })));
    return;
  }
  return originalSend.apply(this, args);
};
