/**
 * One Snowflake session of the fake: a DuckDB connection plus what Snowflake keeps per session
 * (database, schema, warehouse, role, query tag, open transaction, temporary tables). Session
 * commands (USE, ALTER SESSION, transactions, SYSTEM$CANCEL_QUERY, SYSTEM$WAIT) are answered
 * here; everything else is translated (translate.ts) and run on DuckDB.
 */
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { canUse, foldName, type FakeAccountConfig, type FakeUser } from './auth.js';
import { SfError, cancelled, fromDuckDB, noWarehouse, notFound } from './errors.js';
import { countResult, encodeResult, statusResult, type EncodedResult } from './results.js';
import { significant, splitTokens, tokenize, type Token } from './tokens.js';
import { translate, type DynamicInfo, type StatementKind, type Translation } from './translate.js';
import { createMacros } from './macros.js';

/** What the server shares with its sessions. */
export interface SessionHost {
  config: FakeAccountConfig;
  /** Full names (DB.SCHEMA.NAME) of transient tables and secure views; dynamic tables with their settings. */
  meta: { transient: Set<string>; secure: Set<string>; dynamic: Map<string, DynamicInfo> };
  cancelQuery(queryId: string): boolean;
}

export interface StatementResult extends EncodedResult {
  statementTypeId: number;
}

export interface RunRequest {
  sql: string;
  binds: DuckDBValue[];
  describeOnly: boolean;
  isCancelled(): boolean;
}

const TYPE_IDS: Record<StatementKind, number> = { query: 0x1000, insert: 0x3100, update: 0x3200, delete: 0x3300, merge: 0x3400, ddl: 0x6000 };
const DML_COLUMNS: Partial<Record<StatementKind, string[]>> = {
  insert: ['number of rows inserted'], update: ['number of rows updated'], delete: ['number of rows deleted'],
  merge: ['number of rows inserted', 'number of rows updated'],
};
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const words = (tokens: readonly Token[]): string[] => significant(tokens).map((t) => (t.kind === 'word' ? t.value : t.kind === 'qid' ? t.value : t.text));

