/**
 * One Snowflake statement → the DuckDB statements that do the same on the fake's in-memory
 * databases: unquoted names folded to upper case (quoted ones kept), Snowflake-only DDL words
 * dropped (TRANSIENT, SECURE, COPY GRANTS, dynamic table options) and recorded, qualified
 * temporary tables mapped to DuckDB's temp catalog, Snowflake types and functions mapped,
 * INFORMATION_SCHEMA views replaced by subqueries over DuckDB's catalog.
 */
import { SfError, noSchema } from './errors.js';
import { infoSchemaView } from './info-schema.js';
import { fullName, nameAt, nextSig, type Scope } from './names.js';
import { opToken, qidToken, render, significant, strToken, wordToken, type Token } from './tokens.js';

export type StatementKind = 'query' | 'insert' | 'update' | 'delete' | 'merge' | 'ddl';

/** A dynamic table as `show dynamic tables` reports it (the fake keeps it as a DuckDB view, always fresh). */
export interface DynamicInfo {
  text: string;
  targetLag: string;
  warehouse: string;
  refreshMode: string;
  initialize: string;
  /** ALTER DYNAMIC TABLE … REFRESH statements received. */
  refreshes: number;
}

export interface TranslateContext extends Scope {
  warehouse: string | null;
  role: string | null;
  user: string;
  account: string;
  /** Full names (DB.SCHEMA.NAME) of this session's temporary tables. */
  temps: ReadonlySet<string>;
  transient: readonly string[];
  /** Dynamic tables by full name. */
  dynamic: ReadonlyMap<string, DynamicInfo>;
}

export interface Effects {
  createdTemp?: string;
  created?: { key: string; objType: string; transient: boolean; secure: boolean; dynamic?: DynamicInfo };
  alteredDynamic?: { key: string; set: Partial<Pick<DynamicInfo, 'targetLag' | 'warehouse'>>; refresh: boolean };
  dropped?: string;
  renamed?: { from: string; to: string; objType: string };
  swapped?: { a: string; b: string };
  createdSchema?: { database: string; schema: string };
}

export interface Translation {
  kind: StatementKind;
  /** DuckDB statements in order; empty when the statement only changes fake metadata. */
  sql: string[];
  effects: Effects;
  verb: string;
}

const TYPES: Record<string, string> = {
  NUMBER: 'DECIMAL', TIMESTAMP_NTZ: 'TIMESTAMP', TIMESTAMP_LTZ: 'TIMESTAMPTZ', TIMESTAMP_TZ: 'TIMESTAMPTZ', DATETIME: 'TIMESTAMP',
  VARIANT: 'JSON', OBJECT: 'JSON', FLOAT: 'DOUBLE', FLOAT4: 'DOUBLE', FLOAT8: 'DOUBLE', REAL: 'DOUBLE', BYTEINT: 'TINYINT',
  BINARY: 'BLOB', VARBINARY: 'BLOB',
};
const CONTEXT_FUNCTIONS = ['CURRENT_DATABASE', 'CURRENT_SCHEMA', 'CURRENT_WAREHOUSE', 'CURRENT_ROLE', 'CURRENT_USER', 'CURRENT_ACCOUNT'];
const NOW = ['CURRENT_TIMESTAMP', 'SYSDATE', 'GETDATE', 'LOCALTIMESTAMP'];
const DATEPART_FUNCTIONS: Record<string, string> = { DATEADD: 'SF_DATEADD', TIMESTAMPADD: 'SF_DATEADD', DATEDIFF: 'DATEDIFF', TIMESTAMPDIFF: 'DATEDIFF' };
const CREATE_FLAGS = new Set(['OR', 'REPLACE', 'TRANSIENT', 'SECURE', 'TEMPORARY', 'TEMP', 'LOCAL', 'GLOBAL', 'VOLATILE', 'DYNAMIC', 'RECURSIVE']);
const DROPPED_OPTIONS = new Set(['TARGET_LAG', 'WAREHOUSE', 'REFRESH_MODE', 'INITIALIZE', 'COMMENT', 'DATA_RETENTION_TIME_IN_DAYS', 'CHANGE_TRACKING']);

