/**
 * node-sql-parser's syntax tree → the IR. Its shapes differ between dialect grammars (a column is
 * a string in one, `{expr: {value}}` in another), so every accessor is lenient and an unknown
 * expression keeps only the column references found inside it.
 */
import type { Cte, Expr, From, Query, SelectItem } from './ir.js';
import { isAggregate } from './aggregates.js';
import { TextLocator } from './nsp-locate.js';

export type NspNode = Record<string, unknown>;

const obj = (v: unknown): NspNode | null => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as NspNode) : null);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === null || v === undefined ? [] : [v]);

/** An identifier in any of the grammar's spellings: 'a', {value: 'a'}, {expr: {value: 'a'}}, {name: [{value}]}. */
export function ident(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  const o = obj(v);
  if (!o) return '';
  if ('value' in o) return ident(o['value']);
  if ('expr' in o) return ident(o['expr']);
  // node-sql-parser's bigquery grammar files some function names under `schema` with no name parts.
  if (Array.isArray(o['name'])) return o['name'].length === 0 && 'schema' in o ? ident(o['schema']) : o['name'].map(ident).join('.');
  if ('name' in o) return ident(o['name']);
  return '';
}

const JOIN_WORDS = new Set(['cross', 'natural', 'inner', 'left', 'right', 'full', 'join', 'outer']);

/** Expressions node-sql-parser may file under a column_ref when they carry a subscript. */
const SUBSCRIPTED = new Set(['function', 'aggr_func', 'window_func', 'cast', 'binary_expr', 'case', 'column_ref']);

const LITERALS = new Set([
  'number', 'string', 'single_quote_string', 'double_quote_string', 'natural_string', 'hex_string', 'full_hex_string',
  'bit_string', 'bool', 'boolean', 'null', 'date', 'datetime', 'time', 'timestamp', 'param', 'var', 'origin', 'default',
  'backticks_quote_string', 'regex_string', 'dollar_string',
]);
/** Literal types in generic spelling; the dialect's normalizeType spells them (INT64, integer, NUMBER(38,0)). */
const LITERAL_TYPE: Record<string, string> = { bool: 'BOOLEAN', boolean: 'BOOLEAN', date: 'DATE', timestamp: 'TIMESTAMP', single_quote_string: 'VARCHAR', string: 'VARCHAR' };
const SKIP_KEYS = new Set(['loc', 'type', 'tableList', 'columnList', 'as', 'keyword', 'symbol', 'collate', 'parentheses', 'prefix', 'suffix']);

export class NspConverter {
  /** For what the grammar gives no location (Postgres: table references, select items). */
  private readonly locate: TextLocator;

  constructor(sql: string, dialect: string) {
    this.locate = new TextLocator(sql, dialect);
  }

  private at(n: NspNode | null): number {
    const loc = obj(n?.['loc']);
    const off = obj(loc?.['start'])?.['offset'];
    return typeof off === 'number' ? off : -1;
  }

  /** A select (with its UNION chain in `_next`), or a wrapper {ast}. */
  query(n: NspNode | null): Query {
    if (!n) return { k: 'opaque', what: 'query', at: -1 };
    if (obj(n['ast'])) return this.query(obj(n['ast']));
    if (n['type'] !== 'select') return { k: 'opaque', what: String(n['type'] ?? 'query'), at: this.at(n) };
    const ctes = arr(n['with']).map((w) => this.cte(obj(w)));
    let q: Query = this.select(n, []);
    let cur: NspNode | null = n;
    while (cur && obj(cur['_next'])) {
      const next: NspNode = obj(cur['_next'])!;
      const op = String(cur['set_op'] ?? 'union').toUpperCase();
      q = { k: 'setop', ctes: [], op, byName: /BY NAME/.test(op), left: q, right: this.select(next, []), modifiers: [], at: -1 };
      cur = next;
    }
    return q.k === 'select' || q.k === 'setop' ? { ...q, ctes } : q;
  }

  private cte(w: NspNode | null): Cte {
    const stmt = obj(w?.['stmt']);
    return {
      name: ident(w?.['name']),
      columns: arr(w?.['columns']).map(ident).filter((c) => c !== ''),
      query: this.query(stmt),
      recursive: w?.['recursive'] === true,
      at: this.at(w),
    };
  }

  private select(n: NspNode, ctes: Cte[]): Query {
    const groupBy = obj(n['groupby']) ? arr(obj(n['groupby'])!['columns']) : arr(n['groupby']);
    const cols = n['columns'] === '*' ? [{ expr: { type: 'column_ref', table: null, column: '*' } }] : arr(n['columns']);
    // In text order (the locator searches forwards): items, FROM, then the later clauses.
    const items = cols.map((c) => this.item(obj(c) ?? {}));
    const from = this.fromList(arr(n['from']));
    const where = obj(n['where']) ? this.expr(n['where']) : null;
    const group = groupBy.map((g) => this.expr(g));
    const having = obj(n['having']) ? this.expr(n['having']) : null;
    const qualify = obj(n['qualify']) ? this.expr(n['qualify']) : null;
    const modifiers = [...arr(n['orderby']).map((o) => this.expr(obj(o)?.['expr'])), ...arr(obj(n['limit'])?.['value']).map((v) => this.expr(v))];
    return { k: 'select', ctes, from, items, where, groupBy: group, having, qualify, modifiers, at: this.at(n) };
  }

