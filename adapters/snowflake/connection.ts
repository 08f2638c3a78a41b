/**
 * One Snowflake session (an SDK Connection) as a tx Connection. Loaded only through the pool,
 * which index.ts imports lazily, so `tx compile` never loads the SDK. Statements on one session
 * run one at a time (so a cancel always hits the statement it was meant for); a script is
 * split into statements, and the last one answers (rows, query id).
 */
import type {
  CatalogRelation, Connection, ExecuteOptions, QueryResult, RelationInfo, RelationRef, SchemaRef, WarehouseColumn,
} from '../../src/adapter/types.js';
import { groupCatalogRows } from '../../src/adapter/catalog-rows.js';
import { TxCodes, TxError } from '../../src/errors/tx-error.js';
import { bareIdent, literal } from './dialect.js';
import { catalogSql, columnType, columnsSql, listRelationsSql, listSchemasSql, relationType, rowtypeType } from './catalog.js';
import { cancelledError, isCancelError, queryError } from './errors.js';
import type { SdkConnection, SdkStatement } from './sdk.js';
import { splitStatements } from './split.js';
import { toBind, toJs } from './values.js';

/** What the session is reset to before each node: the profile's defaults. */
export interface SessionDefaults {
  database: string;
  schema: string;
  warehouse: string | null;
  queryTag: string | null;
}

interface Outcome {
  stmt: SdkStatement;
  rows: unknown[][];
}

/** Statements that change session state a later node must not inherit. */
const SESSION_CHANGE = /^(use\s|alter\s+session\s|create\s+(or\s+replace\s+)?(transient\s+)?schema\s)/i;

function emptyResult(): QueryResult {
  return { columns: [], rows: [], rowsAffected: null, adapterResponse: { _message: 'SUCCESS 0', code: 'SUCCESS', rows_affected: 0 } };
}

