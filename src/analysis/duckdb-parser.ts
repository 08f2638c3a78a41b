/**
 * DuckDB's own parser, on an in-memory instance (never the target database): `json_serialize_sql`
 * gives the syntax tree, or the exact syntax error and its position, without binding anything.
 * The texts go into a temporary table through DuckDB's appender (no SQL literal to parse), then
 * are serialized a thousand rows per query; DuckDB serializes the next batch on its own thread
 * while this one is converted, so 10,000 models cost a few dozen round trips.
 * The native module is imported lazily: commands that never analyse never load it.
 */
import type { ParseOutcome, ParsedStatement } from './ir.js';
import type { SqlParser } from './parser.js';
import { DuckDbConverter, type OffsetMap } from './duckdb-ast.js';
import { firstToken, statementKind } from './construct-name.js';
import { RawDuckDb, type LazyRows } from './duckdb-raw.js';

const BATCH = 1000;

/** Byte offset → character offset, for SQL holding non-ASCII text (DuckDB counts UTF-8 bytes). */
export function byteOffsetMap(sql: string): OffsetMap {
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7f]/.test(sql)) return (b) => b;
  const starts: number[] = [];
  let bytes = 0;
  for (let i = 0; i < sql.length; i++) {
    starts.push(bytes);
    const c = sql.codePointAt(i)!;
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    if (c >= 0x10000) (starts.push(bytes), i++);
  }
  return (b) => {
    let lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= b) lo = mid;
      else hi = mid - 1;
    }
    return b >= bytes ? sql.length : lo;
  };
}

export function convertDuckDbResult(sql: string, json: string): ParseOutcome {
  const r = JSON.parse(json) as Record<string, unknown>;
  if (r['error'] === true) {
    if (r['error_type'] === 'parser') {
      // Unlike query_location (bytes), the error position is already in characters.
      const pos = Number(r['position']);
      return { ok: false, kind: 'syntax', message: String(r['error_message'] ?? 'syntax error'), at: Number.isFinite(pos) ? pos : -1 };
    }
    // "Only SELECT statements can be serialized": parsed fine, but not a query DuckDB can show us.
    return { ok: false, kind: 'unsupported', what: statementKind(sql), at: firstToken(sql) };
  }
  const conv = new DuckDbConverter(byteOffsetMap(sql));
  const statements: ParsedStatement[] = (Array.isArray(r['statements']) ? r['statements'] : []).map((st) => ({ ok: true, query: conv.statement(st) }));
  return { ok: true, statements };
}

const literal = (s: string): string => `'${s.replace(/'/g, "''")}'`;

export class DuckDbParser implements SqlParser {
  readonly name = 'duckdb';

  private constructor(
    private readonly db: RawDuckDb,
    /** json_serialize_sql's options: default values left out too where DuckDB can (1.4+), a tenth less JSON to read. */
    private readonly options: string,
  ) {}

  static async open(): Promise<DuckDbParser> {
    const db = await RawDuckDb.open();
    // One query runs at a time and serializes on one thread: more threads only spin.
    await db.exec('set threads = 1').catch(() => undefined);
    const lean = 'skip_null := true, skip_empty := true, skip_default := true';
    const ok = await db.strings(`select json_serialize_sql('select 1', ${lean})`).then(() => true, () => false);
    return new DuckDbParser(db, ok ? lean : 'skip_null := true, skip_empty := true');
  }

  /**
   * The serialized trees of rows [from, to), in order; undefined when DuckDB failed the batch.
   * A syntax-only row that parsed comes back as a stub: its tree is never needed, only its errors.
   */
  private query(from: number, to: number): Promise<LazyRows | undefined> {
    return this.db
      .rows(
        `select case when not c or not starts_with(j, '{"error":false') then j else '{"error":false}' end from ` +
          `(select i, c, json_serialize_sql(s, ${this.options}) j from tx_sql where i >= ${from} and i < ${to}) order by i`,
      )
      .then((rows) => rows, () => undefined);
  }

  async parseAll(sqls: readonly string[], syntaxOnly: readonly boolean[], each: (index: number, outcome: ParseOutcome) => void): Promise<void> {
    await this.db.exec('create or replace temp table tx_sql (i integer, s varchar, c boolean)');
    this.db.append('tx_sql', sqls, syntaxOnly);
    let pending = sqls.length > 0 ? this.query(0, BATCH) : undefined;
    for (let start = 0; start < sqls.length; start += BATCH) {
      const end = Math.min(sqls.length, start + BATCH);
      const rows = await pending;
      pending = end < sqls.length ? this.query(end, end + BATCH) : undefined;
      for (let i = start; i < end; i++) {
        const json = rows?.length === end - start ? rows.at(i - start) : undefined;
        each(i, json !== undefined ? convertDuckDbResult(sqls[i]!, json) : await this.parseOne(sqls[i]!));
      }
    }
  }

  /** One statement alone: the fallback when a whole batch failed. */
  private async parseOne(sql: string): Promise<ParseOutcome> {
    const rows = await this.db.strings(`select json_serialize_sql(${literal(sql)}, ${this.options})`).catch(() => undefined);
    const json = rows?.[0];
    if (typeof json === 'string') return convertDuckDbResult(sql, json);
    return { ok: false, kind: 'unsupported', what: "this query (DuckDB's parser failed on it)", at: -1 };
  }

  close(): void {
    this.db.close();
  }
}