  private item(c: NspNode): SelectItem {
    const alias = ident(c['as']) || null;
    const own = this.at(c);
    const e = obj(c['expr']);
    const at = own >= 0 ? own : this.locate.item(alias, e?.['type'] === 'column_ref' ? columnParts(e) : null);
    // BigQuery: `t.* except (a, b)` is {type: 'except', expr: star, expr_list}.
    if (c['type'] === 'except' && obj(c['expr'])) {
      const star = this.expr(c['expr'], true);
      const names = arr(c['expr_list']).map((e) => ident(obj(obj(e)?.['expr'])?.['column']) || ident(obj(e)?.['column']));
      return { expr: star.k === 'star' ? { ...star, exclude: names } : star, alias, at };
    }
    return { expr: this.expr(c['expr'], true), alias, at };
  }

  private fromList(items: unknown[]): From | null {
    let acc: From | null = null;
    for (const it of items) {
      const n = obj(it);
      if (!n) continue;
      const right = this.fromItem(n);
      if (!acc) {
        acc = right;
        continue;
      }
      const kind = String(n['join'] ?? '').toUpperCase();
      const using = arr(n['using']).map(ident);
      acc = { k: 'join', left: acc, right, on: obj(n['on']) ? this.expr(n['on']) : null, using, natural: kind.includes('NATURAL'), rightHidden: /SEMI|ANTI/.test(kind), at: this.at(n) };
    }
    return acc;
  }

  private fromItem(n: NspNode): From {
    // node-sql-parser's snowflake grammar reads `t cross join u` as `t` aliased `cross`, joined to
    // `u`: a join keyword is never an unquoted alias.
    const raw = ident(n['as']) || null;
    const alias = raw !== null && JOIN_WORDS.has(raw.toLowerCase()) && typeof n['as'] === 'string' ? null : raw;
    const at = this.at(n);
    const e = obj(n['expr']);
    if (typeof n['table'] === 'string' && !e) {
      const parts = [n['db'], n['schema'], n['table']].map((p) => (typeof p === 'string' ? p : '')).filter((p) => p !== '').flatMap((p) => p.split('.'));
      return { k: 'table', parts, alias, colAliases: [], at: at >= 0 ? at : this.locate.table(parts) };
    }
    // BigQuery `unnest(t.arr) as s`.
    if (n['type'] === 'unnest') return { k: 'fn', name: 'unnest', args: e ? [this.expr(e)] : [], alias, colAliases: [], at };
    if (e && (obj(e['ast']) || e['type'] === 'select')) return { k: 'query', query: this.query(e), alias, colAliases: arr(n['columns']).map(ident), at };
    if (e && e['type'] === 'values') {
      const rows = arr(e['values']).map((r) => arr(obj(r)?.['value']).map((v) => this.expr(v)));
      return { k: 'query', query: { k: 'values', rows, at }, alias, colAliases: arr(n['columns']).map(ident), at };
    }
    if (e) return { k: 'fn', name: ident(e['name']) || String(e['type'] ?? 'function'), args: this.children(e), alias, colAliases: [], at };
    return { k: 'opaque', what: String(n['type'] ?? 'table reference'), alias, at };
  }

  expr(v: unknown, selectItem = false): Expr {
    const n = obj(v);
    if (!n) return { k: 'lit', type: null };
    const at = this.at(n);
    if (obj(n['ast'])) return { k: 'sub', query: this.query(n), args: [], at };
    const type = String(n['type'] ?? '');
    switch (type) {
      case 'column_ref':
        return this.column(n, at, selectItem);
      case 'select':
        return { k: 'sub', query: this.query(n), args: [], at };
      case 'star':
        return { k: 'dynamic', what: '*', args: [], at };
      case 'aggr_func':
      case 'function':
      case 'window_func': {
        const name = ident(n['name']).toLowerCase();
        const over = obj(n['over']) !== null;
        // `timestamp_trunc(x, hour)`, `date_diff(a, b, day)`, `dateadd(day, 1, x)`: the date part
        // is a keyword, not a column.
        const args = DATE_PART_FUNCTIONS.has(name) ? this.children(n).filter((a) => !isDatePart(a)) : this.children(n);
        // COUNT(*) and friends: the star reads no particular column.
        return { k: 'fn', name, args: args.filter((a) => a.k !== 'dynamic'), agg: type === 'aggr_func' || isAggregate(name), over, at };
      }
      case 'cast':
        return { k: 'cast', type: castTarget(obj(arr(n['target'])[0])), arg: this.expr(n['expr']), at };
      default:
        // An integer literal is an integer in every dialect; a decimal one differs (numeric, FLOAT64, NUMBER(p,s)).
        if (type === 'number') return { k: 'lit', type: Number.isInteger(n['value']) ? 'INTEGER' : null };
        if (LITERALS.has(type)) return { k: 'lit', type: LITERAL_TYPE[type] ?? null };
        return { k: 'op', args: this.children(n) };
    }
  }

