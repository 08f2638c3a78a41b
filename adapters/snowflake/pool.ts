/**
 * Snowflake sessions for one target: up to `threads` SDK connections, one per thread, each
 * logged in with the profile's authentication, role, database, schema and warehouse and then
 * checked (a warehouse or database the role may not use is reported at connect time, not by
 * the first model). Imported lazily (index.ts), with the SDK.
 */
import type { ConnectContext } from '../../src/adapter/types.js';
import { TxCodes, TxError } from '../../src/errors/tx-error.js';
import { SlotPool } from '../../src/adapter/slot-pool.js';
import { SnowflakeTxConnection } from './connection.js';
import type { SnowflakeCredentials } from './credentials.js';
import { literal } from './dialect.js';
import { connectError, isTransientConnectError, type LoginTarget } from './errors.js';
import { accessUrl, connectionOptions, loadSdk, type SdkConnection, type SdkModule } from './sdk.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** What the session really got, as opposed to what the profile asked for. */
interface SessionState {
  database: string | null;
  schema: string | null;
  warehouse: string | null;
  role: string | null;
}

function text(v: unknown): string | null {
  return v === null || v === undefined || v === '' ? null : String(v);
}

export class SnowflakePool extends SlotPool<SnowflakeTxConnection> {
  private readonly target: LoginTarget;

  private constructor(
    private readonly sdk: SdkModule,
    private readonly creds: SnowflakeCredentials,
    private readonly ctx: ConnectContext,
    max: number,
  ) {
    super('snowflake', max);
    this.target = {
      account: creds.account,
      user: creds.user,
      role: creds.role,
      warehouse: creds.warehouse,
      database: creds.database,
      url: accessUrl(creds) ?? `https://${creds.account}.snowflakecomputing.com`,
    };
  }

  static async open(creds: SnowflakeCredentials, ctx: ConnectContext): Promise<SnowflakePool> {
    const pool = new SnowflakePool(await loadSdk(), creds, ctx, Math.max(1, ctx.threads));
    // One session up front: credential, network and grant problems surface at connect time.
    pool.release(await pool.acquire());
    return pool;
  }

  /**
   * One login, bounded by connect_timeout (the SDK's own login retries can take minutes), except
   * for browser-based SSO, where a person is logging in (the SDK wants connectAsync there).
   */
  private async loginOnce(): Promise<SdkConnection> {
    const conn = this.sdk.createConnection(connectionOptions(this.creds, this.ctx));
    const a = this.creds.authenticator;
    if (a === 'externalbrowser' || a.startsWith('https://')) return conn.connectAsync();
    const login = new Promise<SdkConnection>((resolve, reject) => {
      conn.connect((err) => (err ? reject(err) : resolve(conn)));
    });
    const seconds = this.creds.connect_timeout;
    if (seconds <= 0) return login;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new TxError({
        code: TxCodes.ConnectionFailed,
        message: `timed out after ${seconds}s logging in to ${this.target.url}`,
        hint: "check 'account' (and 'host'/'port' if set) and the network; raise 'connect_timeout' for slow links",
      })), seconds * 1000);
    });
    try {
      return await Promise.race([login, timeout]);
    } catch (e) {
      conn.destroy(() => undefined);
      throw e;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Logs in, retrying transient failures `connect_retries` times. */
  private async login(): Promise<SdkConnection> {
    let last: unknown;
    for (let attempt = 0; attempt <= this.creds.connect_retries; attempt++) {
      if (attempt > 0) await sleep(Math.min(1000 * attempt, 5000));
      try {
        return await this.loginOnce();
      } catch (e) {
        last = e;
        if (!isTransientConnectError(e)) break;
      }
    }
    throw connectError(last, this.target);
  }

  /** A new session starts from the profile's state too (schema, warehouse, query tag). */
  protected async open(): Promise<SnowflakeTxConnection> {
    const conn = await this.create();
    await conn.reset();
    return conn;
  }

  private async create(): Promise<SnowflakeTxConnection> {
    const raw = await this.login();
    const defaults = { database: this.creds.database, schema: this.creds.schema, warehouse: this.creds.warehouse, queryTag: this.creds.query_tag };
    const conn = new SnowflakeTxConnection(raw, defaults, false, (c) => this.forget(c));
    try {
      const state = await this.sessionState(conn);
      this.checkSession(state);
      // A schema that does not exist yet leaves the session without one: retried before each node.
      if (state.schema === null) conn.markDirty();
      if (this.creds.query_tag !== null) await conn.execute(`alter session set query_tag = ${literal(this.creds.query_tag)}`);
    } catch (e) {
      await conn.close();
      throw e;
    }
    return conn;
  }

  private async sessionState(conn: SnowflakeTxConnection): Promise<SessionState> {
    const r = await conn.execute('select current_database(), current_schema(), current_warehouse(), current_role()', { fetch: true });
    const [database, schema, warehouse, role] = r.rows[0] ?? [];
    return { database: text(database), schema: text(schema), warehouse: text(warehouse), role: text(role) };
  }

  /** Snowflake logs in even when the database or warehouse cannot be used: say so now. */
  private checkSession(s: SessionState): void {
    const c = this.creds;
    const role = s.role ?? c.role ?? 'the default role';
    const fail = (message: string, hint: string): never => {
      throw new TxError({ code: TxCodes.ConnectionFailed, message, hint });
    };
    if (s.database === null) {
      fail(`database '${c.database}' does not exist or role '${role}' may not use it`,
        `check 'database' in profiles.yml, or GRANT USAGE ON DATABASE ${c.database} TO ROLE ${role}`);
    }
    if (s.warehouse === null) {
      if (c.warehouse === null) fail(`no warehouse is in use: user '${c.user}' has no default warehouse`, "set 'warehouse' in profiles.yml");
      fail(`warehouse '${c.warehouse}' does not exist or role '${role}' may not use it`,
        `check 'warehouse' in profiles.yml, or GRANT USAGE ON WAREHOUSE ${c.warehouse} TO ROLE ${role}`);
    }
  }
}