const blank = (t: Token | undefined): void => {
  if (t) t.text = '';
};
const isWord = (t: Token | undefined, w: string): boolean => t?.kind === 'word' && t.value === w;
const isOp = (t: Token | undefined, op: string): boolean => t?.kind === 'op' && t.text === op;

function contextValue(fn: string, ctx: TranslateContext): string | null {
  const map: Record<string, string | null> = {
    CURRENT_DATABASE: ctx.database, CURRENT_SCHEMA: ctx.schema, CURRENT_WAREHOUSE: ctx.warehouse,
    CURRENT_ROLE: ctx.role, CURRENT_USER: ctx.user, CURRENT_ACCOUNT: ctx.account,
  };
  return map[fn] ?? null;
}

/** Index of the ')' closing the '(' at i. */
function closing(tokens: readonly Token[], i: number): number {
  let depth = 0;
  for (let j = i; j < tokens.length; j++) {
    if (isOp(tokens[j], '(')) depth++;
    else if (isOp(tokens[j], ')') && --depth === 0) return j;
  }
  return tokens.length - 1;
}

/** CREATE …: Snowflake-only words dropped and recorded; temporary tables named for DuckDB's temp catalog. */
function rewriteCreate(tokens: Token[], at: number, ctx: TranslateContext, effects: Effects): Token[][] | null {
  let j = nextSig(tokens, at + 1);
  const flags = new Set<string>();
  while (tokens[j]?.kind === 'word' && CREATE_FLAGS.has(tokens[j]!.value)) {
    const w = tokens[j]!.value;
    flags.add(w);
    if (!['OR', 'REPLACE', 'TEMPORARY', 'TEMP', 'RECURSIVE'].includes(w)) blank(tokens[j]);
    j = nextSig(tokens, j + 1);
  }
  const objType = tokens[j]?.value ?? '';
  const typeAt = j;
  j = nextSig(tokens, j + 1);
  if (isWord(tokens[j], 'IF')) j = nextSig(tokens, nextSig(tokens, nextSig(tokens, j + 1) + 1) + 1);
  const name = nameAt(tokens, j);
  if (!name) return null;
  // A dynamic table is kept as a view: its rows always follow its query (no target_lag to wait for).
  const dynamic = flags.has('DYNAMIC') && objType === 'TABLE';
  if (dynamic) tokens[typeAt] = wordToken('VIEW');
  if (objType === 'SCHEMA') {
    const database = name.parts.length >= 2 ? name.parts[name.parts.length - 2]! : ctx.database;
    if (database !== null) effects.createdSchema = { database, schema: name.parts[name.parts.length - 1]! };
    return null;
  }
  if (objType !== 'TABLE' && objType !== 'VIEW') return null;
  const temporary = flags.has('TEMPORARY') || flags.has('TEMP');
  const key = fullName(name.parts, ctx);
  if (key === null) throw noSchema(`CREATE ${temporary ? 'TEMPTABLE' : objType}`);
  if (temporary) {
    effects.createdTemp = key;
    for (let k = name.start; k < name.end; k++) blank(tokens[k]);
    tokens[name.start] = qidToken(name.parts[name.parts.length - 1]!);
  } else {
    effects.created = { key, objType, transient: flags.has('TRANSIENT'), secure: flags.has('SECURE') };
  }
  const options: Record<string, string> = {};
  const original = render(tokens);
  // Options between the name and AS: COPY GRANTS, dynamic table settings, comments.
  let k = nextSig(tokens, name.end);
  while (k < tokens.length && !isWord(tokens[k], 'AS') && !isOp(tokens[k], '(')) {
    const t = tokens[k]!;
    if (isWord(t, 'CLONE') && objType === 'TABLE') {
      // A zero-copy clone: DuckDB copies the rows (a trailing COPY GRANTS has nothing to copy).
      tokens[k] = opToken('AS SELECT * FROM');
      for (let j = nextSig(tokens, k + 1); j < tokens.length; j = nextSig(tokens, j + 1)) {
        if (isWord(tokens[j], 'COPY') && isWord(tokens[nextSig(tokens, j + 1)], 'GRANTS')) {
          blank(tokens[j]);
          blank(tokens[nextSig(tokens, j + 1)]);
          break;
        }
      }
      break;
    }
    if (isWord(t, 'COPY') && isWord(tokens[nextSig(tokens, k + 1)], 'GRANTS')) {
      blank(t);
      k = nextSig(tokens, k + 1);
      blank(tokens[k]);
    } else if (t.kind === 'word' && DROPPED_OPTIONS.has(t.value)) {
      const eq = nextSig(tokens, k + 1);
      const value = nextSig(tokens, eq + 1);
      const v = tokens[value];
      options[t.value] = v ? (v.kind === 'str' ? v.value : v.kind === 'word' ? v.value : v.text) : '';
      for (let x = k; x <= value; x++) blank(tokens[x]);
      k = value;
    }
    k = nextSig(tokens, k + 1);
  }
  if (dynamic && effects.created) {
    effects.created.dynamic = {
      text: original, targetLag: options['TARGET_LAG'] ?? '', warehouse: options['WAREHOUSE'] ?? ctx.warehouse ?? '',
      // Snowflake reports the mode it chose for AUTO; the fake says INCREMENTAL.
      refreshMode: !options['REFRESH_MODE'] || options['REFRESH_MODE'] === 'AUTO' ? 'INCREMENTAL' : options['REFRESH_MODE'],
      initialize: options['INITIALIZE'] ?? 'ON_CREATE', refreshes: 0,
    };
  }
  // CREATE TABLE t (columns) AS query: DuckDB takes no column list there, so declare, then fill.
  if (objType === 'TABLE' && isOp(tokens[k], '(')) {
    const close = closing(tokens, k);
    const as = nextSig(tokens, close + 1);
    if (isWord(tokens[as], 'AS')) {
      const target = tokens.slice(name.start, name.end).map((x) => ({ ...x }));
      return [tokens.slice(0, as), [wordToken('INSERT'), opToken(' '), wordToken('INTO'), opToken(' '), ...target, opToken(' '), ...tokens.slice(as + 1)]];
    }
  }
  return null;
}

