/**
 * Syntax errors that are certain whatever a grammar covers, for SQL node-sql-parser rejected:
 * its grammar has gaps, so its rejection alone is only a warning (TX0511); these token-level
 * mistakes are errors (TX0510) in every warehouse tx targets. Deliberately few:
 * - an unterminated string, quoted identifier or comment;
 * - brackets that do not pair up: `)` closing nothing, `(` never closed, `(` closed by `]`;
 * - two comparison operators in a row (`= =`, `= <>`) and two commas in a row (`a,, b`);
 * - Postgres only: a comma right before FROM or a closing parenthesis (`select a, from t`,
 *   `f(a, )`); BigQuery, Snowflake and DuckDB accept a trailing comma in a select list.
 */
import type { Lexed, Token } from './sql-lexer.js';

export interface CertainError {
  message: string;
  at: number;
}

const COMPARISONS = new Set(['=', '<>', '!=', '<=', '>=']);
const OPENERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const CLOSERS = new Set([')', ']', '}']);

const isOp = (t: Token | undefined, ...ops: string[]): boolean => t !== undefined && t.kind === 'op' && ops.includes(t.text);

export function certainSyntaxError(lexed: Lexed, dialect: string): CertainError | undefined {
  if (lexed.error) return lexed.error;
  const toks = lexed.tokens;
  const open: Token[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    const next = toks[i + 1];
    if (t.kind !== 'op') continue;
    if (OPENERS[t.text] !== undefined) open.push(t);
    else if (CLOSERS.has(t.text)) {
      const o = open.pop();
      if (!o) return { message: `'${t.text}' closes nothing`, at: t.start };
      if (OPENERS[o.text] !== t.text) return { message: `'${o.text}' is closed by '${t.text}'`, at: t.start };
    } else if (COMPARISONS.has(t.text) && next && next.kind === 'op' && COMPARISONS.has(next.text)) {
      return { message: `at or near "${next.text}": '${t.text}' cannot be followed by '${next.text}'`, at: next.start };
    } else if (t.text === ',' && isOp(next, ',')) {
      return { message: 'at or near ",": two commas in a row', at: next!.start };
    } else if (dialect === 'postgresql' && t.text === ',' && next && ((next.kind === 'word' && next.up === 'FROM') || isOp(next, ')'))) {
      return { message: `at or near "${next.text}": a trailing comma before ${next.kind === 'word' ? 'FROM' : "')'"}`, at: t.start };
    }
  }
  const unclosed = open.pop();
  if (unclosed) return { message: `'${unclosed.text}' is never closed`, at: unclosed.start };
  return undefined;
}
