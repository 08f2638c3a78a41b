/**
 * node-sql-parser for BigQuery, Snowflake and Postgres targets. It has gaps (no MERGE, parts of
 * BigQuery's syntax), so a statement it rejects is reported as 'unsupported' naming the word it
 * stopped at (a warning), never as a syntax error: the warehouse may well accept it.
 * Only the one dialect's grammar is loaded (about 50 ms, not the 300 ms of the full bundle).
 */
import type { ParseOutcome, ParsedStatement } from './ir.js';
import type { SqlParser } from './parser.js';
import { NspConverter, type NspNode } from './nsp-ast.js';
import { wordAt } from './construct-name.js';

interface NspParserApi {
  astify(sql: string, opt: { database: string; parseOptions: { includeLocations: boolean } }): unknown;
}

interface PegError {
  message?: string;
  location?: { start?: { offset?: number } };
}

const BUILDS = new Set(['bigquery', 'snowflake', 'postgresql', 'mysql', 'mariadb', 'redshift', 'sqlite', 'transactsql', 'trino', 'athena', 'hive', 'db2', 'flinksql', 'noql']);

export function parseWithNsp(parser: NspParserApi, database: string, sql: string): ParseOutcome {
  if (sql.trim() === '') return { ok: true, statements: [] };
  let ast: unknown;
  try {
    ast = parser.astify(sql, { database, parseOptions: { includeLocations: true } });
  } catch (e) {
    const at = (e as PegError).location?.start?.offset ?? -1;
    // No location: the grammar itself failed (it has bugs); say what it said.
    return { ok: false, kind: 'unsupported', what: at >= 0 ? `'${wordAt(sql, at)}'` : `this query (${(e as PegError).message ?? 'parser failure'})`, at };
  }
  const conv = new NspConverter();
  const list = Array.isArray(ast) ? ast : [ast];
  const statements: ParsedStatement[] = list.map((st): ParsedStatement => {
    const n = st as NspNode;
    if (n && typeof n === 'object' && n['type'] === 'select') return { ok: true, query: conv.query(n) };
    const type = n && typeof n === 'object' && typeof n['type'] === 'string' ? n['type'].toUpperCase() : 'unknown';
    return { ok: false, kind: 'unsupported', what: `a ${type} statement`, at: -1 };
  });
  return { ok: true, statements };
}

export class NodeSqlParser implements SqlParser {
  private constructor(
    readonly name: string,
    private readonly parser: NspParserApi,
  ) {}

  static async open(dialect: string): Promise<NodeSqlParser> {
    const db = BUILDS.has(dialect) ? dialect : 'postgresql';
    const mod = (await import(`node-sql-parser/build/${db}.js`)) as { default: { Parser: new () => NspParserApi } };
    return new NodeSqlParser(db, new mod.default.Parser());
  }

  parseAll(sqls: readonly string[], syntaxOnly: readonly boolean[], each: (index: number, outcome: ParseOutcome) => void): Promise<void> {
    sqls.forEach((sql, i) => {
      const o = parseWithNsp(this.parser, this.name, sql);
      each(i, syntaxOnly[i] && o.ok ? { ok: true, statements: [] } : o);
    });
    return Promise.resolve();
  }

  close(): void {}
}
