/**
 * BigQuery DDL → DuckDB: CREATE TABLE / VIEW / SCHEMA with their PARTITION BY, CLUSTER BY and
 * OPTIONS kept as metadata, DROP, and ALTER TABLE split into one statement per action.
 */
import { FakeSqlError, quoteDuck, rewriteTokens, rewriteType, type RewriteContext } from './rewrite.js';
import { closing, isPunct, isWord, significant, splitArgs, text, type Token } from './tokens.js';
import type { Step, TableExtras } from './translate.js';

/** Reads a dotted name (`p`.`d`.`t`, `p.d.t`, d.t) starting at sig[i]; returns parts and next index. */
export function readName(sig: Token[], i: number): { parts: string[]; next: number } {
  const parts: string[] = [];
  let j = i;
  for (;;) {
    const t = sig[j];
    if (!t || (t.kind !== 'qident' && t.kind !== 'ident')) break;
    parts.push(...(t.kind === 'qident' ? (t.parts ?? [t.value]) : [t.text]));
    if (!isPunct(sig[j + 1], '.')) {
      j++;
      break;
    }
    j += 2;
  }
  if (parts.length === 0) throw new FakeSqlError('invalidQuery', `Syntax error: expected a name at '${text(sig.slice(i, i + 3))}'`);
  return { parts, next: j };
}

const duckName = (parts: string[]): string => parts.map(quoteDuck).join('.');

/** OPTIONS(k=v, …) → {k: v as written}. */
function readOptions(group: Token[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of splitArgs(group)) {
    const sig = significant(item);
    const eq = sig.findIndex((t) => isPunct(t, '='));
    if (eq > 0) out[sig[0]!.value] = text(sig.slice(eq + 1)).trim();
  }
  return out;
}

/** Index (in sig) of a top-level keyword, or -1. */
export function findTop(sig: Token[], from: number, word: string): number {
  let depth = 0;
  for (let i = from; i < sig.length; i++) {
    const t = sig[i];
    if (isPunct(t, '(') || isPunct(t, '[')) depth++;
    if (isPunct(t, ')') || isPunct(t, ']')) depth--;
    if (depth === 0 && isWord(t, word)) return i;
  }
  return -1;
}

/** A column definition list `(a INT64 NOT NULL, b STRING, primary key (a) not enforced)` → DuckDB. */
function columnDefs(group: Token[]): string {
  const cols: string[] = [];
  for (const def of splitArgs(group)) {
    const sig = significant(def);
    if (sig.length === 0 || isWord(sig[0], 'primary', 'foreign', 'constraint')) continue;
    const name = sig[0]!;
    let end = sig.length;
    for (let i = 1; i < sig.length; i++) {
      if (isWord(sig[i], 'not', 'primary', 'references', 'options', 'default', 'collate')) {
        end = i;
        break;
      }
    }
    const notNull = sig.some((t, i) => isWord(t, 'not') && isWord(sig[i + 1], 'null'));
    cols.push(`${quoteDuck(name.kind === 'qident' ? name.value : name.text)} ${rewriteType(sig.slice(1, end))}${notNull ? ' NOT NULL' : ''}`);
  }
  return cols.join(', ');
}

export function createTable(sig: Token[], all: Token[], ctx: RewriteContext): Step[] {
  const replace = isWord(sig[1], 'or');
  let i = replace ? 3 : 1;
  const temp = isWord(sig[i], 'temp', 'temporary');
  if (temp) i++;
  i++; // TABLE
  const ifNotExists = isWord(sig[i], 'if');
  if (ifNotExists) i += 3;
  const { parts, next } = readName(sig, i);
  i = next;
  if (isWord(sig[i], 'clone')) {
    // A table clone: the same rows (DuckDB copies them) and the source's table metadata.
    const source = readName(sig, i + 1).parts;
    const head = `CREATE ${replace ? 'OR REPLACE ' : ''}TABLE ${ifNotExists ? 'IF NOT EXISTS ' : ''}${duckName(parts)}`;
    return [{ sql: `${head} AS SELECT * FROM ${duckName(source)}`, statementType: 'CREATE_TABLE', target: parts, cloneOf: source }];
  }
  let columns: string | null = null;
  if (isPunct(sig[i], '(')) {
    const end = closing(sig, i);
    columns = columnDefs(sig.slice(i + 1, end));
    i = end + 1;
  }
  const extras: TableExtras = { options: {} };
  const asAt = findTop(sig, i, 'as');
  const header = sig.slice(i, asAt < 0 ? sig.length : asAt);
  for (let h = 0; h < header.length; h++) {
    if (isWord(header[h], 'partition') && isWord(header[h + 1], 'by')) {
      const stop = header.findIndex((t, k) => k > h + 1 && isWord(t, 'cluster', 'options'));
      extras.partitionBy = text(header.slice(h + 2, stop < 0 ? header.length : stop).map((t) => ({ ...t, text: t.text + ' ' }))).trim().replace(/\s+/g, ' ');
    } else if (isWord(header[h], 'cluster') && isWord(header[h + 1], 'by')) {
      const stop = header.findIndex((t, k) => k > h + 1 && isWord(t, 'options'));
      extras.clusterBy = splitArgs(header.slice(h + 2, stop < 0 ? header.length : stop)).map((c) => text(c).trim());
    } else if (isWord(header[h], 'options') && isPunct(header[h + 1], '(')) {
      extras.options = readOptions(header.slice(h + 2, closing(header, h + 1)));
    }
  }
  const head = `CREATE ${replace ? 'OR REPLACE ' : ''}${temp ? 'TEMP ' : ''}TABLE ${ifNotExists ? 'IF NOT EXISTS ' : ''}${duckName(parts)}`;
  const base = { target: parts, extras, temp };
  if (asAt < 0) return [{ ...base, sql: `${head} (${columns ?? ''})`, statementType: 'CREATE_TABLE' }];
  // The query: everything after AS in the original token stream (comments and spacing kept).
  const asToken = sig[asAt]!;
  const query = rewriteTokens(all.slice(all.indexOf(asToken) + 1), ctx);
  if (columns === null) return [{ ...base, sql: `${head} AS ${query}`, statementType: 'CREATE_TABLE_AS_SELECT' }];
  // DuckDB has no column list in CREATE TABLE AS: declare the table, then fill it.
  return [
    { ...base, sql: `${head} (${columns})`, statementType: 'CREATE_TABLE_AS_SELECT' },
    { sql: `INSERT INTO ${duckName(parts)} SELECT * FROM (${query})`, statementType: 'INSERT', target: parts },
  ];
}