export class SnowflakeTxConnection implements Connection {
  private tail: Promise<unknown> = Promise.resolve();
  private current: SdkStatement | null = null;
  private closed = false;
  constructor(
    private readonly conn: SdkConnection,
    private readonly defaults: SessionDefaults,
    /** A statement changed the warehouse, schema or query tag (or login found no schema): restore the defaults before the next node. */
    private dirty: boolean,
    private readonly onClose: (c: SnowflakeTxConnection) => void = () => {},
  ) {}

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work);
    this.tail = run.catch(() => undefined);
    return run;
  }

  execute(sql: string, opts: ExecuteOptions = {}): Promise<QueryResult> {
    return this.serial(() => this.runScript(sql, opts));
  }

  private async runScript(sql: string, opts: ExecuteOptions): Promise<QueryResult> {
    // Bound parameters belong to exactly one statement: never split those.
    const statements = opts.params ? [sql] : splitStatements(sql);
    let result = emptyResult();
    for (let i = 0; i < statements.length; i++) {
      const text = statements[i] ?? '';
      if (SESSION_CHANGE.test(text)) this.dirty = true;
      const started = Date.now();
      const out = await this.runOne(text, opts.params, opts.signal);
      result = this.toResult(out, opts.fetch === true && i === statements.length - 1, started);
    }
    return result;
  }

  private toResult(out: Outcome, fetch: boolean, started: number): QueryResult {
    const updated = out.stmt.getNumUpdatedRows();
    const columns = (out.stmt.getColumns() ?? []).map((c) => c.getName());
    // DDL answers with one `status` row ("Table X successfully created."): no rows were affected.
    const status = columns.length === 1 && columns[0] === 'status' && out.rows.length === 1;
    const rowsAffected = status ? null : typeof updated === 'number' && updated >= 0 ? updated : out.stmt.getNumRows();
    return {
      columns: fetch ? columns : [],
      rows: fetch ? out.rows.map((r) => r.map(toJs)) : [],
      rowsAffected,
      // dbt-snowflake's SnowflakeAdapterResponse.
      adapterResponse: {
        _message: `SUCCESS ${rowsAffected ?? 1}`,
        code: 'SUCCESS',
        rows_affected: rowsAffected ?? 1,
        query_id: out.stmt.getQueryId(),
        elapsed_ms: Date.now() - started,
      },
    };
  }

  /** One statement through the SDK; the abort signal cancels it on the server. */
  private runOne(sql: string, params: readonly unknown[] | undefined, signal: AbortSignal | undefined, describeOnly = false): Promise<Outcome> {
    if (this.closed) return Promise.reject(new TxError({ code: TxCodes.Internal, message: 'snowflake connection is closed' }));
    if (signal?.aborted) return Promise.reject(cancelledError());
    return new Promise<Outcome>((resolve, reject) => {
      const onAbort = (): void => void this.cancel();
      signal?.addEventListener('abort', onAbort, { once: true });
      const done = (e: unknown, out?: Outcome): void => {
        this.current = null;
        signal?.removeEventListener('abort', onAbort);
        if (!e && out) resolve(out);
        else if (signal?.aborted || isCancelError(e)) reject(cancelledError(e));
        else reject(queryError(e, sql));
      };
      try {
        this.current = this.conn.execute({
          sqlText: sql,
          rowMode: 'array',
          ...(params ? { binds: params.map(toBind) } : {}),
          ...(describeOnly ? { describeOnly: true } : {}),
          complete: (err, stmt, rows) => done(err, { stmt, rows: (rows ?? []) as unknown[][] }),
        });
      } catch (e) {
        done(e);
      }
    });
  }

  private async query(sql: string, params: unknown[]): Promise<unknown[][]> {
    return (await this.execute(sql, { fetch: true, params })).rows;
  }

  async listRelations(ref: SchemaRef): Promise<RelationInfo[]> {
    const rows = await this.query(listRelationsSql(ref.database), [ref.schema]);
    return rows.map(([database, schema, identifier, kind]) => ({
      database: String(database),
      schema: String(schema),
      identifier: String(identifier),
      type: relationType(kind),
    }));
  }

  async listSchemas(database: string | null): Promise<string[]> {
    return (await this.query(listSchemasSql(database), [])).map((r) => String(r[0]));
  }

  async getColumns(rel: RelationRef): Promise<WarehouseColumn[]> {
    const rows = await this.query(columnsSql(rel.database), [rel.schema, rel.identifier]);
    return rows.map(([name, type, length, precision, scale]) => ({ name: String(name), dataType: columnType(type, length, precision, scale) }));
  }

  async catalog(ref: SchemaRef): Promise<CatalogRelation[]> {
    return groupCatalogRows(await this.query(catalogSql(ref.database), [ref.schema]));
  }

  /** Snowflake compiles a describe-only statement and returns its row type without running it. */
  describeQuery(sql: string): Promise<WarehouseColumn[]> {
    return this.serial(async () => {
      const body = sql.trim().replace(/;\s*$/, '');
      const out = await this.runOne(body, undefined, undefined, true);
      return (out.stmt.getColumns() ?? []).map((c) => ({
        name: c.getName(),
        dataType: rowtypeType(c.getType(), c.getPrecision() ?? null, c.getScale() ?? null, null),
      }));
    });
  }

  /** The SDK's cancel (abort-request); SYSTEM$CANCEL_QUERY by query id when that fails. */
  async cancel(): Promise<void> {
    const stmt = this.current;
    if (!stmt || this.closed) return;
    const viaSdk = await new Promise<boolean>((resolve) => stmt.cancel((err) => resolve(!err)));
    const id = stmt.getQueryId();
    if (viaSdk || !id) return;
    await new Promise<void>((resolve) => {
      this.conn.execute({ sqlText: 'select system$cancel_query(?)', binds: [id], complete: () => resolve() });
    });
  }

  /**
   * Before a node runs: the profile's schema, warehouse and query tag, whatever the previous
   * node switched to (snowflake_warehouse, query_tag, a CREATE SCHEMA). A session needs a current
   * schema for tx's unqualified temporary tables (seed staging): while the profile's schema does
   * not exist yet, the database's PUBLIC schema stands in, and the switch is tried again next time.
   */
  async reset(): Promise<void> {
    if (!this.dirty) return;
    const d = this.defaults;
    const use = (sql: string): Promise<boolean> => this.execute(sql).then(() => true, () => false);
    const db = bareIdent(d.database);
    const schemaOk = await use(`use schema ${db}.${bareIdent(d.schema)}`);
    if (!schemaOk) await use(`use schema ${db}.public`);
    const warehouseOk = d.warehouse === null || (await use(`use warehouse ${bareIdent(d.warehouse)}`));
    const tagOk = await use(d.queryTag === null ? 'alter session unset query_tag' : `alter session set query_tag = ${literal(d.queryTag)}`);
    this.dirty = !(schemaOk && warehouseOk && tagOk);
  }

  markDirty(): void {
    this.dirty = true;
  }

  get usable(): boolean {
    return !this.closed && this.conn.isUp();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await new Promise<void>((resolve) => this.conn.destroy(() => resolve()));
    this.onClose(this);
  }
}