/** ALTER …: renames get an unqualified new name; clustering and refreshes only touch metadata. */
function rewriteAlter(tokens: Token[], at: number, ctx: TranslateContext, effects: Effects): Token[][] | null {
  let j = nextSig(tokens, at + 1);
  const dynamic = isWord(tokens[j], 'DYNAMIC');
  if (dynamic) {
    blank(tokens[j]);
    j = nextSig(tokens, j + 1);
  }
  const objType = tokens[j]?.value ?? '';
  // Dynamic tables are views in the fake.
  if (dynamic && objType === 'TABLE') tokens[j] = wordToken('VIEW');
  if (objType === 'MATERIALIZED') j = nextSig(tokens, j + 1);
  const name = nameAt(tokens, nextSig(tokens, j + 1));
  if (!name || !['TABLE', 'VIEW', 'MATERIALIZED'].includes(objType)) return null;
  const action = nextSig(tokens, name.end);
  const verb = tokens[action]?.value ?? '';
  if (dynamic && (verb === 'SET' || verb === 'REFRESH')) {
    const key = fullName(name.parts, ctx);
    if (key === null || !ctx.dynamic.has(key)) throw new SfError('002003', '02000', `SQL compilation error:\nDynamic table '${name.parts.join('.').toUpperCase()}' does not exist or not authorized.`);
    const set: Partial<Pick<DynamicInfo, 'targetLag' | 'warehouse'>> = {};
    for (let k = nextSig(tokens, action + 1); k < tokens.length; k = nextSig(tokens, k + 1)) {
      const t = tokens[k]!;
      if (t.kind !== 'word' || !['TARGET_LAG', 'WAREHOUSE'].includes(t.value)) continue;
      const v = tokens[nextSig(tokens, nextSig(tokens, k + 1) + 1)];
      const value = v ? (v.kind === 'str' || v.kind === 'word' ? v.value : v.text) : '';
      if (t.value === 'TARGET_LAG') set.targetLag = value;
      else set.warehouse = value;
    }
    effects.alteredDynamic = { key, set, refresh: verb === 'REFRESH' };
    return [];
  }
  if (['CLUSTER', 'RESUME', 'SUSPEND', 'REFRESH', 'SET', 'UNSET'].includes(verb) || (verb === 'DROP' && isWord(tokens[nextSig(tokens, action + 1)], 'CLUSTERING'))) return [];
  if (verb === 'SWAP' && isWord(tokens[nextSig(tokens, action + 1)], 'WITH') && objType === 'TABLE') {
    // SWAP WITH: the two tables exchange names (three renames in DuckDB, inside the statement's lane).
    const other = nameAt(tokens, nextSig(tokens, nextSig(tokens, action + 1) + 1));
    const a = fullName(name.parts, ctx);
    const b = other ? fullName(other.parts, ctx) : null;
    if (!other || a === null || b === null) return null;
    effects.swapped = { a, b };
    const first = tokens.slice(name.start, name.end);
    const second = tokens.slice(other.start, other.end);
    const lastA = name.parts[name.parts.length - 1]!;
    const lastB = other.parts[other.parts.length - 1]!;
    const hold = `${lastA}__fake_swap`;
    const rename = (from: Token[], to: string): Token[] => [wordToken('ALTER'), opToken(' '), wordToken('TABLE'), opToken(' '), ...from.map((x) => ({ ...x })), opToken(' RENAME TO '), qidToken(to)];
    const qualified = (parts: string[], last: string): Token[] => [...parts.slice(0, -1).flatMap((p) => [qidToken(p), opToken('.')]), qidToken(last)];
    return [rename(first, hold), rename(second, lastA), rename(qualified(name.parts, hold), lastB)];
  }
  if (verb === 'RENAME' && isWord(tokens[nextSig(tokens, action + 1)], 'TO')) {
    const to = nameAt(tokens, nextSig(tokens, nextSig(tokens, action + 1) + 1));
    const from = fullName(name.parts, ctx);
    const target = to ? fullName(to.parts, ctx) : null;
    if (to && from && target) {
      effects.renamed = { from, to: target, objType };
      for (let k = to.start; k < to.end; k++) blank(tokens[k]);
      tokens[to.start] = qidToken(to.parts[to.parts.length - 1]!);
    }
  }
  return null;
}