export function createView(sig: Token[], all: Token[], ctx: RewriteContext): Step {
  const replace = isWord(sig[1], 'or');
  let i = replace ? 3 : 1;
  const materialized = isWord(sig[i], 'materialized');
  if (materialized) i++;
  i++; // VIEW
  const ifNotExists = isWord(sig[i], 'if');
  if (ifNotExists) i += 3;
  const { parts, next } = readName(sig, i);
  const asAt = findTop(sig, next, 'as');
  const extras: TableExtras = { options: {} };
  const opt = sig.findIndex((t, k) => k >= next && k < asAt && isWord(t, 'options'));
  if (opt >= 0) extras.options = readOptions(sig.slice(opt + 2, closing(sig, opt + 1)));
  const query = rewriteTokens(all.slice(all.indexOf(sig[asAt]!) + 1), ctx);
  return { sql: `CREATE ${replace ? 'OR REPLACE ' : ''}VIEW ${ifNotExists ? 'IF NOT EXISTS ' : ''}${duckName(parts)} AS ${query}`, statementType: 'CREATE_VIEW', target: parts, extras };
}

export function createSchema(sig: Token[]): Step {
  let i = 2;
  const ifNotExists = isWord(sig[i], 'if');
  if (ifNotExists) i += 3;
  const { parts } = readName(sig, i);
  return { sql: `CREATE SCHEMA ${ifNotExists ? 'IF NOT EXISTS ' : ''}${duckName(parts)}`, statementType: 'CREATE_SCHEMA', target: parts };
}

export function drop(sig: Token[]): Step {
  let i = 1;
  let kind = sig[i]!.value;
  if (kind === 'materialized' || kind === 'external') {
    kind = kind === 'materialized' ? 'view' : 'table';
    i++;
  }
  i++;
  const ifExists = isWord(sig[i], 'if');
  if (ifExists) i += 2;
  const { parts, next } = readName(sig, i);
  const cascade = isWord(sig[next], 'cascade');
  const k = kind === 'schema' ? 'SCHEMA' : kind === 'view' ? 'VIEW' : 'TABLE';
  return { sql: `DROP ${k} ${ifExists ? 'IF EXISTS ' : ''}${duckName(parts)}${cascade ? ' CASCADE' : ''}`, statementType: `DROP_${k}`, target: parts };
}

/** ALTER TABLE with several actions → one DuckDB ALTER per action; SET OPTIONS only updates metadata. */
export function alterTable(sig: Token[], all: Token[]): Step[] {
  let i = 2;
  if (isWord(sig[i], 'if')) i += 2;
  const { parts, next } = readName(sig, i);
  const name = duckName(parts);
  const rest = next < sig.length ? all.slice(all.indexOf(sig[next]!)) : [];
  return splitArgs(rest).map((action): Step => {
    const a = significant(action);
    const base = { statementType: 'ALTER_TABLE', target: parts };
    const ident = (t: Token | undefined): string => quoteDuck(t?.kind === 'qident' ? t.value : t?.text ?? '');
    if (isWord(a[0], 'add') && isWord(a[1], 'column')) {
      const ine = isWord(a[2], 'if');
      const col = a[ine ? 5 : 2];
      const typeTokens = a.slice(ine ? 6 : 3);
      const notNull = typeTokens.findIndex((t, k) => isWord(t, 'not') && isWord(typeTokens[k + 1], 'null'));
      const type = rewriteType(notNull < 0 ? typeTokens : typeTokens.slice(0, notNull));
      return { ...base, sql: `ALTER TABLE ${name} ADD COLUMN ${ine ? 'IF NOT EXISTS ' : ''}${ident(col)} ${type}` };
    }
    if (isWord(a[0], 'alter') && isWord(a[1], 'column') && isWord(a[3], 'set')) {
      return { ...base, sql: `ALTER TABLE ${name} ALTER COLUMN ${ident(a[2])} SET DATA TYPE ${rewriteType(a.slice(6))}` };
    }
    if (isWord(a[0], 'set') && isWord(a[1], 'options')) {
      return { ...base, sql: '', extras: { options: readOptions(a.slice(3, -1)) } };
    }
    return { ...base, sql: `ALTER TABLE ${name} ${rewriteTokens(action, { variables: new Set() }).trim()}` };
  });
}

/** DECLARE a[, b] TYPE [DEFAULT expr] → DuckDB variables. */
