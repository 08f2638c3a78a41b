/**
 * Names the construct a parser could not handle, for "static analysis skipped" warnings (TX0511):
 * the statement's kind (MERGE, INSERT, DuckDB's PIVOT statement), or, for node-sql-parser, the
 * known construct its dialect grammar lacks (QUALIFY, PIVOT, FLATTEN, `::`, …) nearest before the
 * offset where the grammar stopped, so the warning says `QUALIFY` rather than the word after it.
 */
import type { Token } from './sql-lexer.js';

/** Offset of the first token, past whitespace and comments. */
export function firstToken(sql: string, from = 0): number {
  let i = from;
  for (;;) {
    while (i < sql.length && /\s/.test(sql[i]!)) i++;
    if (sql.startsWith('--', i)) {
      const nl = sql.indexOf('\n', i);
      i = nl === -1 ? sql.length : nl + 1;
    } else if (sql.startsWith('/*', i)) {
      const end = sql.indexOf('*/', i + 2);
      i = end === -1 ? sql.length : end + 2;
    } else return i;
  }
}

/** The word (or single symbol) at an offset: `QUALIFY`, `::`, `=>`. */
export function wordAt(sql: string, at: number): string {
  const i = firstToken(sql, Math.max(0, at));
  const m = /^(?:[A-Za-z_][A-Za-z0-9_$]*|::|=>|->|[^\sA-Za-z0-9_])/.exec(sql.slice(i, i + 64));
  if (!m) return 'end of input';
  return /^[A-Za-z_]/.test(m[0]) ? m[0].toUpperCase() : m[0];
}

/** What kind of statement a SQL text holds, when it is not a plain query. */
export function statementKind(sql: string): string {
  if (/\bunpivot\b/i.test(sql)) return 'UNPIVOT';
  if (/\bpivot\b/i.test(sql)) return 'PIVOT';
  const first = wordAt(sql, 0);
  return first === 'WITH' || first === 'SELECT' || first === 'FROM' || first === '(' ? 'this query' : `a ${first} statement`;
}

export interface Construct {
  name: string;
  at: number;
}

type Grammar = 'postgresql' | 'snowflake' | 'bigquery';
const ALL: readonly Grammar[] = ['postgresql', 'snowflake', 'bigquery'];

interface Detector {
  name: string;
  /** The node-sql-parser grammars that lack it (measured on node-sql-parser 5.4). */
  lacking: readonly Grammar[];
  /** Does the construct start at token i? */
  at(t: readonly Token[], i: number): boolean;
}

const word = (t: Token | undefined, ...words: string[]): boolean => t !== undefined && t.kind === 'word' && words.includes(t.up);
const op = (t: Token | undefined, ...ops: string[]): boolean => t !== undefined && t.kind === 'op' && ops.includes(t.text);
const seq = (t: readonly Token[], i: number, ...words: string[]): boolean => words.every((w, k) => word(t[i + k], ...w.split('|')));
/** `[` that opens a literal rather than a subscript: nothing that ends an expression before it. */
const EXPR_KEYWORDS = new Set(['SELECT', 'DISTINCT', 'THEN', 'ELSE', 'WHEN', 'AND', 'OR', 'NOT', 'IN', 'BY', 'ALL', 'ANY', 'VALUES', 'IS', 'LIKE', 'RETURN', 'AS']);
const opensLiteral = (prev: Token | undefined): boolean =>
  prev === undefined || (prev.kind === 'op' && prev.text !== ')' && prev.text !== ']') || (prev.kind === 'word' && EXPR_KEYWORDS.has(prev.up));

