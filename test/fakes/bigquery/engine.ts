/**
 * The fake's storage: one in-memory DuckDB where every BigQuery project is an attached catalog
 * and every dataset a schema, so `project`.`dataset`.`table` names resolve as they are. Each
 * BigQuery session gets its own DuckDB connection (its temporary tables live there); other jobs
 * share one. Statements on one connection run one at a time.
 */
import { DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import { encodeRows, fieldOf, type Cell, type Field } from './duck-values.js';
import { bigQueryError } from './sql-errors.js';
import { FakeSqlError, quoteDuck } from './rewrite.js';
import { translate, type Step, type TableExtras } from './translate.js';

export interface RunRequest {
  sql: string;
  project: string;
  session: string | null;
  params?: DuckDBValue[] | Record<string, DuckDBValue>;
  dryRun?: boolean;
  /** Job labels, for statement-level bookkeeping only. */
  location: string;
}

export interface RunResult {
  fields: Field[];
  rows: { f: Cell[] }[];
  statementType: string;
  numDmlAffectedRows: number | null;
  ddlTarget: { projectId: string; datasetId: string; tableId: string } | null;
  bytes: number;
  abortSession: boolean;
}

export interface TableInfo {
  type: 'TABLE' | 'VIEW';
  fields: Field[];
  numRows: number | null;
  extras: TableExtras | undefined;
}

const SYSTEM_SCHEMAS = new Set(['main', 'information_schema', 'pg_catalog']);

class Lane {
  private tail: Promise<unknown> = Promise.resolve();
  constructor(readonly conn: DuckDBConnection) {}
  run<T>(work: () => Promise<T>): Promise<T> {
    const p = this.tail.then(work);
    this.tail = p.catch(() => undefined);
    return p;
  }
}

export class FakeEngine {
  private readonly sessions = new Map<string, Lane>();
  private readonly extras = new Map<string, TableExtras>();
  private sessionCounter = 0;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly shared: Lane,
    readonly projects: Set<string>,
  ) {}

  static async create(projects: string[]): Promise<FakeEngine> {
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    // BigQuery works in UTC; without the ICU extension DuckDB already does.
    await conn.run("SET TimeZone = 'UTC'").catch(() => undefined);
    for (const p of projects) await conn.run(`ATTACH ':memory:' AS ${quoteDuck(p)}`);
    return new FakeEngine(instance, new Lane(conn), new Set(projects));
  }

  private key(project: string, dataset: string, table: string): string {
    return `${project}.${dataset}.${table}`.toLowerCase();
  }

  async createSession(): Promise<string> {
    const id = `fake_session_${++this.sessionCounter}`;
    this.sessions.set(id, new Lane(await this.instance.connect()));
    return id;
  }

  /** Sessions still open (a client that closes its connections leaves none). */
  get openSessions(): number {
    return this.sessions.size;
  }

  hasSession(id: string): boolean {
    return this.sessions.has(id);
  }

  abortSession(id: string): void {
    const lane = this.sessions.get(id);
    this.sessions.delete(id);
    lane?.conn.closeSync();
  }

  /** Interrupts whatever the lane of `session` (or the shared lane) is running. */
  interrupt(session: string | null): void {
    (session === null ? this.shared : this.sessions.get(session) ?? this.shared).conn.interrupt();
  }

  private lane(session: string | null): Lane {
    if (session === null) return this.shared;
    const lane = this.sessions.get(session);
    if (!lane) throw new FakeSqlError('invalidQuery', `Session ${session} has expired or was aborted`);
    return lane;
  }

  /** [project?, dataset?, table] → full path, relative to the job's project. */
  private resolve(parts: string[], project: string): { projectId: string; datasetId: string; tableId: string } | null {
    if (parts.length === 3) return { projectId: parts[0]!, datasetId: parts[1]!, tableId: parts[2]! };
    if (parts.length === 2) return { projectId: project, datasetId: parts[0]!, tableId: parts[1]! };
    return null;
  }

  run(req: RunRequest): Promise<RunResult> {
    const lane = this.lane(req.session);
    return lane.run(() => this.execute(lane.conn, req).catch((e: unknown) => {
      throw bigQueryError(e, req.project, req.sql);
    }));
  }

  private async execute(conn: DuckDBConnection, req: RunRequest): Promise<RunResult> {
    const { steps, script, variables } = translate(req.sql);
    if (!this.projects.has(req.project)) throw new FakeSqlError('notFound', `Not found: Project ${req.project}`);
    await conn.run(`USE ${quoteDuck(req.project)}`);
    const result: RunResult = { fields: [], rows: [], statementType: script ? 'SCRIPT' : steps[0]?.statementType ?? 'SELECT', numDmlAffectedRows: null, ddlTarget: null, bytes: 0, abortSession: false };
    const temps: string[] = [];
    // One BigQuery statement is atomic; the fake may run it as several DuckDB steps (CREATE TABLE
    // with a column list AS SELECT: declare, then fill; an ALTER with several actions).
    const atomic = !script && !req.dryRun && steps.length > 1;
    if (atomic) await conn.run('BEGIN TRANSACTION');
    try {
      for (const step of steps) {
        if (step.temp && req.session === null && !script) {
          throw new FakeSqlError('invalidQuery', 'Use of CREATE TEMPORARY TABLE requires a script or session');
        }
        if (req.dryRun) {
          if (step.statementType === 'SELECT') {
            const reader = await conn.runAndReadAll(`SELECT * FROM (${step.sql}) AS dry_run LIMIT 0`, req.params as never);
            result.fields = reader.columnNames().map((n, i) => fieldOf(n, reader.columnTypes()[i]!));
          }
          continue;
        }
        await this.step(conn, step, req, result);
        if (step.temp && req.session === null && step.target) temps.push(step.target.map(quoteDuck).join('.'));
      }
      if (atomic) await conn.run('COMMIT');
    } catch (e) {
      if (atomic) await conn.run('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      for (const t of temps) await conn.run(`DROP TABLE IF EXISTS ${t}`).catch(() => undefined);
      for (const v of variables) await conn.run(`RESET VARIABLE ${v}`).catch(() => undefined);
    }
    return result;
  }

  private async step(conn: DuckDBConnection, step: Step, req: RunRequest, result: RunResult): Promise<void> {
    if (step.abortSession) {
      result.abortSession = true;
      return;
    }
    const target = step.target && !step.temp ? this.resolve(step.target, req.project) : null;
    if (step.cloneOf) {
      const source = this.resolve(step.cloneOf, req.project);
      const extras = source ? this.extras.get(this.key(source.projectId, source.datasetId, source.tableId)) : undefined;
      step = { ...step, extras: extras ? structuredClone(extras) : { options: {} } };
    }
    if (target && step.statementType === 'CREATE_TABLE_AS_SELECT' || target && step.statementType === 'CREATE_TABLE') {
      this.checkReplaceable(target!, step.extras);
    }
    if (step.statementType === 'CREATE_SCHEMA' && step.target && step.target.length === 2 && !this.projects.has(step.target[0]!)) {
      throw new FakeSqlError('notFound', `Not found: Project ${step.target[0]}`);
    }
    if (step.sql !== '') {
      const reader = await conn.runAndReadAll(step.sql, step.statementType === 'SELECT' || step.statementType === 'INSERT' ? (req.params as never) : undefined);
      const names = reader.columnNames();
      if (step.statementType === 'SELECT') {
        result.fields = names.map((n, i) => fieldOf(n, reader.columnTypes()[i]!));
        result.rows = encodeRows(result.fields, reader.getRows());
        result.bytes += Math.max(10, JSON.stringify(result.rows).length);
      } else if (names.length === 1 && names[0] === 'Count') {
        const n = Number(reader.getRows()[0]?.[0] ?? 0);
        if (['INSERT', 'UPDATE', 'DELETE', 'MERGE'].includes(step.statementType)) result.numDmlAffectedRows = (result.numDmlAffectedRows ?? 0) + n;
        result.bytes += 16 * n + 10;
      }
    }
    this.bookkeeping(step, target, req.project);
    if (target && (step.statementType.startsWith('CREATE_TABLE') || step.statementType === 'CREATE_VIEW')) result.ddlTarget = target;
    if (step.temp && step.target) result.ddlTarget = { projectId: req.project, datasetId: '_SESSION', tableId: step.target[step.target.length - 1]! };
  }

  /** BigQuery refuses CREATE OR REPLACE TABLE that changes partitioning or clustering. */
  private checkReplaceable(t: { projectId: string; datasetId: string; tableId: string }, extras: TableExtras | undefined): void {
    const old = this.extras.get(this.key(t.projectId, t.datasetId, t.tableId));
    if (!old) return;
    if ((old.partitionBy ?? '') !== (extras?.partitionBy ?? '')) {
      throw new FakeSqlError('invalidQuery', `Cannot replace a table with a different partitioning spec. Instead, DROP the table, and then recreate it. New partitioning spec is ${extras?.partitionBy ?? 'none'} and existing spec is ${old.partitionBy ?? 'none'}.`);
    }
  }

  private bookkeeping(step: Step, t: { projectId: string; datasetId: string; tableId: string } | null, project: string): void {
    if (!t) return;
    const k = this.key(t.projectId, t.datasetId, t.tableId);
    if (step.statementType === 'CREATE_TABLE_AS_SELECT' || step.statementType === 'CREATE_TABLE' || step.statementType === 'CREATE_VIEW') {
      this.extras.set(k, step.extras ?? { options: {} });
    } else if (step.statementType === 'DROP_TABLE' || step.statementType === 'DROP_VIEW') {
      this.extras.delete(k);
    } else if (step.statementType === 'ALTER_TABLE') {
      const rename = /RENAME TO "((?:[^"]|"")+)"\s*$/i.exec(step.sql);
      const old = this.extras.get(k);
      if (rename && old) {
        this.extras.delete(k);
        this.extras.set(this.key(t.projectId, t.datasetId, rename[1]!.replace(/""/g, '"')), old);
      }
      if (step.extras) this.extras.set(k, { ...(old ?? { options: {} }), options: { ...(old?.options ?? {}), ...step.extras.options } });
    }
    void project;
  }

  // --- metadata (datasets.*, tables.*) -------------------------------------------------------

  private async query(sql: string, params: DuckDBValue[] = []): Promise<DuckDBValue[][]> {
    return this.shared.run(async () => (await this.shared.conn.runAndReadAll(sql, params)).getRows());
  }

  async listDatasets(project: string): Promise<string[]> {
    const rows = await this.query('SELECT schema_name FROM information_schema.schemata WHERE catalog_name = ? ORDER BY schema_name', [project]);
    return rows.map((r) => String(r[0])).filter((s) => !SYSTEM_SCHEMAS.has(s));
  }

  async hasDataset(project: string, dataset: string): Promise<boolean> {
    return (await this.listDatasets(project)).includes(dataset);
  }

  async createDataset(project: string, dataset: string): Promise<void> {
    await this.shared.run(() => this.shared.conn.run(`CREATE SCHEMA ${quoteDuck(project)}.${quoteDuck(dataset)}`));
  }

  async deleteDataset(project: string, dataset: string, contents: boolean): Promise<void> {
    await this.shared.run(() => this.shared.conn.run(`DROP SCHEMA ${quoteDuck(project)}.${quoteDuck(dataset)}${contents ? ' CASCADE' : ''}`));
  }

  async listTables(project: string, dataset: string): Promise<{ tableId: string; type: 'TABLE' | 'VIEW' }[]> {
    const rows = await this.query(
      'SELECT table_name, table_type FROM information_schema.tables WHERE table_catalog = ? AND table_schema = ? ORDER BY table_name',
      [project, dataset],
    );
    return rows.map((r) => ({ tableId: String(r[0]), type: r[1] === 'VIEW' ? 'VIEW' : 'TABLE' }));
  }

  async tableInfo(project: string, dataset: string, table: string): Promise<TableInfo | null> {
    const found = (await this.listTables(project, dataset)).find((t) => t.tableId === table);
    if (!found) return null;
    const name = [project, dataset, table].map(quoteDuck).join('.');
    return this.shared.run(async () => {
      const shape = await this.shared.conn.runAndReadAll(`SELECT * FROM ${name} LIMIT 0`);
      const fields = shape.columnNames().map((n, i) => fieldOf(n, shape.columnTypes()[i]!));
      const numRows = found.type === 'TABLE' ? Number((await this.shared.conn.runAndReadAll(`SELECT count(*) FROM ${name}`)).getRows()[0]?.[0] ?? 0) : null;
      return { type: found.type, fields, numRows, extras: this.extras.get(this.key(project, dataset, table)) };
    });
  }

  async deleteTable(project: string, dataset: string, table: string, type: 'TABLE' | 'VIEW'): Promise<void> {
    const name = [project, dataset, table].map(quoteDuck).join('.');
    await this.shared.run(() => this.shared.conn.run(`DROP ${type} ${name}`));
    this.extras.delete(this.key(project, dataset, table));
  }

  /** Runs SQL straight on DuckDB (tests read back what a build left). */
  async duck(sql: string): Promise<Record<string, unknown>[]> {
    const rows = await this.shared.run(async () => (await this.shared.conn.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[]);
    const safe = (v: unknown): unknown => (typeof v === 'bigint' && v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(v) : v);
    return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, safe(v)])));
  }

  close(): void {
    for (const id of [...this.sessions.keys()]) this.abortSession(id);
    this.shared.conn.closeSync();
    this.instance.closeSync();
  }
}
