/**
 * A local fake of the Snowflake service, for tests that drive the real snowflake-sdk end to end.
 * It speaks the HTTP API subset the SDK uses: login (session/v1/login-request), query
 * submission (queries/v1/query-request), result polling (queries/{id}/result), monitoring,
 * chunked results (/chunks/, standing in for the cloud-storage URLs), cancel (abort-request),
 * heartbeat, telemetry and logout, and runs the SQL on an in-memory DuckDB (one attached
 * database per Snowflake database, one DuckDB connection per session).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { DuckDBInstance } from '@duckdb/node-api';
import { checkLogin, type FakeAccountConfig } from './auth.js';
import { QueryRegistry, type QueryRecord } from './queries.js';
import { FakeSession, type SessionHost } from './session.js';
import type { DynamicInfo } from './translate.js';

export interface FakeSnowflakeOptions extends Partial<FakeAccountConfig> {
  /** How long a query-request waits for the query before answering "still running" (the SDK then polls). */
  inlineWaitMs?: number;
  /** Rows returned inline; the rest is served as chunks of chunkRows. */
  rowsetLimit?: number;
  chunkRows?: number;
}

export const DEFAULT_ACCOUNT: FakeAccountConfig = {
  account: 'fake_account',
  users: [{ name: 'TX_USER', password: 'tx-password', roles: ['TRANSFORMER', 'PUBLIC'], defaultRole: 'TRANSFORMER' }],
  roles: { TRANSFORMER: { warehouses: ['TRANSFORMING'], databases: ['ANALYTICS', 'RAW'] }, PUBLIC: { warehouses: [], databases: [] } },
  warehouses: ['TRANSFORMING'],
  databases: ['ANALYTICS', 'RAW'],
};

type Json = Record<string, unknown>;

function send(res: ServerResponse, status: number, body: Json | string): void {
  res.statusCode = status;
  res.setHeader('content-type', typeof body === 'string' ? 'text/plain' : 'application/json');
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<Json> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return text === '' ? {} : (JSON.parse(text) as Json);
}

/** The SDK's bindings map ({"1": {type, value}}) as DuckDB parameters. */
function binds(b: unknown): unknown[] {
  if (b === null || typeof b !== 'object') return [];
  return Object.entries(b as Record<string, { type?: string; value?: unknown }>)
    .sort(([a], [c]) => Number(a) - Number(c))
    .map(([, { type, value }]) => {
      if (value === null || value === undefined) return null;
      if (type === 'FIXED' || type === 'REAL') return Number(value);
      if (type === 'BOOLEAN') return value === true || value === 'true' || value === '1';
      return String(value);
    });
}

export class FakeSnowflake {
  readonly queries = new QueryRegistry();
  readonly meta = { transient: new Set<string>(), secure: new Set<string>(), dynamic: new Map<string, DynamicInfo>() };
  /** Paths of every request, in order. */
  readonly requests: string[] = [];
  /** HTTP statuses to answer the next login requests with (e.g. 503 twice, to exercise retries). */
  readonly failLogins: number[] = [];
  private readonly sessions = new Map<string, FakeSession>();
  private server: Server | undefined;
  readonly config: FakeAccountConfig;

  private constructor(
    private readonly duck: DuckDBInstance,
    readonly options: FakeSnowflakeOptions,
  ) {
    this.config = { ...DEFAULT_ACCOUNT, ...options };
  }

  static async start(options: FakeSnowflakeOptions = {}): Promise<FakeSnowflake> {
    const fake = new FakeSnowflake(await DuckDBInstance.create(':memory:'), options);
    const setup = await fake.duck.connect();
    for (const db of fake.config.databases) {
      await setup.run(`ATTACH ':memory:' AS "${db}"`);
      await setup.run(`CREATE SCHEMA "${db}"."PUBLIC"`);
    }
    setup.closeSync();
    fake.server = createServer((req, res) => void fake.handle(req, res).catch((e: unknown) => send(res, 500, String(e))));
    await new Promise<void>((r) => fake.server!.listen(0, '127.0.0.1', r));
    return fake;
  }

