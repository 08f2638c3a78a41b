/**
 * One Postgres session (a pg.Client) as a tx Connection. Loaded only through the pool, which
 * index.ts imports lazily, so `tx compile` never loads the driver. Statements on one
 * connection run one at a time, so a cancel request always hits the statement it was meant for.
 */
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type {
  CatalogRelation, Connection, CsvLoad, ExecuteOptions, QueryResult, RelationInfo, RelationRef, SchemaRef, WarehouseColumn,
} from '../../src/adapter/types.js';
import { TxCodes, TxError } from '../../src/errors/tx-error.js';
import { COLUMNS_SQL, LIST_RELATIONS_SQL, LIST_SCHEMAS_SQL, TYPE_NAMES_SQL, describeSql, relationType } from './catalog.js';
import { CsvCopyInput } from './csv-stream.js';
import { CATALOG_SQL } from './relation-catalog.js';
import { groupCatalogRows } from '../../src/adapter/catalog-rows.js';
import { literal, quoteIdent } from './dialect.js';
import { cancelledError, isCancelError, queryError } from './errors.js';
import { typeNameOf } from './values.js';

/** What the connection needs from its pool: how to open the side connection a cancel uses. */
export interface SessionInfo {
  /** Backend process id, for pg_cancel_backend. */
  pid: number;
  database: string;
  openSideClient(): Promise<pg.Client>;
  /** Per-query type parsers for ExecuteOptions.exact (see values.ts). */
  exactTypes: { getTypeParser: (oid: number, format?: 'text' | 'binary') => unknown };
}

type PgResult = pg.QueryArrayResult<unknown[]>;

function renderTable(r: RelationRef): string {
  return [r.database, r.schema, r.identifier].filter((p): p is string => p !== null && p !== '').map(quoteIdent).join('.');
}

/** dbt-postgres' adapter_response: the command tag, e.g. {_message: 'INSERT 0 5', code: 'INSERT', rows_affected: 5}. */
function response(command: string, rows: number | null, started: number): Record<string, unknown> {
  const tag = rows === null ? command : command === 'INSERT' ? `INSERT 0 ${rows}` : `${command} ${rows}`;
  return { _message: tag, code: command, rows_affected: rows ?? -1, elapsed_ms: Date.now() - started };
}

export class PostgresTxConnection implements Connection {
  private tail: Promise<unknown> = Promise.resolve();
  private running = false;
  private closed = false;
  private broken: Error | null = null;
  /** format_type() names by `${oid}:${typmod}`, for describeQuery. */
  private readonly typeNames = new Map<string, string>();

  constructor(
    private readonly client: pg.Client,
    private readonly session: SessionInfo,
    private readonly onClose: (c: PostgresTxConnection) => void = () => {},
  ) {
    // An idle client whose server goes away emits 'error'; unhandled, it would crash the process.
    client.on('error', (e) => {
      this.broken = e;
    });
  }

  get database(): string {
    return this.session.database;
  }

