/**
 * A BigQuery query (one statement or a script) → the DuckDB statements the fake runs, with what
 * BigQuery would report about each: its statement type, the table a DDL statement targets, and
 * the partitioning, clustering and OPTIONS it declared (kept as table metadata).
 */
import { FakeSqlError, rewriteTokens, rewriteType, type RewriteContext } from './rewrite.js';
import { isPunct, significant, splitStatements, text, tokenize, type Token } from './tokens.js';
import { alterTable, createSchema, createTable, createView, drop, findTop, readName } from './translate-ddl.js';

export interface TableExtras {
  partitionBy?: string;
  clusterBy?: string[];
  options: Record<string, string>;
}

export interface Step {
  sql: string;
  statementType: string;
  /** DDL target as [project?, dataset?, table]. */
  target?: string[];
  extras?: TableExtras;
  temp?: boolean;
  /** Ends the BigQuery session (CALL BQ.ABORT_SESSION()). */
  abortSession?: boolean;
  /** Script variables this step assigns (DuckDB SET VARIABLE). */
  assigns?: string;
  /** CREATE TABLE … CLONE source: the source, whose partitioning, clustering and options the copy takes. */
  cloneOf?: string[];
}

export interface Translation {
  steps: Step[];
  script: boolean;
  variables: string[];
}

/** The original tokens (spacing and comments kept) from a significant token to the end. */
function from(all: Token[], t: Token | undefined): Token[] {
  return t === undefined ? [] : all.slice(all.indexOf(t));
}

function declare(sig: Token[], all: Token[], ctx: RewriteContext): Step[] {
  const defaultAt = findTop(sig, 1, 'default');
  const body = sig.slice(1, defaultAt < 0 ? sig.length : defaultAt);
  const names: string[] = [];
  let k = 0;
  while (body[k] && body[k]!.kind === 'ident' && (isPunct(body[k + 1], ',') || names.length === 0)) {
    names.push(body[k]!.value);
    k += isPunct(body[k + 1], ',') ? 2 : 1;
  }
  const type = rewriteType(body.slice(k));
  const value = defaultAt < 0 ? 'NULL' : rewriteTokens(from(all, sig[defaultAt + 1]), ctx);
  for (const n of names) ctx.variables.add(n);
  return names.map((n) => ({ sql: `SET VARIABLE ${n} = CAST((${value}) AS ${type})`, statementType: 'DECLARE', assigns: n }));
}

/** SET x = expr, SET (x) = (SELECT AS STRUCT …). */
function assign(sig: Token[], all: Token[], ctx: RewriteContext): Step {
  const paren = isPunct(sig[1], '(');
  const name = (paren ? sig[2] : sig[1])!.value;
  if (paren && !isPunct(sig[3], ')')) throw new FakeSqlError('invalidQuery', 'the fake supports SET of one variable only');
  const eq = sig.findIndex((t) => isPunct(t, '='));
  return { sql: `SET VARIABLE ${name} = ${rewriteTokens(from(all, sig[eq + 1]), ctx)}`, statementType: 'ASSIGNMENT', assigns: name };
}

function statement(tokens: Token[], ctx: RewriteContext): Step[] {
  const sig = significant(tokens);
  const w0 = sig[0]!.value;
  const w = (i: number): string => (sig[i]?.kind === 'ident' ? sig[i]!.value : '');
  if (w0 === 'create') {
    const kind = [w(1), w(2), w(3), w(4)].find((x) => ['table', 'view', 'schema'].includes(x));
    if (kind === 'table') return createTable(sig, tokens, ctx);
    if (kind === 'view') return [createView(sig, tokens, ctx)];
    if (kind === 'schema') return [createSchema(sig)];
  }
  if (w0 === 'drop') return [drop(sig)];
  if (w0 === 'alter' && w(1) === 'table') return alterTable(sig, tokens);
  if (w0 === 'declare') return declare(sig, tokens, ctx);
  if (w0 === 'set') return [assign(sig, tokens, ctx)];
  if (w0 === 'call' && /^bq\.abort_session$/i.test(text(sig.slice(1, 4)))) return [{ sql: '', statementType: 'CALL', abortSession: true }];
  if (['begin', 'commit', 'rollback'].includes(w0)) return [{ sql: w0.toUpperCase(), statementType: w0 === 'begin' ? 'BEGIN_TRANSACTION' : w0.toUpperCase() + '_TRANSACTION' }];
  const body = rewriteTokens(tokens, ctx).trim();
  const target = (i: number): string[] | undefined => (sig[i] ? readName(sig, i).parts : undefined);
  switch (w0) {
    case 'select':
    case 'with':
    case '(':
      return [{ sql: body, statementType: 'SELECT' }];
    case 'insert':
      return [{ sql: w(1) === 'into' ? body : body.replace(/^insert/i, 'INSERT INTO'), statementType: 'INSERT', target: target(w(1) === 'into' ? 2 : 1) }];
    case 'delete':
      return [{ sql: w(1) === 'from' ? body : body.replace(/^delete/i, 'DELETE FROM'), statementType: 'DELETE', target: target(w(1) === 'from' ? 2 : 1) }];
    case 'update':
      return [{ sql: body, statementType: 'UPDATE', target: target(1) }];
    case 'merge':
      return [{ sql: w(1) === 'into' ? body : body.replace(/^merge/i, 'MERGE INTO'), statementType: 'MERGE', target: target(w(1) === 'into' ? 2 : 1) }];
    case 'truncate':
      return [{ sql: body, statementType: 'TRUNCATE_TABLE', target: target(2) }];
    default:
      if (isPunct(sig[0], '(')) return [{ sql: body, statementType: 'SELECT' }];
      throw new FakeSqlError('invalidQuery', `Syntax error: Unexpected keyword ${sig[0]!.text.toUpperCase()} at [1:1]`);
  }
}

export function translate(sql: string): Translation {
  const ctx: RewriteContext = { variables: new Set() };
  const statements = splitStatements(tokenize(sql));
  if (statements.length === 0) throw new FakeSqlError('invalidQuery', 'Syntax error: Unexpected end of script');
  const steps = statements.flatMap((s) => statement(s, ctx));
  return { steps, script: statements.length > 1, variables: [...ctx.variables] };
}