  get port(): number {
    const a = this.server?.address();
    return typeof a === 'object' && a !== null ? a.port : 0;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Runs SQL as the fake's administrator (outside any session): test setup and checks. */
  async admin(sql: string): Promise<Record<string, unknown>[]> {
    const conn = await this.duck.connect();
    try {
      return (await conn.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
    } finally {
      conn.closeSync();
    }
  }

  private host(): SessionHost {
    return { config: this.config, meta: this.meta, cancelQuery: (id) => this.queries.cancel(this.queries.get(id)) };
  }

  private session(req: IncomingMessage): FakeSession | undefined {
    const token = /Token="([^"]*)"/.exec(req.headers.authorization ?? '')?.[1];
    return token === undefined ? undefined : this.sessions.get(token);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    this.requests.push(`${req.method} ${url.pathname}`);
    const body = req.method === 'POST' ? await readBody(req) : {};
    const path = url.pathname;
    if (path === '/session/v1/login-request') return this.login(body, url.searchParams, res);
    if (path === '/telemetry/send' || path === '/session/heartbeat' || path === '/session/token-request') return send(res, 200, { success: true, data: {} });
    let m: RegExpExecArray | null;
    // Chunk URLs stand in for presigned cloud-storage URLs: no session token is sent.
    if ((m = /^\/chunks\/([^/]+)\/(\d+)$/.exec(path))) {
      const chunk = this.queries.get(m[1]!)?.chunks[Number(m[2])];
      return chunk === undefined ? send(res, 404, 'no such chunk') : send(res, 200, chunk);
    }
    const session = this.session(req);
    if (!session) return send(res, 200, { success: false, code: '390104', message: 'User must login again to access the service.', data: null });
    if (path === '/session' && url.searchParams.get('delete') === 'true') {
      for (const [k, s] of this.sessions) if (s === session) this.sessions.delete(k);
      session.close();
      return send(res, 200, { success: true, data: null });
    }
    if (path === '/queries/v1/query-request') {
      const rec = this.queries.start(session, {
        requestId: url.searchParams.get('requestId') ?? randomUUID(),
        sql: String(body['sqlText'] ?? ''),
        binds: binds(body['bindings']),
        describeOnly: body['describeOnly'] === true,
      });
      await this.queries.settle(rec, this.options.inlineWaitMs ?? 100);
      return this.answer(rec, res);
    }
    if ((m = /^\/queries\/([^/]+)\/result$/.exec(path))) {
      const rec = this.queries.get(m[1]!);
      if (!rec) return send(res, 200, { success: false, code: '000709', message: `Statement ${m[1]} not found`, data: null });
      await this.queries.settle(rec, 50);
      return this.answer(rec, res);
    }
    if (path === '/queries/v1/abort-request' || (m = /^\/queries\/([^/]+)\/abort-request$/.exec(path))) {
      const rec = m ? this.queries.get(m[1]!) : this.queries.byRequestId(String(body['requestId'] ?? ''));
      this.queries.cancel(rec);
      return send(res, 200, { success: true, data: null });
    }
    if ((m = /^\/monitoring\/queries\/([^/]+)$/.exec(path))) {
      const rec = this.queries.get(m[1]!);
      const status = rec === undefined ? 'NO_DATA' : { running: 'RUNNING', success: 'SUCCESS', failed: 'FAILED_WITH_ERROR', cancelled: 'ABORTED' }[rec.status];
      return send(res, 200, { success: true, data: { queries: rec ? [{ id: rec.id, status }] : [] } });
    }
    send(res, 404, `fake snowflake: no route for ${req.method} ${path}`);
  }

  private answer(rec: QueryRecord, res: ServerResponse): void {
    send(res, 200, this.queries.body(rec, this.url, { rowsetLimit: this.options.rowsetLimit ?? 1000, chunkRows: this.options.chunkRows ?? 1000 }));
  }

  private async login(body: Json, query: URLSearchParams, res: ServerResponse): Promise<void> {
    const failure = this.failLogins.shift();
    if (failure !== undefined) return send(res, failure, 'Service Unavailable');
    const out = checkLogin(this.config, { body, query });
    if (!out.ok) {
      if (out.httpStatus) return send(res, out.httpStatus, out.message);
      return send(res, 200, { success: false, code: out.code, message: out.message, data: { nextAction: 'RETRY_LOGIN' } });
    }
    const session = await FakeSession.open(this.host(), await this.duck.connect(), out.user, out);
    // Session parameters the client set at login come back with every result, as Snowflake does.
    const asked = ((body['data'] as Json | undefined)?.['SESSION_PARAMETERS'] ?? {}) as Json;
    session.parameters = { TIMEZONE: 'UTC', ...asked };
    const token = `fake-session-${randomUUID()}`;
    this.sessions.set(token, session);
    send(res, 200, {
      success: true,
      code: null,
      message: null,
      data: {
        token,
        masterToken: `fake-master-${randomUUID()}`,
        validityInSeconds: 3600,
        masterValidityInSeconds: 14400,
        sessionId: this.sessions.size,
        parameters: Object.entries(session.parameters).map(([name, value]) => ({ name, value })),
        sessionInfo: { databaseName: session.database, schemaName: session.schema, warehouseName: session.warehouse, roleName: session.role },
      },
    });
  }

  /** Sessions still logged in (a pool that closes cleanly leaves none). */
  get openSessions(): number {
    return this.sessions.size;
  }

  async stop(): Promise<void> {
    for (const s of this.sessions.values()) s.close();
    this.sessions.clear();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
    this.duck.closeSync();
  }
}
