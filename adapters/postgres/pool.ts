/**
 * Postgres sessions for one target: up to `threads` pg.Clients, each opened with the profile's
 * ssl, keepalive, timeout, search_path and role. Imported lazily (index.ts), with the driver.
 */
import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import pg from 'pg';
import type { Capabilities, ConnectContext } from '../../src/adapter/types.js';
import { TxCodes, TxError } from '../../src/errors/tx-error.js';
import { SlotPool } from '../../src/adapter/slot-pool.js';
import { PostgresTxConnection } from './connection.js';
import type { PostgresCredentials } from './credentials.js';
import { quoteIdent } from './dialect.js';
import { connectError, isTransientConnectError } from './errors.js';
import { exactTypeParsers, typeParsers } from './values.js';

function sslOptions(c: PostgresCredentials, ctx: ConnectContext): ConnectionOptions {
  const file = (p: string | null): Buffer | undefined => (p === null ? undefined : readFileSync(p.startsWith('/') ? p : `${ctx.projectDir}/${p}`));
  const verify = c.sslmode === 'verify-ca' || c.sslmode === 'verify-full';
  const opts: ConnectionOptions = { rejectUnauthorized: verify };
  const ca = file(c.sslrootcert);
  const cert = file(c.sslcert);
  const key = file(c.sslkey);
  if (ca) opts.ca = ca;
  if (cert) opts.cert = cert;
  if (key) opts.key = key;
  // verify-ca checks the chain but not the host name.
  if (c.sslmode === 'verify-ca') opts.checkServerIdentity = () => undefined;
  return opts;
}

/** libpq's sslmode → the attempts to make: prefer (the default) tries SSL, then plain. */
function sslAttempts(c: PostgresCredentials, ctx: ConnectContext): (false | ConnectionOptions)[] {
  if (c.host.startsWith('/')) return [false]; // a Unix socket has no SSL
  switch (c.sslmode) {
    case 'disable':
    case 'allow':
      return [false];
    case 'require':
    case 'verify-ca':
    case 'verify-full':
      return [sslOptions(c, ctx)];
    default:
      return [sslOptions(c, ctx), false];
  }
}

/** A simple name is folded to lower case as Postgres would; anything else is quoted as given. */
function roleIdent(role: string): string {
  return /^[A-Za-z_][A-Za-z0-9_$]*$/.test(role) ? quoteIdent(role.toLowerCase()) : quoteIdent(role);
}

/** The pg `types` of a query run with ExecuteOptions.exact: the same for every session. */
const EXACT_TYPES = exactTypeParsers(pg.types.getTypeParser);

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** MERGE exists from Postgres 15 (server_version_num 150000). */
export const MERGE_SINCE = 150000;

/** What a server of this version lacks among the dialect's capabilities (server_version_num). */
export function capabilitiesForServer(serverVersionNum: number): Partial<Capabilities> {
  return serverVersionNum < MERGE_SINCE ? { merge: false } : {};
}

export class PostgresPool extends SlotPool<PostgresTxConnection> {
  /** The ssl setting that worked for the first session (prefer: SSL or not), reused for the rest. */
  private ssl: false | ConnectionOptions | undefined;
  /** server_version_num of the server, read once when the pool opens. */
  serverVersionNum = 0;
  capabilityOverrides: Partial<Capabilities> = {};

  private constructor(
    private readonly creds: PostgresCredentials,
    private readonly ctx: ConnectContext,
    max: number,
  ) {
    super('postgres', max);
  }

  static async open(creds: PostgresCredentials, ctx: ConnectContext): Promise<PostgresPool> {
    const pool = new PostgresPool(creds, ctx, Math.max(1, ctx.threads));
    // Opening one session up front surfaces credential and network errors at connect time; it also
    // tells the server's version, which decides whether plans may use MERGE.
    const first = await pool.acquire();
    try {
      const res = await first.execute('show server_version_num', { fetch: true });
      pool.serverVersionNum = Number(res.rows[0]?.[0] ?? 0);
      pool.capabilityOverrides = capabilitiesForServer(pool.serverVersionNum);
    } finally {
      pool.release(first);
    }
    return pool;
  }

  private config(ssl: false | ConnectionOptions): pg.ClientConfig {
    const c = this.creds;
    return {
      host: c.host,
      port: c.port,
      user: c.user,
      // Empty: let the driver fall back to ~/.pgpass, as libpq does.
      password: c.password === '' ? undefined : c.password,
      database: c.database,
      application_name: c.application_name,
      connectionTimeoutMillis: c.connect_timeout * 1000,
      keepAlive: c.keepalives_idle > 0,
      keepAliveInitialDelayMillis: c.keepalives_idle * 1000,
      // As dbt-postgres: the search_path goes in the startup options, spaces escaped.
      options: c.search_path ? `-c search_path=${c.search_path.replace(/ /g, '\\ ')}` : undefined,
      ssl,
      types: typeParsers(pg.types.getTypeParser),
    };
  }

  /** Connects one client, retrying transient failures `retries` times, falling back from SSL under sslmode prefer. */
  private async connectClient(): Promise<pg.Client> {
    const attempts = this.ssl !== undefined ? [this.ssl] : sslAttempts(this.creds, this.ctx);
    let lastError: unknown;
    for (let retry = 0; retry <= this.creds.retries; retry++) {
      if (retry > 0) await sleep(Math.min(1000 * retry, 5000));
      for (const ssl of attempts) {
        const client = new pg.Client(this.config(ssl));
        client.on('error', () => undefined); // errors surface through connect() below
        try {
          await client.connect();
          this.ssl = ssl;
          return client;
        } catch (e) {
          lastError = e;
          await client.end().catch(() => undefined);
          // Only an SSL refusal moves on to the plain attempt (sslmode prefer).
          if (!(ssl !== false && /does not support SSL/i.test(String((e as Error).message)))) break;
        }
      }
      if (!isTransientConnectError(lastError)) break;
    }
    throw connectError(lastError, this.creds);
  }

  protected async open(): Promise<PostgresTxConnection> {
    const client = await this.connectClient();
    try {
      if (this.creds.role) await client.query(`set role ${roleIdent(this.creds.role)}`);
    } catch (e) {
      await client.end().catch(() => undefined);
      throw connectError(e, this.creds);
    }
    const pid = (client as unknown as { processID: number | null }).processID;
    if (typeof pid !== 'number') {
      await client.end().catch(() => undefined);
      throw new TxError({ code: TxCodes.ConnectionFailed, message: 'the Postgres server did not report a backend process id' });
    }
    const conn = new PostgresTxConnection(
      client,
      { pid, database: this.creds.database, openSideClient: () => this.sideClient(), exactTypes: EXACT_TYPES },
      (c) => this.forget(c),
    );
    return conn;
  }

  /** A short-lived client for cancel requests (same server, same credentials). */
  private async sideClient(): Promise<pg.Client> {
    const client = new pg.Client({ ...this.config(this.ssl ?? false), connectionTimeoutMillis: 5000 });
    client.on('error', () => undefined);
    await client.connect();
    return client;
  }
}
