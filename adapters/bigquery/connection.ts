/**
 * One BigQuery "connection": a job runner plus, once a statement creates a temporary table, a
 * BigQuery session (temporary tables live only in a session or script; seeds stage their rows
 * and incremental models their new rows in one). Statements run one at a time. BigQuery cannot
 * hold DDL in a transaction, so begin/commit/rollback are no-ops, as in dbt-bigquery.
 */
import type {
  CatalogRelation, Connection, ExecuteOptions, QueryResult, RelationInfo, RelationRef, SchemaRef, WarehouseColumn,
} from '../../src/adapter/types.js';
import { TxCodes, TxError } from '../../src/errors/tx-error.js';
import type { JobOutcome, JobRunner } from './jobs.js';
import type { Metadata } from './metadata.js';
import { queryError } from './errors.js';
import { adapterResponse, numberOf } from './response.js';
import { fieldTypeName } from './values.js';

const TRANSACTION_CONTROL = /^\s*(begin(\s+transaction)?|start\s+transaction|commit(\s+transaction)?|rollback(\s+transaction)?)\s*;?\s*$/i;
const CREATES_TEMP_TABLE = /\bcreate\s+(or\s+replace\s+)?temp(orary)?\s+table\b/i;
/** `create or replace table <name>` at the start of a statement (after comments and a sql_header). */
const REPLACES_TABLE = /^(?:\s|--[^\n]*\n)*create\s+or\s+replace\s+table\s+((?:`(?:[^`\\]|\\.)+`|[\w-]+)(?:\.(?:`(?:[^`\\]|\\.)+`|[\w-]+))*)/i;
const NOT_REPLACEABLE = /Cannot replace a table with a different (partitioning|clustering) spec/i;

/**
 * The table a statement replaces, when BigQuery refused to because its partitioning or
 * clustering changed: dbt-bigquery drops such a table first (is_replaceable); so does tx.
 */
export function unreplaceableTable(sql: string, e: unknown): string | null {
  if (!NOT_REPLACEABLE.test(e instanceof Error ? e.message : String(e))) return null;
  return REPLACES_TABLE.exec(sql)?.[1] ?? null;
}

/** Statements that make a session necessary: a temporary table outlives its statement only there. */
export function needsSession(sql: string): boolean {
  return CREATES_TEMP_TABLE.test(sql);
}

export function isTransactionControl(sql: string): boolean {
  return TRANSACTION_CONTROL.test(sql);
}

/** The query as a dry run takes it: its schema is the query's columns, nothing computed or billed. */
function describeSql(sql: string): string {
  return sql.trim().replace(/;\s*$/, '');
}

export class BigQueryTxConnection implements Connection {
  private tail: Promise<unknown> = Promise.resolve();
  private closed = false;
  private sessionId: string | null = null;

  constructor(
    private readonly runner: JobRunner,
    private readonly metadata: Metadata,
    private readonly onClose: (c: BigQueryTxConnection) => void = () => {},
  ) {}

  /** The BigQuery session this connection's statements run in, once one was needed. */
  get session(): string | null {
    return this.sessionId;
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(() => {
      if (this.closed) throw new TxError({ code: TxCodes.Internal, message: 'bigquery connection is closed' });
      return work();
    });
    this.tail = run.catch(() => undefined);
    return run;
  }

  execute(sql: string, opts: ExecuteOptions = {}): Promise<QueryResult> {
    if (isTransactionControl(sql)) {
      return Promise.resolve({ columns: [], rows: [], rowsAffected: null, adapterResponse: { _message: 'OK', code: 'OK', rows_affected: -1 } });
    }
    return this.serial(() => this.run(sql, opts));
  }

  private async run(sql: string, opts: ExecuteOptions): Promise<QueryResult> {
    const createSession = this.sessionId === null && needsSession(sql);
    const job = (): Promise<JobOutcome> => this.runner.run({
      sql,
      params: opts.params,
      fetch: opts.fetch === true,
      signal: opts.signal,
      createSession,
      sessionId: this.sessionId,
    });
    let out: JobOutcome;
    try {
      out = await job().catch(async (e: unknown) => {
        const table = unreplaceableTable(sql, e);
        if (table === null) throw e;
        await this.runner.run({ sql: `drop table if exists ${table}`, signal: opts.signal, sessionId: this.sessionId });
        return job();
      });
    } catch (e) {
      // A failed node leaves no temporary table behind for the next one on this connection.
      await this.endSession();
      throw queryError(e);
    }
    if (createSession) this.sessionId = out.metadata.statistics?.sessionInfo?.sessionId ?? null;
    const rows = await this.rowCount(out, opts.fetch === true);
    return {
      columns: opts.fetch === true ? out.fields.map((f) => f.name) : [],
      rows: opts.fetch === true ? out.rows : [],
      rowsAffected: rows,
      adapterResponse: adapterResponse(out.metadata, rows),
    };
  }

  /** DML: affected rows; SELECT: rows returned; CREATE TABLE: the new table's rows (one tables.get, as dbt-bigquery). */
  private async rowCount(out: JobOutcome, fetched: boolean): Promise<number | null> {
    const q = out.metadata.statistics?.query;
    const dml = numberOf(q?.numDmlAffectedRows);
    if (dml !== null) return dml;
    if (q?.statementType === 'SELECT') return fetched ? out.rows.length : null;
    const target = q?.ddlTargetTable;
    if (q?.statementType === 'CREATE_TABLE_AS_SELECT' && target?.datasetId && target.tableId && !target.datasetId.startsWith('_')) {
      const meta = await this.metadata
        .tableMetadata({ database: target.projectId ?? null, schema: target.datasetId, identifier: target.tableId })
        .catch(() => null);
      return numberOf(meta?.['numRows'] as string | undefined);
    }
    return null;
  }

  listRelations(schema: SchemaRef): Promise<RelationInfo[]> {
    return this.metadata.listRelations(schema);
  }

  listSchemas(database: string | null): Promise<string[]> {
    return this.metadata.listSchemas(database);
  }

  getColumns(relation: RelationRef): Promise<WarehouseColumn[]> {
    return this.metadata.getColumns(relation);
  }

  catalog(schema: SchemaRef): Promise<CatalogRelation[]> {
    return this.metadata.catalog(schema);
  }

  /** A dry-run job: BigQuery validates the query and returns its schema without running it. */
  describeQuery(sql: string): Promise<WarehouseColumn[]> {
    return this.serial(async () => {
      const out = await this.runner.run({ sql: describeSql(sql), dryRun: true, sessionId: this.sessionId }).catch((e: unknown) => {
        throw queryError(e);
      });
      return out.fields.map((f) => ({ name: f.name, dataType: fieldTypeName(f) }));
    });
  }

  async cancel(): Promise<void> {
    if (!this.closed) await this.runner.cancel();
  }

  /** Ends the session, and its temporary tables with it; best effort. */
  private async endSession(): Promise<void> {
    const session = this.sessionId;
    this.sessionId = null;
    if (session !== null) await this.runner.run({ sql: 'CALL BQ.ABORT_SESSION()', sessionId: session }).catch(() => undefined);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.tail;
    this.closed = true;
    await this.endSession();
    this.onClose(this);
  }
}
