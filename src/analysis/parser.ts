/**
 * The parser seam: DuckDB's own parser for DuckDB targets (exact syntax errors, no warehouse),
 * node-sql-parser for the others (it has gaps, so what it cannot parse is only a warning).
 */
import type { ParseOutcome } from './ir.js';

export interface SqlParser {
  /** 'duckdb' or node-sql-parser's dialect name. */
  readonly name: string;
  /**
   * Parses every text; `each` receives the outcomes in order, as soon as they are ready (the
   * caller resolves them while the parser works on the next batch). A text marked `syntaxOnly`
   * is only checked: a success comes back with no statements.
   */
  parseAll(sqls: readonly string[], syntaxOnly: readonly boolean[], each: (index: number, outcome: ParseOutcome) => void): Promise<void>;
  close(): void;
}

/** The parser for a target: its adapter's name and node-sql-parser dialect. */
export async function openParser(dialect: { name: string; sqlParserDialect: string }): Promise<SqlParser> {
  if (dialect.name === 'duckdb') {
    const { DuckDbParser } = await import('./duckdb-parser.js');
    return DuckDbParser.open();
  }
  const { NodeSqlParser } = await import('./nsp-parser.js');
  return NodeSqlParser.open(dialect.name === 'bigquery' || dialect.name === 'snowflake' ? dialect.name : dialect.sqlParserDialect);
}