const DETECTORS: readonly Detector[] = [
  { name: 'a MERGE statement', lacking: ALL, at: (t, i) => i === 0 && word(t[i], 'MERGE') },
  { name: 'PIVOT', lacking: ALL, at: (t, i) => i === 0 && word(t[i], 'PIVOT', 'PIVOT_WIDER') },
  { name: 'UNPIVOT', lacking: ALL, at: (t, i) => i === 0 && word(t[i], 'UNPIVOT', 'PIVOT_LONGER') },
  { name: 'PIVOT', lacking: ['postgresql'], at: (t, i) => word(t[i], 'PIVOT') && op(t[i + 1], '(') },
  { name: 'UNPIVOT', lacking: ['postgresql', 'bigquery'], at: (t, i) => word(t[i], 'UNPIVOT') },
  { name: 'QUALIFY', lacking: ['postgresql', 'bigquery'], at: (t, i) => word(t[i], 'QUALIFY') },
  { name: 'SELECT * EXCLUDE', lacking: ['postgresql', 'bigquery'], at: (t, i) => op(t[i - 1], '*') && word(t[i], 'EXCLUDE') },
  { name: 'SELECT * EXCEPT', lacking: ['postgresql', 'snowflake'], at: (t, i) => op(t[i - 1], '*') && word(t[i], 'EXCEPT') && op(t[i + 1], '(') },
  { name: 'SELECT * REPLACE', lacking: ['postgresql', 'snowflake'], at: (t, i) => op(t[i - 1], '*') && word(t[i], 'REPLACE') },
  { name: 'SELECT * RENAME', lacking: ALL, at: (t, i) => op(t[i - 1], '*') && word(t[i], 'RENAME') },
  { name: 'SELECT * EXCEPT (…) REPLACE (…)', lacking: ALL, at: (t, i) => op(t[i - 1], ')') && word(t[i], 'REPLACE', 'RENAME') && op(t[i + 1], '(') },
  { name: 'STRUCT', lacking: ['postgresql', 'snowflake'], at: (t, i) => word(t[i], 'STRUCT') && op(t[i + 1], '(', '<') },
  { name: 'typed ARRAY<…>', lacking: ['postgresql', 'snowflake'], at: (t, i) => word(t[i], 'ARRAY') && op(t[i + 1], '<') },
  { name: 'array literals ([…])', lacking: ['postgresql', 'snowflake'], at: (t, i) => op(t[i], '[') && opensLiteral(t[i - 1]) },
  { name: 'struct literals ({…})', lacking: ALL, at: (t, i) => op(t[i], '{') },
  { name: 'array subscripts [OFFSET(…)]', lacking: ['snowflake'], at: (t, i) => op(t[i], '[') && word(t[i + 1], 'OFFSET', 'SAFE_OFFSET', 'ORDINAL', 'SAFE_ORDINAL') },
  { name: 'FLATTEN', lacking: ['postgresql', 'bigquery'], at: (t, i) => word(t[i], 'FLATTEN') && op(t[i + 1], '(') },
  { name: 'named arguments (=>)', lacking: ['postgresql', 'bigquery'], at: (t, i) => op(t[i], '=>') },
  { name: ':: casts', lacking: ['bigquery'], at: (t, i) => op(t[i], '::') },
  { name: 'semi-structured paths (a:b)', lacking: ['postgresql'], at: (t, i) => op(t[i], ':') && (t[i - 1]?.kind === 'word' || t[i - 1]?.kind === 'quoted') && t[i + 1]?.kind === 'word' },
  { name: 'a RANGE window frame with an INTERVAL offset', lacking: ['postgresql', 'bigquery'], at: (t, i) => word(t[i], 'RANGE') && (word(t[i + 1], 'INTERVAL') || (word(t[i + 1], 'BETWEEN') && word(t[i + 2], 'INTERVAL'))) },
  { name: 'a GROUPS window frame', lacking: ALL, at: (t, i) => word(t[i], 'GROUPS') && word(t[i + 1], 'BETWEEN', 'UNBOUNDED', 'CURRENT') },
  { name: 'GROUP BY ALL', lacking: ['postgresql', 'bigquery'], at: (t, i) => seq(t, i, 'GROUP', 'BY', 'ALL') },
  { name: 'TABLESAMPLE', lacking: ALL, at: (t, i) => word(t[i], 'TABLESAMPLE', 'SAMPLE') && (op(t[i + 1], '(') || word(t[i + 1], 'BERNOULLI', 'SYSTEM', 'ROW', 'BLOCK', 'RESERVOIR')) },
  { name: 'IGNORE NULLS', lacking: ALL, at: (t, i) => seq(t, i, 'IGNORE|RESPECT', 'NULLS') },
  { name: 'WITHIN GROUP', lacking: ALL, at: (t, i) => seq(t, i, 'WITHIN', 'GROUP') },
  { name: 'SAFE_CAST', lacking: ['postgresql', 'snowflake'], at: (t, i) => word(t[i], 'SAFE_CAST') && op(t[i + 1], '(') },
  { name: 'TRY_CAST', lacking: ['postgresql', 'bigquery'], at: (t, i) => word(t[i], 'TRY_CAST') && op(t[i + 1], '(') },
  { name: 'FOR UPDATE', lacking: ALL, at: (t, i) => seq(t, i, 'FOR', 'UPDATE|SHARE|NO|KEY') },
  { name: 'MATERIALIZED CTEs', lacking: ALL, at: (t, i) => word(t[i], 'AS') && (word(t[i + 1], 'MATERIALIZED') || seq(t, i + 1, 'NOT', 'MATERIALIZED')) },
  { name: 'CONNECT BY', lacking: ALL, at: (t, i) => seq(t, i, 'CONNECT', 'BY') || seq(t, i, 'START', 'WITH') },
  { name: 'MATCH_RECOGNIZE', lacking: ALL, at: (t, i) => word(t[i], 'MATCH_RECOGNIZE') },
  { name: 'AT TIME ZONE', lacking: ['snowflake', 'bigquery'], at: (t, i) => seq(t, i, 'AT', 'TIME', 'ZONE') },
  { name: 'REGEXP', lacking: ['postgresql', 'bigquery'], at: (t, i) => word(t[i], 'REGEXP') && !op(t[i + 1], '(') },
  { name: 'RLIKE', lacking: ALL, at: (t, i) => word(t[i], 'RLIKE') && !op(t[i + 1], '(') },
  { name: 'MINUS', lacking: ['postgresql', 'snowflake'], at: (t, i) => word(t[i], 'MINUS') && word(t[i + 1], 'SELECT', 'ALL', 'DISTINCT') },
  { name: 'EXCEPT DISTINCT', lacking: ['postgresql', 'snowflake'], at: (t, i) => seq(t, i, 'EXCEPT|INTERSECT', 'DISTINCT') },
  { name: 'UNION BY NAME', lacking: ALL, at: (t, i) => seq(t, i, 'BY', 'NAME') },
  { name: 'NULLS FIRST/LAST', lacking: ['bigquery'], at: (t, i) => seq(t, i, 'NULLS', 'FIRST|LAST') },
  { name: 'aggregate FILTER (WHERE …)', lacking: ['bigquery'], at: (t, i) => word(t[i], 'FILTER') && op(t[i + 1], '(') && word(t[i + 2], 'WHERE') },
  { name: 'ILIKE', lacking: ['bigquery'], at: (t, i) => word(t[i], 'ILIKE') },
  { name: 'SIMILAR TO', lacking: ['bigquery'], at: (t, i) => seq(t, i, 'SIMILAR', 'TO') },
  { name: 'WITH RECURSIVE', lacking: ['bigquery'], at: (t, i) => seq(t, i, 'WITH', 'RECURSIVE') },
  { name: 'positional parameters ($1)', lacking: ['bigquery'], at: (t, i) => t[i]?.kind === 'param' && /^\$\d/.test(t[i]!.text) },
  { name: 'JSON operators (->, ->>)', lacking: ['bigquery'], at: (t, i) => op(t[i], '->', '->>', '#>', '#>>') },
  { name: "INTERVAL '…' literals", lacking: ['bigquery'], at: (t, i) => word(t[i], 'INTERVAL') && t[i + 1]?.kind === 'string' },
  { name: "E'…' strings", lacking: ['postgresql'], at: (t, i) => t[i]?.kind === 'string' && /^[eE]'/.test(t[i]!.text) },
  { name: 'triple-quoted strings', lacking: ['bigquery'], at: (t, i) => t[i]?.kind === 'string' && /^[rRbB]?('''|""")/.test(t[i]!.text) },
  { name: 'a trailing comma in the select list', lacking: ['snowflake'], at: (t, i) => op(t[i], ',') && word(t[i + 1], 'FROM') },
];

/** Every known construct the dialect's grammar lacks, in text order, with its first token's index. */
export function unsupportedConstructs(tokens: readonly Token[], grammar: string): (Construct & { token: number })[] {
  const detectors = DETECTORS.filter((d) => d.lacking.includes(grammar as Grammar));
  const out: (Construct & { token: number })[] = [];
  for (let i = 0; i < tokens.length; i++) {
    for (const d of detectors) if (d.at(tokens, i)) out.push({ name: d.name, at: tokens[i]!.start, token: i });
  }
  return out;
}

/** A grammar stops within a few tokens of the start of what it lacks. */
const NEAR_TOKENS = 16;

/**
 * What node-sql-parser could not analyse, for a statement its grammar rejected at `failedAt`:
 * the statement's kind when it is one the grammar lacks (MERGE), else the known construct
 * nearest before that offset (a parser stops at or a little after the start of what it lacks),
 * else the word it stopped at (`the type VARCHAR` in a cast).
 */
export function nameRejected(tokens: readonly Token[], failedAt: number, grammar: string): Construct {
  const k = tokens.findIndex((t) => t.end > failedAt);
  const stop = k < 0 ? tokens.length : k;
  const found = unsupportedConstructs(tokens, grammar);
  const statement = found.find((c) => c.token === 0);
  if (statement) return { name: statement.name, at: statement.at };
  const near = found.filter((c) => c.token <= stop && stop - c.token <= NEAR_TOKENS);
  // A call the failure lies inside (FLATTEN(input => …)) names it better than what is inside it.
  const before = near.find((c) => op(tokens[c.token + 1], '(') && closing(tokens, c.token + 1) >= stop) ?? near.at(-1);
  if (before) return { name: before.name, at: before.at };
  const tok = tokens[stop];
  if (!tok) return { name: 'the end of the statement', at: failedAt };
  const shown = tok.kind === 'word' ? tok.up : tok.text;
  if (tok.kind === 'word' && (op(tokens[stop - 1], '::') || (word(tokens[stop - 1], 'AS') && insideCast(tokens, stop - 1)))) return { name: `the type ${shown}`, at: tok.start };
  // `cast(x as numeric(10, 2))`: the type's parameters.
  const type = tokens[stop - 1];
  if (op(tok, '(') && type?.kind === 'word' && word(tokens[stop - 2], 'AS') && insideCast(tokens, stop - 2)) return { name: `the parameterised type ${type.up}(…)`, at: type.start };
  return { name: `'${shown}'`, at: tok.start };
}

/** Index of the token closing the bracket at `open`, or the token count when it is never closed. */
function closing(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let j = open; j < tokens.length; j++) {
    const t = tokens[j]!;
    if (op(t, '(', '[')) depth++;
    else if (op(t, ')', ']') && --depth === 0) return j;
  }
  return tokens.length;
}

/** Is token i inside the parentheses of CAST(…), SAFE_CAST(…) or TRY_CAST(…)? */
function insideCast(tokens: readonly Token[], i: number): boolean {
  let depth = 0;
  for (let j = i - 1; j >= 0; j--) {
    const t = tokens[j]!;
    if (op(t, ')')) depth++;
    else if (op(t, '(')) {
      if (depth === 0) return word(tokens[j - 1], 'CAST', 'SAFE_CAST', 'TRY_CAST');
      depth--;
    }
  }
  return false;
}
