/**
 * Validates BigQuery SQL with node-sql-parser's `bigquery` grammar. That grammar lacks some
 * GoogleSQL statements tx emits (MERGE, DROP VIEW/SCHEMA, DROP … IF EXISTS, CREATE SCHEMA,
 * DECLARE/SET, CREATE VIEW … OPTIONS, ALTER COLUMN … SET DATA TYPE) and some types
 * (BIGNUMERIC, BYTES, NUMERIC(p, s)); such a statement is checked by parsing equivalent forms the
 * grammar has (its name in a SELECT, its query, its expressions in one SELECT), and its verdict
 * names the reduction. Every reduction is listed in GRAMMAR_GAPS and in README.md.
 */
import nsp from 'node-sql-parser';
import { closing, isPunct, isWord, significant, splitArgs, splitStatements, text, tokenize, type Token } from './tokens.js';

const parser = new nsp.Parser();

export const GRAMMAR_GAPS = {
  'quoted-path': '`p`.`d`.`t` parsed as `p.d.t` (the grammar takes a dotted path in one pair of backticks only in some statements)',
  'types': 'BIGNUMERIC, BYTES and NUMERIC(p, s) parsed as NUMERIC/STRING',
  'if-exists': 'DROP … IF EXISTS parsed without IF EXISTS',
  'drop': 'DROP VIEW / SCHEMA / MATERIALIZED VIEW: the name parsed in a SELECT',
  'create-schema': 'CREATE SCHEMA: the name parsed in a SELECT, its OPTIONS in a CREATE TABLE',
  'view-options': 'CREATE VIEW … OPTIONS(…): the options parsed in a CREATE TABLE, the view without them',
  'merge': 'MERGE: target, source, ON condition, WHEN conditions and every SET/VALUES expression parsed in one SELECT',
  'script': 'DECLARE / SET: the type in a CAST, the value in a SELECT',
  'alter-column-type': 'ALTER COLUMN … SET DATA TYPE: the type parsed in a CAST',
  'array-agg': 'array_agg(DISTINCT x IGNORE NULLS) parsed as array_agg(x)',
  'call': 'CALL BQ.ABORT_SESSION() (a system procedure) accepted as written',
  'not-enforced': 'PRIMARY KEY / REFERENCES … NOT ENFORCED parsed without NOT ENFORCED',
} as const;

export type Reduction = keyof typeof GRAMMAR_GAPS;

export interface Verdict {
  statement: string;
  ok: boolean;
  reductions: Reduction[];
  error?: string;
}

function parses(sql: string): string | null {
  try {
    parser.astify(sql, { database: 'bigquery' });
    return null;
  } catch (e) {
    return e instanceof Error ? e.message.split('\n')[0] ?? e.message : String(e);
  }
}

/** Collapses `a`.`b`.`c` into `a.b.c`, which BigQuery reads the same way. */
function collapsePaths(sql: string): string {
  return sql.replace(/`([^`]+)`(?:\.`([^`]+)`)+/g, (m) => `\`${m.split('`.`').join('.').replace(/^`|`$/g, '')}\``);
}