/** Names, types and functions anywhere in the statement. */
function rewriteBody(tokens: Token[], ctx: TranslateContext): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const name = t.text === '' ? null : nameAt(tokens, i);
    if (!name) {
      out.push(t);
      continue;
    }
    const after = nextSig(tokens, name.end);
    const call = isOp(tokens[after], '(') && name.parts.length === 1;
    const word = t.kind === 'word' ? t.value : '';
    if (name.parts.length >= 2 && name.parts[name.parts.length - 2]!.toUpperCase() === 'INFORMATION_SCHEMA') {
      const db = name.parts.length >= 3 ? name.parts[name.parts.length - 3]! : ctx.database;
      const view = infoSchemaView(db ?? '', name.parts[name.parts.length - 1]!.toUpperCase(), ctx.transient, [...ctx.dynamic.keys()]);
      if (view === null) throw new SfError('002003', '02000', `SQL compilation error:\nObject '${name.parts.join('.')}' does not exist or not authorized.`);
      const next = tokens[after];
      const aliased = next?.kind === 'word' && !['WHERE', 'JOIN', 'LEFT', 'RIGHT', 'INNER', 'FULL', 'CROSS', 'ON', 'GROUP', 'ORDER', 'LIMIT', 'UNION', 'AS'].includes(next.value);
      out.push(opToken(view), ...(aliased || isWord(next, 'AS') ? [] : [opToken(` AS ${name.parts[name.parts.length - 1]!.toUpperCase()}`)]));
      i = name.end - 1;
    } else if (name.parts.length >= 2 && ctx.temps.has(fullName(name.parts, ctx) ?? '')) {
      out.push(opToken('TEMP.MAIN.'), qidToken(name.parts[name.parts.length - 1]!));
      i = name.end - 1;
    } else if (call && NOW.includes(word)) {
      out.push(wordToken('CURRENT_TIMESTAMP'));
      i = closing(tokens, after);
    } else if (call && CONTEXT_FUNCTIONS.includes(word)) {
      const v = contextValue(word, ctx);
      out.push(v === null ? wordToken('NULL') : strToken(v));
      i = closing(tokens, after);
    } else if (call && DATEPART_FUNCTIONS[word] !== undefined && tokens[nextSig(tokens, after + 1)]?.kind === 'word') {
      const part = nextSig(tokens, after + 1);
      out.push(wordToken(DATEPART_FUNCTIONS[word]!), opToken('('), strToken(tokens[part]!.value.toLowerCase()));
      i = part;
    } else if (call && word === 'ARRAY_CONSTRUCT') {
      out.push(wordToken('LIST_VALUE'));
    } else if (name.parts.length === 1 && TYPES[word] !== undefined) {
      out.push(wordToken(TYPES[word]!));
      const paren = isOp(tokens[after], '(');
      if (word === 'NUMBER' && !paren) out.push(opToken('(38,0)'));
      // TIMESTAMP_NTZ(9): DuckDB timestamps take no precision.
      if (paren && word !== 'NUMBER') i = closing(tokens, after);
    } else {
      for (let k = name.start; k < name.end; k++) out.push(tokens[k]!);
      i = name.end - 1;
    }
  }
  return out;
}

