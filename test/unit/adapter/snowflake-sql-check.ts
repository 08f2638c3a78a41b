/**
 * Validates SQL with node-sql-parser's snowflake dialect. The dialect has gaps (TRANSIENT and
 * SECURE, COPY GRANTS, CASCADE, qualified RENAME TO, MERGE, USE, ALTER SESSION, transactions,
 * …): a statement it cannot parse is retried with the known-valid Snowflake constructs it lacks
 * rewritten away, and reported as a warning naming those constructs, so the rest of the
 * statement (its query) is still checked. What does not parse even then is a warning naming
 * its leading keywords, with the parser's message.
 */
import { splitStatements } from '../../../adapters/snowflake/split.js';

interface Parser {
  astify(sql: string, opt?: { database?: string }): unknown;
}
// The snowflake-only build of the parser, as src/analysis loads it.
const { default: nsp } = (await import('node-sql-parser/build/snowflake.js')) as { default: { Parser: new () => Parser } };
const parser = new nsp.Parser();

export interface SqlWarning {
  statement: string;
  /** What the parser could not read, e.g. 'TRANSIENT', 'MERGE'. */
  constructs: string[];
  /** True when the statement parsed once those constructs were set aside. */
  restParses: boolean;
  message?: string;
}

/** Valid Snowflake the parser lacks, and a rewrite it does read. */
const GAPS: [string, RegExp, string][] = [
  ['TRANSIENT', /\bcreate\s+or\s+replace\s+transient\s+table\b/i, 'create or replace table'],
  ['SECURE', /\bcreate\s+or\s+replace\s+secure\s+view\b/i, 'create or replace view'],
  ['DYNAMIC TABLE', /\bcreate\s+(or\s+replace\s+)?(transient\s+)?dynamic\s+table\s+(\S+)[\s\S]*?\bas\s*\(/i, 'create or replace table $3 as ('],
  ['CLONE', /\bcreate\s+or\s+replace\s+(transient\s+)?table\s+(\S+)\s+clone\s+(\S+)/i, 'create table $2 as select * from $3'],
  ['COPY GRANTS', /\s+copy\s+grants\b/i, ''],
  ['TABLE IF EXISTS', /\b(drop|truncate)\s+table\s+if\s+exists\b/i, '$1 table'],
  ['DROP VIEW', /\bdrop\s+view\s+if\s+exists\b/i, 'drop table'],
  ['CASCADE', /\s+cascade\s*$/i, ''],
  ['RENAME TO (qualified)', /\brename\s+to\s+(?:[\w$"]+\.)+([\w$"]+)\s*$/i, 'rename to $1'],
  ['ALTER VIEW', /^\s*alter\s+view\b/i, 'alter table'],
  ['CLUSTER BY', /^\s*alter\s+table\s+\S+\s+(cluster\s+by\s*\(.*\)|resume\s+recluster|suspend\s+recluster)\s*$/i, 'select 1'],
  ['SET DATA TYPE', /\balter\s+column\s+(\S+)\s+set\s+data\s+type\s+/i, 'modify column $1 '],
  ['INSERT OVERWRITE', /\binsert\s+overwrite\s+into\b/i, 'insert into'],
  ['bind parameters', /\?/g, "'x'"],
  ['tuple IN', /\bwhere\s+\(([\w$", ]+)\)\s+in\s+\(/i, 'where $1 in ('],
];

/** Statements the parser has no grammar for at all. */
const UNPARSEABLE: [string, RegExp][] = [
  ['MERGE', /^\s*merge\s+into\b/i],
  ['USE', /^\s*use\s+\w+/i],
  ['ALTER SESSION', /^\s*alter\s+session\b/i],
  ['TRANSACTION', /^\s*(begin|start|commit|rollback)\b/i],
  ['ALTER DYNAMIC TABLE', /^\s*alter\s+dynamic\s+table\b/i],
  ['SWAP WITH', /^\s*alter\s+table\s+\S+\s+swap\s+with\s+\S+\s*;?\s*$/i],
  ['DELETE', /^\s*delete\s+from\b/i],
];

function leadingKeywords(sql: string): string {
  const words = sql.replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, ' ').trim().split(/\s+/);
  const out: string[] = [];
  for (const w of words) {
    if (!/^[a-z_]+$/i.test(w) || out.length >= 4) break;
    out.push(w.toUpperCase());
  }
  return out.join(' ');
}

function parses(sql: string): string | null {
  try {
    parser.astify(sql, { database: 'snowflake' });
    return null;
  } catch (e) {
    return e instanceof Error ? e.message.split('\n')[0] ?? e.message : String(e);
  }
}

/** The statement without the comments before it (a plan's purpose lines). */
function body(statement: string): string {
  return statement.replace(/^(\s*(--[^\n]*\n|\/\*[\s\S]*?\*\/))+/, '').trim();
}

export function checkSnowflakeSql(script: string): SqlWarning[] {
  const warnings: SqlWarning[] = [];
  for (const statement of splitStatements(script).map(body)) {
    if (parses(statement) === null) continue;
    const whole = UNPARSEABLE.find(([, re]) => re.test(statement));
    if (whole) {
      warnings.push({ statement, constructs: [whole[0]], restParses: false });
      continue;
    }
    let text = statement;
    const constructs: string[] = [];
    for (const [name, re, to] of GAPS) {
      const next = text.replace(re, to);
      if (next !== text) constructs.push(name);
      text = next;
    }
    let error = parses(text);
    // A parenthesised set operation as a CREATE TABLE … AS body: check the query on its own.
    const ctas = /^\s*create\s+(?:or\s+replace\s+)?(?:temporary\s+)?table\s+\S+\s+as\s*\(([\s\S]*)\)\s*$/i.exec(text);
    if (error !== null && ctas && parses(ctas[1] ?? '') === null) {
      constructs.push('CREATE TABLE AS (set operation)');
      error = null;
    }
    warnings.push(error === null
      ? { statement, constructs, restParses: true }
      : { statement, constructs: [...constructs, leadingKeywords(statement)], restParses: false, message: error });
  }
  return warnings;
}

/** One line per warning, as a test log shows them. */
export function formatWarnings(file: string, warnings: readonly SqlWarning[]): string[] {
  return warnings.map((w) => `${file}: node-sql-parser (snowflake) cannot read ${w.constructs.join(', ')}${w.restParses ? ' (the rest parses)' : w.message ? `: ${w.message}` : ''}`);
}