function simplifyTypes(sql: string): string {
  return sql
    .replace(/\b(numeric|bignumeric|decimal|bigdecimal)\s*\(\s*\d+\s*(,\s*\d+\s*)?\)/gi, 'NUMERIC')
    .replace(/\bbignumeric\b/gi, 'NUMERIC')
    .replace(/\bbytes\b(?!\s*\()/gi, 'STRING');
}

/** All ways a statement is reduced; each entry must parse. */
function reduce(stmt: Token[], reductions: Set<Reduction>): string[] {
  const sig = significant(stmt);
  const all = text(stmt.filter((t) => t.kind !== 'comment')).trim();
  const w = (i: number): string => (sig[i]?.kind === 'ident' ? sig[i]!.value : '');
  if (w(0) === 'call') {
    reductions.add('call');
    return [];
  }
  if (w(0) === 'drop') {
    let rest = all;
    if (/\bif\s+exists\b/i.test(rest)) {
      reductions.add('if-exists');
      rest = rest.replace(/\bif\s+exists\s+/i, '');
    }
    if (w(1) !== 'table') {
      reductions.add('drop');
      const name = /\bdrop\s+(?:materialized\s+view|view|schema|external\s+table)\s+(\S+)/i.exec(rest)?.[1] ?? '';
      return [`select * from ${name}${w(1) === 'schema' ? '.t' : ''}`];
    }
    return [rest.replace(/\s+cascade\s*$/i, '')];
  }
  if (w(0) === 'create' && w(1) === 'schema') {
    reductions.add('create-schema');
    const m = /^create\s+schema\s+(?:if\s+not\s+exists\s+)?(\S+)\s*(options\s*\(.*\))?\s*$/is.exec(all);
    return [`select * from ${m?.[1] ?? ''}.t`, ...(m?.[2] ? [`create table t ${m[2]} as select 1`] : [])];
  }
  if (w(0) === 'create' && (w(1) === 'view' || w(3) === 'view')) {
    const m = /^(create\s+(?:or\s+replace\s+)?view\s+\S+)\s+(options\s*\(.*?\))\s+as\b(.*)$/is.exec(all);
    if (m) {
      reductions.add('view-options');
      return [`${m[1]} as${m[3]}`, `create table t ${m[2]} as select 1`];
    }
  }
  if (w(0) === 'merge') return merge(sig, reductions);
  if (w(0) === 'declare') {
    reductions.add('script');
    const m = /^declare\s+[\w,\s]+?\s+([\w<>(), ]+?)(?:\s+default\s+(.*))?$/is.exec(all);
    return [`select cast(null as ${(m?.[1] ?? '').replace(/^array<(.*)>$/i, '$1')})`, ...(m?.[2] ? [`select ${m[2]}`] : [])];
  }
  if (w(0) === 'set') {
    reductions.add('script');
    const rhs = all.slice(all.indexOf('=') + 1).trim().replace(/^\(\s*select\s+as\s+struct\b/i, '(select');
    return [`select ${rhs}`];
  }
  if (w(0) === 'alter' && /\balter\s+column\s+\S+\s+set\s+data\s+type\s+(.+?);?$/is.test(all)) {
    reductions.add('alter-column-type');
    return [`select cast(null as ${/set\s+data\s+type\s+(.+?);?$/is.exec(all)![1]})`];
  }
  return [all];
}

/** MERGE INTO t AS a USING s AS b ON c WHEN … → one SELECT holding every part. */
function merge(sig: Token[], reductions: Set<Reduction>): string[] {
  reductions.add('merge');
  const at = (word: string, from = 0): number => {
    let depth = 0;
    for (let i = from; i < sig.length; i++) {
      if (isPunct(sig[i], '(')) depth++;
      if (isPunct(sig[i], ')')) depth--;
      if (depth === 0 && isWord(sig[i], word)) return i;
    }
    return -1;
  };
  const using = at('using');
  const on = at('on', using);
  const whens: number[] = [];
  for (let i = on; i >= 0 && i < sig.length; i = at('when', i + 1)) if (isWord(sig[i], 'when')) whens.push(i);
  const target = text(sig.slice(isWord(sig[1], 'into') ? 2 : 1, using).map(spaced));
  const source = text(sig.slice(using + 1, on).map(spaced));
  const cond = text(sig.slice(on + 1, whens[0] ?? sig.length).map(spaced));
  const where = [`(${cond})`];
  const exprs: string[] = [];
  whens.forEach((start, k) => {
    const clause = sig.slice(start, whens[k + 1] ?? sig.length);
    const then = clause.findIndex((t) => isWord(t, 'then'));
    const and = clause.findIndex((t) => isWord(t, 'and'));
    if (and >= 0 && and < then) where.push(`(${text(clause.slice(and + 1, then).map(spaced))})`);
    const action = clause.slice(then + 1);
    if (isWord(action[0], 'update')) {
      for (const a of splitArgs(action.slice(2))) exprs.push(text(a.slice(a.findIndex((t) => isPunct(t, '=')) + 1).map(spaced)));
    } else if (isWord(action[0], 'insert')) {
      const values = action.findIndex((t) => isWord(t, 'values'));
      exprs.push(...splitArgs(action.slice(values + 2, closing(action, values + 1))).map((a) => text(a.map(spaced))));
    }
  });
  return [`select ${exprs.length > 0 ? exprs.join(', ') : '1'} from ${target} cross join ${source} where ${where.join(' and ')}`];
}

const spaced = (t: Token): Token => ({ ...t, text: `${t.text} ` });

export function validateBigQuery(sql: string): Verdict[] {
  return splitStatements(tokenize(sql)).map((stmt) => {
    const statement = text(stmt).trim();
    if (parses(statement) === null) return { statement, ok: true, reductions: [] };
    const reductions = new Set<Reduction>();
    let forms = reduce(stmt, reductions).map((f) => {
      const collapsed = collapsePaths(f);
      if (collapsed !== f) reductions.add('quoted-path');
      return collapsed;
    });
    forms = forms.map((f) => {
      const typed = simplifyTypes(f);
      if (typed !== f) reductions.add('types');
      const agg = typed.replace(/array_agg\(\s*distinct\s+(.*?)\s+ignore\s+nulls\s*\)/gis, 'array_agg($1)');
      if (agg !== typed) reductions.add('array-agg');
      const keys = agg.replace(/\s+not\s+enforced\b/gi, '');
      if (keys !== agg) reductions.add('not-enforced');
      return keys;
    });
    for (const f of forms) {
      const error = parses(f);
      if (error !== null) return { statement, ok: false, reductions: [...reductions], error: `${error}\n  in: ${f}` };
    }
    return { statement, ok: true, reductions: [...reductions] };
  });
}
