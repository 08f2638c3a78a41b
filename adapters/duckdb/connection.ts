/**
 * The DuckDB driver side: one DuckDBInstance per target, up to `threads` connections to it
 * (connections of one instance run queries concurrently). Imported lazily via index.ts.
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import { DuckDBConnection, DuckDBInstance, DuckDBTypeId, type DuckDBResultReader, type DuckDBValue } from '@duckdb/node-api';
import type {
  CatalogRelation, Connection, ConnectionPool, ConnectContext, ExecuteOptions, QueryResult, RelationInfo, RelationRef,
  RelationType, SchemaRef, WarehouseColumn,
} from '../../src/adapter/types.js';
import { groupCatalogRows } from '../../src/adapter/catalog-rows.js';
import { SqlDate, SqlDecimal, SqlTime, SqlTimestamp, timestampWithZone } from '../../src/adapter/sql-values.js';
import { TxCodes, TxError } from '../../src/errors/tx-error.js';
import type { DuckDBCredentials } from './credentials.js';
import { literal } from './dialect.js';
import { catalogSql } from './catalog.js';

/** Keep DuckDB's message and its LINE excerpt; drop suggestions that point into system catalogs. */
export function cleanDuckDBMessage(msg: string): string {
  return msg
    .split('\n')
    .filter((l) => !/^Did you mean "(pg_|information_schema|duckdb_|sqlite_)/.test(l))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Bound parameters as DuckDB values: scalars as they are, anything else as its text. */
function toParam(v: unknown): DuckDBValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return v;
  return String(v);
}

function toJs(v: unknown): unknown {
  if (typeof v === 'bigint' && v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER)) {
    return Number(v);
  }
  if (Array.isArray(v)) return v.map(toJs);
  return v;
}

const T = DuckDBTypeId;
/** Column types whose JS values would lose precision: read from the driver's own values instead. */
const EXACT: Partial<Record<number, (text: string) => unknown>> = {
  [T.DECIMAL]: (t) => new SqlDecimal(t),
  [T.DATE]: (t) => new SqlDate(t),
  [T.TIMESTAMP]: (t) => new SqlTimestamp(t, null),
  [T.TIMESTAMP_S]: (t) => new SqlTimestamp(t, null),
  [T.TIMESTAMP_MS]: (t) => new SqlTimestamp(t, null),
  [T.TIMESTAMP_NS]: (t) => new SqlTimestamp(t.replace(/(\.\d{6})\d+$/, '$1'), null),
  [T.TIMESTAMP_TZ]: timestampWithZone,
  [T.TIME]: (t) => new SqlTime(t),
};

/** Rows with exact decimals, dates and timestamps (ExecuteOptions.exact), and the column types. */
function exactRows(reader: DuckDBResultReader, rows: unknown[][]): { rows: unknown[][]; types: string[] } {
  const types = reader.columnTypes();
  const convert = types.map((t) => EXACT[t.typeId]);
  if (!convert.some(Boolean)) return { rows: rows.map((r) => r.map(toJs)), types: types.map(String) };
  const raw = reader.getRows();
  return {
    rows: rows.map((r, i) => r.map((v, j) => {
      const c = convert[j];
      const x = raw[i]?.[j];
      return c && x !== null && x !== undefined ? c(String(x)) : toJs(v);
    })),
    types: types.map(String),
  };
}