function kindOf(verb: string): StatementKind {
  switch (verb) {
    case 'SELECT':
    case 'WITH':
    case 'VALUES':
    case 'DESCRIBE':
    case 'SHOW':
      return 'query';
    case 'INSERT':
      return 'insert';
    case 'UPDATE':
      return 'update';
    case 'DELETE':
    case 'TRUNCATE':
      return 'delete';
    case 'MERGE':
      return 'merge';
    default:
      return 'ddl';
  }
}

export function translate(input: readonly Token[], ctx: TranslateContext): Translation {
  const tokens = input.map((t) => ({ ...t }));
  const at = tokens.findIndex((t) => t.kind !== 'ws' && t.kind !== 'comment');
  const verb = tokens[at]?.value ?? '';
  const effects: Effects = {};
  let replaced: Token[][] | null = null;
  if (verb === 'SHOW') {
    const show = showDynamicTables(tokens, ctx);
    if (show !== null) return { kind: 'query', sql: [show], effects, verb };
  }
  if (verb === 'CREATE') replaced = rewriteCreate(tokens, at, ctx, effects);
  else if (verb === 'ALTER') replaced = rewriteAlter(tokens, at, ctx, effects);
  if (verb === 'DROP') dropTarget(tokens, at, ctx, effects);
  if (replaced) return { kind: kindOf(verb), sql: replaced.map((part) => render(rewriteBody(part, ctx))), effects, verb };
  let body = rewriteBody(tokens, ctx);
  const bodySig = significant(body);
  if (verb === 'TRUNCATE') {
    // TRUNCATE [TABLE] [IF EXISTS] t → DELETE FROM t
    let n = 1;
    if (isWord(bodySig[n], 'TABLE')) n++;
    if (isWord(bodySig[n], 'IF')) n += 2;
    body = [wordToken('DELETE'), opToken(' '), wordToken('FROM'), opToken(' '), ...body.slice(body.indexOf(bodySig[n]!))];
  }
  if (verb === 'INSERT' && isWord(bodySig[1], 'OVERWRITE')) {
    const into = body.indexOf(bodySig[2]!);
    const target = nameAt(body, nextSig(body, into + 1));
    const rest = render(body.slice(into + 1));
    const name = target ? render(body.slice(target.start, target.end)) : '';
    return { kind: 'insert', sql: [`DELETE FROM ${name}`, `INSERT INTO ${rest}`], effects, verb };
  }
  return { kind: kindOf(verb), sql: [render(body)], effects, verb };
}

