/**
 * node-sql-parser for BigQuery, Snowflake and Postgres targets. Its grammars have gaps (no MERGE,
 * parts of each warehouse's syntax), so a statement it rejects is 'unsupported' (a warning naming
 * the construct the grammar lacks), never a syntax error on its word alone: the warehouse may well
 * accept it. Only a mistake no grammar accepts (an unclosed parenthesis, `= =`; certain-syntax.ts)
 * makes a rejected statement a syntax error.
 * Only the one dialect's grammar is loaded (about 50 ms, not the 300 ms of the full bundle).
 */
import type { ParseOutcome, ParsedStatement } from './ir.js';
import type { SqlParser } from './parser.js';
import { NspConverter, type NspNode } from './nsp-ast.js';
import { nameRejected } from './construct-name.js';
import { lexSql } from './sql-lexer.js';
import { certainSyntaxError } from './certain-syntax.js';

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
    return rejected(sql, database, e as PegError);
  }
  const conv = new NspConverter(sql, database);
  const list = Array.isArray(ast) ? ast : [ast];
  const statements: ParsedStatement[] = list.map((st): ParsedStatement => {
    const n = st as NspNode;
    if (n && typeof n === 'object' && n['type'] === 'select') return { ok: true, query: conv.query(n) };
    const type = n && typeof n === 'object' && typeof n['type'] === 'string' ? n['type'].toUpperCase() : 'unknown';
    return { ok: false, kind: 'unsupported', what: `a ${type} statement`, at: -1 };
  });
  return { ok: true, statements };
}

/** A statement the grammar rejected: a certain syntax error, or the construct it lacks. */
export function rejected(sql: string, database: string, e: PegError): ParseOutcome {
  const lexed = lexSql(sql, database);
  const certain = certainSyntaxError(lexed, database);
  if (certain) return { ok: false, kind: 'syntax', message: certain.message, at: certain.at };
  const at = e.location?.start?.offset ?? -1;
  // No location: the grammar itself failed (it has bugs); say what it said.
  if (at < 0) return { ok: false, kind: 'unsupported', what: `this query (${e.message ?? 'parser failure'})`, at: -1 };
  const c = nameRejected(lexed.tokens, at, database);
  return { ok: false, kind: 'unsupported', what: c.name, at: c.at };
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