  private column(n: NspNode, at: number, selectItem: boolean): Expr {
    // BigQuery `f(x)[offset(1)]`: node-sql-parser files a subscripted expression as a column whose
    // `column.expr` is that expression; it reads what the expression reads.
    const inner = obj(obj(n['column'])?.['expr']);
    if (inner && SUBSCRIPTED.has(String(inner['type']))) return this.expr(inner);
    const parts = columnParts(n);
    // Snowflake `f.value:name`: the part before ':' is the column, the rest a path inside it.
    const notations = arr(n['notations']).map(String);
    const colon = notations.indexOf(':');
    const kept = colon > 0 ? parts.slice(parts.length - notations.length - 1, parts.length - notations.length + colon) : parts;
    const last = kept[kept.length - 1];
    if (last === '*') {
      const suffix = obj(n['suffix']);
      const exclude = suffix && /exclude|except/i.test(ident(suffix['name'])) ? this.children(suffix).flatMap((c) => (c.k === 'col' ? [c.parts[c.parts.length - 1]!] : [])) : [];
      const star: Expr = { k: 'star', qualifier: kept.length > 1 ? kept.slice(0, -1) : null, exclude, replace: [], rename: [], at };
      return selectItem ? star : { k: 'dynamic', what: '*', args: [], at };
    }
    // dbt-bigquery's insert_overwrite script declares this variable: it is not a column.
    if (kept.length === 1 && kept[0]!.toLowerCase() === '_dbt_max_partition') return { k: 'lit', type: null };
    return { k: 'col', parts: kept, at };
  }

  /** Every nested expression of a node (function arguments, CASE branches, window specs …). */
  private children(n: NspNode): Expr[] {
    const out: Expr[] = [];
    const visit = (v: unknown, depth: number): void => {
      if (depth > 64) return;
      if (Array.isArray(v)) for (const x of v) visit(x, depth + 1);
      else if (obj(v)) {
        const j = v as NspNode;
        if (obj(j['ast']) || j['type'] === 'select' || (typeof j['type'] === 'string' && (j['type'] === 'column_ref' || j['type'] === 'aggr_func' || j['type'] === 'function' || j['type'] === 'window_func' || j['type'] === 'cast' || LITERALS.has(j['type'])))) out.push(this.expr(j));
        else for (const [k, x] of Object.entries(j)) if (!SKIP_KEYS.has(k) && k !== 'name') visit(x, depth + 1);
      }
    };
    for (const [k, x] of Object.entries(n)) if (!SKIP_KEYS.has(k) && k !== 'name') visit(x, 0);
    return out;
  }
}

/** A cast's target type as written: `DECIMAL(10,2)`, `TIMESTAMP WITH TIME ZONE`, `INT[]`. */
function castTarget(t: NspNode | null): string {
  if (!t) return 'UNKNOWN';
  let out = String(t['dataType'] ?? 'UNKNOWN');
  if (typeof t['length'] === 'number') out += `(${t['length']}${typeof t['scale'] === 'number' ? `,${t['scale']}` : ''})`;
  const suffix = arr(t['suffix']).filter((x): x is string => typeof x === 'string');
  if (suffix.length > 0) out += ` ${suffix.join(' ')}`;
  const dims = obj(t['array'])?.['dimension'];
  if (typeof dims === 'number') out += '[]'.repeat(dims);
  return out;
}

/** A column reference's written parts (`t.col` → ['t', 'col']). */
function columnParts(n: NspNode): string[] {
  return [n['db'], n['schema'], n['table'], n['column']].map(ident).filter((p) => p !== '');
}

/** Functions whose arguments include a date-part keyword (BigQuery, Snowflake, Postgres spellings). */
const DATE_PART_FUNCTIONS = new Set([
  'date_trunc', 'timestamp_trunc', 'datetime_trunc', 'time_trunc', 'date_diff', 'datetime_diff', 'timestamp_diff', 'time_diff',
  'date_add', 'date_sub', 'datetime_add', 'datetime_sub', 'timestamp_add', 'timestamp_sub', 'time_add', 'time_sub',
  'datediff', 'dateadd', 'timestampdiff', 'timestampadd', 'last_day', 'date_part', 'extract',
]);

const DATE_PARTS = new Set([
  'microsecond', 'millisecond', 'second', 'minute', 'hour', 'day', 'dayofweek', 'dayofyear', 'week', 'isoweek', 'month',
  'quarter', 'year', 'isoyear', 'date', 'time', 'days', 'hours', 'minutes', 'seconds', 'months', 'years', 'weeks', 'quarters',
  'dow', 'doy', 'epoch', 'ns', 'us', 'ms', 'nanosecond', 'yy', 'mm', 'dd', 'hh', 'mi', 'ss',
]);

function isDatePart(e: Expr): boolean {
  return e.k === 'col' && e.parts.length === 1 && DATE_PARTS.has(e.parts[0]!.toLowerCase());
}