/** DROP [DYNAMIC|MATERIALIZED] kind [IF EXISTS] name: records what goes (DuckDB has no dynamic tables). */
function dropTarget(tokens: Token[], at: number, ctx: TranslateContext, effects: Effects): void {
  let j = nextSig(tokens, at + 1);
  const dynamic = isWord(tokens[j], 'DYNAMIC');
  if (dynamic) blank(tokens[j]);
  if (dynamic || isWord(tokens[j], 'MATERIALIZED')) j = nextSig(tokens, j + 1);
  // Dynamic tables are views in the fake.
  if (dynamic && isWord(tokens[j], 'TABLE')) tokens[j] = wordToken('VIEW');
  j = nextSig(tokens, j + 1);
  if (isWord(tokens[j], 'IF')) j = nextSig(tokens, nextSig(tokens, j + 1) + 1);
  const name = nameAt(tokens, j);
  const key = name ? fullName(name.parts, ctx) : null;
  if (key !== null) effects.dropped = key;
}

const SHOW_COLUMNS = ['name', 'schema_name', 'database_name', 'text', 'target_lag', 'warehouse', 'refresh_mode', 'initialize'];

/** SHOW DYNAMIC TABLES [LIKE 'pattern'] [IN SCHEMA db.schema]: a query over the fake's records. */
function showDynamicTables(tokens: Token[], ctx: TranslateContext): string | null {
  const sig = significant(tokens);
  if (!isWord(sig[1], 'DYNAMIC') || !isWord(sig[2], 'TABLES')) return null;
  let pattern: RegExp | null = null;
  let scope: string | null = null;
  for (let i = 3; i < sig.length; i++) {
    if (isWord(sig[i], 'LIKE') && sig[i + 1]?.kind === 'str') {
      const p = sig[i + 1]!.value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.');
      pattern = new RegExp(`^${p}$`, 'i');
    }
    if (isWord(sig[i], 'SCHEMA')) {
      const at = tokens.indexOf(sig[i + 1]!);
      const name = nameAt(tokens, at);
      if (name) scope = fullName([...name.parts, 'X'], ctx)?.replace(/\.X$/, '') ?? null;
    }
  }
  const q = (v: string): string => `'${v.replace(/'/g, "''")}'`;
  const rows = [...ctx.dynamic.entries()].filter(([key]) => {
    const parts = key.split('.');
    return (scope === null || parts.slice(0, 2).join('.') === scope) && (pattern === null || pattern.test(parts[2] ?? ''));
  }).map(([key, d]) => {
    const [db, schema, name] = key.split('.');
    return `(${[name!, schema!, db!, d.text, d.targetLag, d.warehouse, d.refreshMode, d.initialize].map(q).join(', ')})`;
  });
  const cols = SHOW_COLUMNS.map((c) => `"${c}"`).join(', ');
  if (rows.length === 0) return `SELECT ${SHOW_COLUMNS.map((c) => `CAST(NULL AS VARCHAR) AS "${c}"`).join(', ')} WHERE FALSE`;
  return `SELECT * FROM (VALUES ${rows.join(', ')}) AS t(${cols})`;
}