export class DuckDBTxConnection implements Connection {
  /** Serialises execute() calls: one statement batch at a time per DuckDB connection. */
  private tail: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly conn: DuckDBConnection,
    private readonly onClose: (c: DuckDBTxConnection) => void = () => {},
  ) {}

  execute(sql: string, opts: ExecuteOptions = {}): Promise<QueryResult> {
    const run = this.tail.then(() => this.run(sql, opts));
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async run(sql: string, opts: ExecuteOptions): Promise<QueryResult> {
    if (this.closed) throw new TxError({ code: TxCodes.Internal, message: 'duckdb connection is closed' });
    const { signal } = opts;
    if (signal?.aborted) throw cancelled();
    const onAbort = (): void => this.conn.interrupt();
    signal?.addEventListener('abort', onAbort, { once: true });
    const started = Date.now();
    try {
      const reader = opts.params ? await this.conn.runAndReadAll(sql, opts.params.map(toParam)) : await this.conn.runAndReadAll(sql);
      const names = reader.columnNames();
      const rows = reader.getRowsJS() as unknown[][];
      // DDL/DML report their count as a one-row `Count` column; queries report their rows.
      const isCount = names.length === 1 && names[0] === 'Count' && rows.length <= 1;
      const countValue = isCount ? toJs(rows[0]?.[0]) : undefined;
      const rowsAffected =
        typeof countValue === 'number' ? countValue : isCount ? reader.rowsChanged || null : rows.length;
      const fetch = opts.fetch === true;
      const exact = fetch && opts.exact === true ? exactRows(reader, rows) : undefined;
      return {
        columns: fetch ? names : [],
        rows: exact ? exact.rows : fetch ? rows.map((r) => r.map(toJs)) : [],
        ...(exact ? { columnTypes: exact.types } : {}),
        rowsAffected,
        adapterResponse: { _message: 'OK', rows_affected: rowsAffected, elapsed_ms: Date.now() - started },
      };
    } catch (e) {
      if (signal?.aborted) throw cancelled(e);
      const message = e instanceof Error ? e.message : String(e);
      if (/^INTERRUPT Error/.test(message)) throw cancelled(e);
      throw new TxError({ code: TxCodes.DatabaseError, message: cleanDuckDBMessage(message), cause: e });
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  private async query(sql: string): Promise<unknown[][]> {
    return (await this.execute(sql, { fetch: true })).rows;
  }

  async listRelations(ref: SchemaRef): Promise<RelationInfo[]> {
    const db = ref.database === null ? 'current_database()' : `lower(${literal(ref.database)})`;
    const rows = await this.query(
      `select table_catalog, table_schema, table_name, table_type from information_schema.tables
       where lower(table_schema) = lower(${literal(ref.schema)}) and lower(table_catalog) = ${db}
       order by table_name`,
    );
    return rows.map(([database, schema, identifier, kind]) => ({
      database: String(database),
      schema: String(schema),
      identifier: String(identifier),
      type: (kind === 'VIEW' ? 'view' : 'table') satisfies RelationType,
    }));
  }

  async listSchemas(database: string | null): Promise<string[]> {
    const db = database === null ? 'current_database()' : `lower(${literal(database)})`;
    const rows = await this.query(
      `select schema_name from information_schema.schemata where lower(catalog_name) = ${db} order by schema_name`,
    );
    return rows.map((r) => String(r[0]));
  }

  async getColumns(rel: RelationRef): Promise<WarehouseColumn[]> {
    const db = rel.database === null ? 'current_database()' : `lower(${literal(rel.database)})`;
    const rows = await this.query(
      `select column_name, data_type from information_schema.columns
       where lower(table_catalog) = ${db} and lower(table_schema) = lower(${literal(rel.schema)})
         and lower(table_name) = lower(${literal(rel.identifier)})
       order by ordinal_position`,
    );
    return rows.map(([name, dataType]) => ({ name: String(name), dataType: String(dataType) }));
  }

  async describeQuery(sql: string): Promise<WarehouseColumn[]> {
    // DESCRIBE binds the query and reports its columns without computing any rows.
    const body = sql.trim().replace(/;\s*$/, '');
    const rows = await this.query(`describe (${body}\n)`);
    return rows.map(([name, dataType]) => ({ name: String(name), dataType: String(dataType) }));
  }

  async catalog(ref: SchemaRef): Promise<CatalogRelation[]> {
    return groupCatalogRows(await this.query(catalogSql(ref)));
  }

  async cancel(): Promise<void> {
    if (!this.closed) this.conn.interrupt();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.conn.closeSync();
    this.onClose(this);
  }
}

function cancelled(cause?: unknown): TxError {
  return new TxError({ code: TxCodes.Cancelled, message: 'query cancelled', cause });
}

function settingValue(v: string | number | boolean): string {
  return typeof v === 'string' ? literal(v) : String(v);
}

/** LOAD each extension; never INSTALL (that downloads): a missing one is a clear error. */
async function loadExtensions(conn: DuckDBConnection, names: string[]): Promise<void> {
  if (names.length === 0) return;
  const reader = await conn.runAndReadAll('select extension_name, installed, loaded from duckdb_extensions()');
  const known = new Map(reader.getRowsJS().map((r) => [String(r[0]), { installed: r[1] === true, loaded: r[2] === true }]));
  for (const name of names) {
    const info = known.get(name);
    if (info?.loaded) continue;
    if (!info?.installed) {
      throw new TxError({
        code: TxCodes.ConnectionFailed,
        message: `duckdb extension '${name}' is not installed, and tx never downloads extensions`,
        hint: `install it once yourself (duckdb -c "INSTALL ${name}"), or remove it from the profile's extensions`,
      });
    }
    await conn.run(`LOAD ${name}`);
  }
}

export class DuckDBPool implements ConnectionPool {
  private readonly idle: DuckDBTxConnection[] = [];
  private readonly all = new Set<DuckDBTxConnection>();
  private readonly waiters: ((c: DuckDBTxConnection) => void)[] = [];
  private creating = 0;
  private closed = false;
  private extensionsLoaded = false;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly creds: DuckDBCredentials,
    private readonly max: number,
  ) {}

  static async open(creds: DuckDBCredentials, ctx: ConnectContext): Promise<DuckDBPool> {
    const path = creds.path === ':memory:' || creds.path.startsWith(':memory:') || isAbsolute(creds.path) || creds.path.startsWith('md:')
      ? creds.path
      : resolve(ctx.projectDir, creds.path);
    let instance: DuckDBInstance;
    try {
      // dbt-duckdb creates the file's folder (target/ may not exist yet on a fresh checkout).
      if (!path.startsWith(':memory:') && !path.startsWith('md:')) mkdirSync(dirname(path), { recursive: true });
      // Never fetch extensions behind the user's back; a profile setting may turn it back on.
      instance = await DuckDBInstance.create(path, { autoinstall_known_extensions: 'false' });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      throw new TxError({ code: TxCodes.ConnectionFailed, message: `cannot open duckdb database '${path}': ${cleanDuckDBMessage(message)}`, cause: e });
    }
    const pool = new DuckDBPool(instance, creds, Math.max(1, ctx.threads));
    try {
      // Opening one connection up front surfaces extension/setting errors at connect time.
      pool.release(await pool.acquire());
    } catch (e) {
      await pool.close();
      throw e;
    }
    return pool;
  }

  private async create(): Promise<DuckDBTxConnection> {
    const raw = await this.instance.connect();
    try {
      if (!this.extensionsLoaded) {
        await loadExtensions(raw, this.creds.extensions);
        this.extensionsLoaded = true;
      }
      for (const [k, v] of Object.entries(this.creds.settings)) await raw.run(`SET ${k} = ${settingValue(v)}`);
    } catch (e) {
      raw.closeSync();
      if (e instanceof TxError) throw e;
      const message = e instanceof Error ? e.message : String(e);
      throw new TxError({ code: TxCodes.ConnectionFailed, message: cleanDuckDBMessage(message), cause: e });
    }
    const conn = new DuckDBTxConnection(raw, (c) => this.forget(c));
    this.all.add(conn);
    return conn;
  }

  private forget(c: DuckDBTxConnection): void {
    this.all.delete(c);
    const i = this.idle.indexOf(c);
    if (i >= 0) this.idle.splice(i, 1);
  }

  async acquire(): Promise<Connection> {
    if (this.closed) throw new TxError({ code: TxCodes.Internal, message: 'duckdb pool is closed' });
    const free = this.idle.pop();
    if (free) return free;
    if (this.all.size + this.creating < this.max) {
      this.creating++;
      try {
        return await this.create();
      } finally {
        this.creating--;
      }
    }
    return new Promise((res) => this.waiters.push(res));
  }

  release(conn: Connection): void {
    if (!(conn instanceof DuckDBTxConnection) || !this.all.has(conn)) return;
    const waiter = this.waiters.shift();
    if (waiter) waiter(conn);
    else this.idle.push(conn);
  }

  async cancelAll(): Promise<void> {
    for (const c of this.all) await c.cancel();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const c of [...this.all]) await c.close();
    // Closing the instance releases the file lock so the next process can open the database.
    this.instance.closeSync();
  }
}