export class FakeSession {
  database: string | null;
  schema: string | null;
  warehouse: string | null;
  role: string;
  queryTag: string | null = null;
  /** Session parameters (TIMEZONE, and what the client set at login), returned with every result. */
  parameters: Record<string, unknown> = { TIMEZONE: 'UTC' };
  private inTx = false;
  private readonly temps = new Set<string>();
  private tail: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly host: SessionHost,
    private readonly conn: DuckDBConnection,
    readonly user: FakeUser,
    init: { role: string; warehouse: string | null; database: string | null; schema: string | null },
  ) {
    this.role = init.role;
    this.warehouse = init.warehouse;
    this.database = init.database;
    this.schema = init.schema;
  }

  static async open(host: SessionHost, conn: DuckDBConnection, user: FakeUser, init: { role: string; warehouse: string | null; database: string | null; schema: string | null }): Promise<FakeSession> {
    await createMacros(conn);
    const s = new FakeSession(host, conn, user, init);
    if (init.database !== null) {
      const exists = init.schema !== null && (await s.schemaExists(init.database, init.schema));
      if (!exists) s.schema = null;
      await conn.run(s.schema === null ? `USE "${init.database}"` : `USE "${init.database}"."${s.schema}"`);
    }
    return s;
  }

  private async schemaExists(db: string, schema: string): Promise<boolean> {
    const r = await this.conn.runAndReadAll('SELECT 1 FROM information_schema.schemata WHERE catalog_name = ? AND schema_name = ?', [db, schema]);
    return r.getRows().length > 0;
  }

  /** Statements of one session run one at a time, in arrival order. */
  run(req: RunRequest): Promise<StatementResult> {
    const work = this.tail.then(() => this.runNow(req));
    this.tail = work.catch(() => undefined);
    return work;
  }

  interrupt(): void {
    this.conn.interrupt();
  }

  close(): void {
    this.conn.closeSync();
  }

  private async runNow(req: RunRequest): Promise<StatementResult> {
    if (req.isCancelled()) throw cancelled();
    await this.waitIfAsked(req);
    let tokens: Token[];
    try {
      tokens = tokenize(req.sql);
    } catch (e) {
      throw new SfError('001003', '42000', `SQL compilation error:\n${(e as Error).message}`);
    }
    const statements = splitTokens(tokens);
    if (statements.length !== 1) {
      throw new SfError('000008', '0A000', `Actual statement count ${statements.length} did not match the desired statement count 1.`);
    }
    const stmt = statements[0]!;
    const w = words(stmt);
    const session = await this.sessionCommand(w, req);
    if (session) return session;
    const t = translate(stmt, {
      database: this.database, schema: this.schema, warehouse: this.warehouse, role: this.role,
      user: this.user.name.toUpperCase(), account: this.host.config.account.toUpperCase(),
      temps: this.temps, transient: [...this.host.meta.transient], dynamic: this.host.meta.dynamic,
    });
    if (this.needsWarehouse(t, w) && this.warehouse === null) throw noWarehouse();
    if (t.kind === 'ddl' && this.inTx) {
      // Snowflake commits the open transaction before any DDL statement, and runs the DDL on its own.
      await this.conn.run('COMMIT');
      this.inTx = false;
    }
    const result = await this.execute(t, req);
    await this.applyEffects(t, req.sql);
    return result;
  }

  private needsWarehouse(t: Translation, w: string[]): boolean {
    if (t.kind !== 'ddl') return w.includes('FROM') || t.kind !== 'query';
    return w[0] === 'CREATE' && w.includes('AS') && w.includes('TABLE');
  }

  private async execute(t: Translation, req: RunRequest): Promise<StatementResult> {
    const typeId = TYPE_IDS[t.kind];
    try {
      if (req.describeOnly) {
        const r = await this.conn.runAndReadAll(`SELECT * FROM (${t.sql[0] ?? 'SELECT 1'}) AS DESCRIBE_ONLY LIMIT 0`, req.binds.length ? req.binds : undefined);
        return { ...encodeResult(r), statementTypeId: typeId };
      }
      let last: EncodedResult = statusResult('Statement executed successfully.');
      let count = 0;
      for (const [i, sql] of t.sql.entries()) {
        const binds = i === t.sql.length - 1 && req.binds.length > 0 ? req.binds : undefined;
        const r = await this.conn.runAndReadAll(sql, binds);
        if (t.kind === 'query') last = encodeResult(r);
        else if (r.columnNames().length === 1 && r.columnNames()[0] === 'Count') count = Number(r.getRows()[0]?.[0] ?? 0);
      }
      const dml = DML_COLUMNS[t.kind];
      if (dml) last = countResult(dml, dml.map((_, i) => (i === 0 ? count : 0)));
      return { ...last, statementTypeId: typeId };
    } catch (e) {
      if (req.isCancelled()) throw cancelled();
      if (e instanceof SfError) throw e;
      const msg = e instanceof Error ? e.message : String(e);
      const m = /Existing object (\S+) is of type (\w+), trying to \w+ type (\w+)/.exec(msg) ?? /Can only modify (\w+) with ALTER (\w+)/.exec(msg);
      if (m) throw new SfError('002203', '02000', `SQL compilation error: Object found is of type '${(m[2] ?? '').toUpperCase()}', not specified type '${(m[3] ?? t.effects.renamed?.objType ?? 'TABLE').toUpperCase()}'.`);
      throw fromDuckDB(e);
    }
  }

  private async applyEffects(t: Translation, sql: string): Promise<void> {
    const e = t.effects;
    const meta = this.host.meta;
    if (e.createdTemp) this.temps.add(e.createdTemp);
    if (e.created) {
      for (const set of [meta.transient, meta.secure, meta.dynamic]) set.delete(e.created.key);
      if (e.created.transient) meta.transient.add(e.created.key);
      if (e.created.secure) meta.secure.add(e.created.key);
      // Snowflake's `text` is the statement as the client sent it.
      if (e.created.dynamic) meta.dynamic.set(e.created.key, { ...e.created.dynamic, text: sql.trim() });
    }
    if (e.alteredDynamic) {
      const d = meta.dynamic.get(e.alteredDynamic.key);
      if (d) Object.assign(d, e.alteredDynamic.set, { refreshes: d.refreshes + (e.alteredDynamic.refresh ? 1 : 0) });
    }
    if (e.dropped) {
      if (this.temps.has(e.dropped)) this.temps.delete(e.dropped);
      else for (const set of [meta.transient, meta.secure, meta.dynamic]) set.delete(e.dropped);
    }
    if (e.swapped) {
      for (const set of [meta.transient, meta.secure]) {
        const [hasA, hasB] = [set.has(e.swapped.a), set.has(e.swapped.b)];
        set.delete(e.swapped.a);
        set.delete(e.swapped.b);
        if (hasA) set.add(e.swapped.b);
        if (hasB) set.add(e.swapped.a);
      }
    }
    if (e.renamed) {
      if (meta.transient.delete(e.renamed.from)) meta.transient.add(e.renamed.to);
      if (meta.secure.delete(e.renamed.from)) meta.secure.add(e.renamed.to);
      const d = meta.dynamic.get(e.renamed.from);
      if (d && meta.dynamic.delete(e.renamed.from)) meta.dynamic.set(e.renamed.to, d);
    }
    if (e.createdSchema) {
      // Creating a schema makes it the session's current schema, as in Snowflake.
      this.database = e.createdSchema.database;
      this.schema = e.createdSchema.schema;
      await this.conn.run(`USE "${this.database}"."${this.schema}"`);
    }
  }

  /** SYSTEM$WAIT(n [, 'unit']): sleeps (cancellably), then reads as a string, as in Snowflake. */
  private async waitIfAsked(req: RunRequest): Promise<void> {
    const m = /system\$wait\(\s*(\d+(?:\.\d+)?)\s*(?:,\s*'(\w+)'\s*)?\)/i.exec(req.sql);
    if (!m) return;
    const unit = (m[2] ?? 'SECONDS').toUpperCase();
    const ms = Number(m[1]) * (unit.startsWith('MILLI') ? 1 : unit.startsWith('MINUTE') ? 60_000 : 1000);
    const until = Date.now() + ms;
    while (Date.now() < until) {
      if (req.isCancelled()) throw cancelled();
      await sleep(Math.min(20, until - Date.now()));
    }
    req.sql = req.sql.replace(m[0], `'waited ${m[1]} ${unit.toLowerCase()}'`);
  }

  /** USE, ALTER SESSION, transactions and SYSTEM$CANCEL_QUERY; null for anything else. */
  private async sessionCommand(w: string[], req: RunRequest): Promise<StatementResult | null> {
    const ok = (msg = 'Statement executed successfully.'): StatementResult => ({ ...statusResult(msg), statementTypeId: 0x5000 });
    const cfg = this.host.config;
    if (w[0] === 'USE') {
      const kind = ['WAREHOUSE', 'ROLE', 'DATABASE', 'SCHEMA'].includes(w[1] ?? '') ? w[1]! : 'DATABASE';
      const parts = w.slice(kind === w[1] ? 2 : 1).filter((x) => x !== '.').map((x) => foldName(x));
      const name = parts[parts.length - 1] ?? '';
      if (kind === 'WAREHOUSE') {
        if (!canUse(cfg, this.role, 'warehouses', name)) throw new SfError('002043', '02000', 'SQL compilation error:\nObject does not exist, or operation cannot be performed.');
        this.warehouse = name;
      } else if (kind === 'ROLE') {
        if (!this.user.roles.map((r) => r.toUpperCase()).includes(name)) throw new SfError('003013', '42501', `SQL compilation error:\nRequested role '${name}' is not assigned to the executing user. Specify another role to activate.`);
        this.role = name;
      } else {
        const db = kind === 'SCHEMA' && parts.length === 1 ? this.database : parts[0] ?? null;
        const schema = kind === 'SCHEMA' ? name : 'PUBLIC';
        if (db === null || !canUse(cfg, this.role, 'databases', db) || !(await this.schemaExists(db, schema))) {
          throw notFound(`Object '${[db, schema].filter(Boolean).join('.')}'`);
        }
        this.database = db;
        this.schema = schema;
        await this.conn.run(`USE "${db}"."${schema}"`);
      }
      return ok();
    }
    if (w[0] === 'ALTER' && w[1] === 'SESSION') {
      if (w[2] === 'UNSET') this.queryTag = null;
      else if (w[3] === 'QUERY_TAG') this.queryTag = String(tokenize(req.sql).find((t) => t.kind === 'str')?.value ?? '');
      return ok();
    }
    if (['BEGIN', 'START'].includes(w[0] ?? '')) {
      if (!this.inTx) await this.conn.run('BEGIN TRANSACTION');
      this.inTx = true;
      return ok();
    }
    if (w[0] === 'COMMIT' || w[0] === 'ROLLBACK') {
      if (this.inTx) await this.conn.run(w[0]).catch(() => undefined);
      this.inTx = false;
      return ok();
    }
    if (w.includes('SYSTEM$CANCEL_QUERY')) {
      const id = String(req.binds[0] ?? tokenize(req.sql).find((t) => t.kind === 'str')?.value ?? '');
      const done = this.host.cancelQuery(id);
      const r = statusResult(done ? 'query [' + id + '] terminated.' : `Identified SQL statement is not currently executing.`);
      return { ...r, rowtype: [{ ...r.rowtype[0]!, name: `SYSTEM$CANCEL_QUERY('${id}')` }], statementTypeId: 0x1000 };
    }
    return null;
  }
}