  /** Serialises work on this session (pg would queue it too, but then cancel could hit the wrong statement). */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work);
    this.tail = run.catch(() => undefined);
    return run;
  }

  private check(signal: AbortSignal | undefined): void {
    if (this.closed) throw new TxError({ code: TxCodes.Internal, message: 'postgres connection is closed' });
    if (this.broken) {
      throw new TxError({ code: TxCodes.ConnectionFailed, message: `the Postgres connection was lost: ${this.broken.message}`, cause: this.broken });
    }
    if (signal?.aborted) throw cancelledError();
  }

  /** Runs `work` with this session marked busy and the signal wired to a server-side cancel. */
  private async guarded<T>(sql: string, signal: AbortSignal | undefined, work: () => Promise<T>): Promise<T> {
    this.check(signal);
    const onAbort = (): void => void this.cancel();
    signal?.addEventListener('abort', onAbort, { once: true });
    this.running = true;
    try {
      return await work();
    } catch (e) {
      if (e instanceof TxError) throw e;
      if (signal?.aborted || isCancelError(e)) throw cancelledError(e);
      throw queryError(e, sql);
    } finally {
      this.running = false;
      signal?.removeEventListener('abort', onAbort);
    }
  }

  execute(sql: string, opts: ExecuteOptions = {}): Promise<QueryResult> {
    return this.serial(() => this.run(sql, opts));
  }

  private async run(sql: string, opts: ExecuteOptions): Promise<QueryResult> {
    const started = Date.now();
    const raw = await this.guarded(sql, opts.signal, () =>
      this.client.query<unknown[]>({
        text: sql, values: opts.params ? [...opts.params] : undefined, rowMode: 'array',
        ...(opts.exact ? { types: this.session.exactTypes as pg.CustomTypesConfig } : {}),
      }),
    );
    // A multi-statement string (simple protocol) yields one result per statement; the last one speaks.
    const all: PgResult[] = Array.isArray(raw) ? (raw as PgResult[]) : [raw];
    const last = all[all.length - 1];
    const command = last?.command ?? 'OK';
    const rowsAffected = last?.rowCount ?? null;
    const fetch = opts.fetch === true;
    return {
      columns: fetch && last ? last.fields.map((f) => f.name) : [],
      rows: fetch && last ? last.rows : [],
      ...(fetch && opts.exact && last ? { columnTypes: last.fields.map((f) => typeNameOf(f.dataTypeID)) } : {}),
      rowsAffected,
      adapterResponse: response(command, rowsAffected, started),
    };
  }

  private async query(sql: string, params: unknown[] = []): Promise<unknown[][]> {
    return (await this.execute(sql, { fetch: true, params })).rows;
  }

  private checkDatabase(database: string | null): void {
    if (database !== null && database.toLowerCase() !== this.database.toLowerCase()) {
      throw new TxError({
        code: TxCodes.DatabaseError,
        message: `cross-database reference to '${database}': this connection is to database '${this.database}'`,
        hint: 'Postgres cannot query another database over one connection; use the target database',
      });
    }
  }

  async listRelations(ref: SchemaRef): Promise<RelationInfo[]> {
    this.checkDatabase(ref.database);
    let rows = await this.query(LIST_RELATIONS_SQL, [ref.schema]);
    // An unquoted mixed-case name was folded to lower case when it was created.
    if (rows.length === 0 && ref.schema !== ref.schema.toLowerCase()) rows = await this.query(LIST_RELATIONS_SQL, [ref.schema.toLowerCase()]);
    return rows.map(([database, schema, identifier, kind]) => ({
      database: String(database),
      schema: String(schema),
      identifier: String(identifier),
      type: relationType(kind),
    }));
  }

  async listSchemas(database: string | null): Promise<string[]> {
    this.checkDatabase(database);
    return (await this.query(LIST_SCHEMAS_SQL)).map((r) => String(r[0]));
  }

  async getColumns(rel: RelationRef): Promise<WarehouseColumn[]> {
    this.checkDatabase(rel.database);
    let rows = await this.query(COLUMNS_SQL, [rel.schema, rel.identifier]);
    if (rows.length === 0 && (rel.schema !== rel.schema.toLowerCase() || rel.identifier !== rel.identifier.toLowerCase())) {
      rows = await this.query(COLUMNS_SQL, [rel.schema.toLowerCase(), rel.identifier.toLowerCase()]);
    }
    return rows.map(([name, dataType]) => ({ name: String(name), dataType: String(dataType) }));
  }

  async catalog(ref: SchemaRef): Promise<CatalogRelation[]> {
    this.checkDatabase(ref.database);
    let rows = await this.query(CATALOG_SQL, [ref.schema]);
    if (rows.length === 0 && ref.schema !== ref.schema.toLowerCase()) rows = await this.query(CATALOG_SQL, [ref.schema.toLowerCase()]);
    return groupCatalogRows(rows);
  }

  describeQuery(sql: string): Promise<WarehouseColumn[]> {
    return this.serial(async () => {
      const text = describeSql(sql);
      const res = await this.guarded(text, undefined, () => this.client.query<unknown[]>({ text, rowMode: 'array' }));
      const key = (f: pg.FieldDef): string => `${f.dataTypeID}:${f.dataTypeModifier}`;
      const missing = [...new Map(res.fields.filter((f) => !this.typeNames.has(key(f))).map((f) => [key(f), f])).values()];
      if (missing.length > 0) {
        const names = await this.guarded(TYPE_NAMES_SQL, undefined, () =>
          this.client.query<unknown[]>({
            text: TYPE_NAMES_SQL,
            values: [missing.map((f) => f.dataTypeID), missing.map((f) => f.dataTypeModifier)],
            rowMode: 'array',
          }),
        );
        missing.forEach((f, i) => this.typeNames.set(key(f), String(names.rows[i]?.[0] ?? 'unknown')));
      }
      return res.fields.map((f) => ({ name: f.name, dataType: this.typeNames.get(key(f)) ?? 'unknown' }));
    });
  }

  /** COPY … FROM STDIN with the file streamed from disk: no row ever becomes SQL text. */
  loadCsv(load: CsvLoad, opts: ExecuteOptions = {}): Promise<QueryResult> {
    return this.serial(async () => {
      const started = Date.now();
      const columns = load.columns.map(quoteIdent).join(', ');
      const sql = `COPY ${renderTable(load.relation)} (${columns}) FROM STDIN WITH (FORMAT csv, HEADER true, `
        + `DELIMITER ${literal(load.delimiter)}, QUOTE '"', ESCAPE '"', ENCODING 'UTF8')`;
      const rows = await this.guarded(sql, opts.signal, async () => {
        const copy = this.client.query(copyFrom(sql));
        await pipeline(createReadStream(load.path), new CsvCopyInput(), copy);
        return copy.rowCount;
      });
      return { columns: [], rows: [], rowsAffected: rows, adapterResponse: response('COPY', rows, started) };
    });
  }

  /** Asks the server to cancel the running statement, over a second connection (pg_cancel_backend). */
  async cancel(): Promise<void> {
    if (!this.running || this.closed) return;
    let side: pg.Client | undefined;
    try {
      side = await this.session.openSideClient();
      await side.query('select pg_cancel_backend($1)', [this.session.pid]);
    } catch {
      // Best effort: the statement may have finished, or the server be unreachable.
    } finally {
      await side?.end().catch(() => undefined);
    }
  }

  /** Leaves no transaction open (a cancelled rollback could): the next user starts clean. */
  async reset(): Promise<void> {
    const status = this.client.getTransactionStatus();
    if (status === 'T' || status === 'E') await this.execute('rollback').catch(() => undefined);
  }

  get usable(): boolean {
    return !this.closed && this.broken === null;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.client.end().catch(() => undefined);
    this.onClose(this);
  }
}
