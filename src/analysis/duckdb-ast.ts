/**
 * DuckDB's serialized syntax tree (`json_serialize_sql`, parse only, nothing bound) → the IR.
 * Unknown node kinds degrade: an unknown expression keeps the columns found inside it, an unknown
 * query or table reference becomes opaque (its columns unknown), so a DuckDB release adding a
 * construct never produces a false error.
 */
import type { Cte, Expr, From, Query, SelectItem } from './ir.js';
import { isAggregate } from './aggregates.js';

type J = Record<string, unknown>;

/** Maps DuckDB's byte offsets to character offsets. */
export type OffsetMap = (byteOffset: number) => number;

const obj = (v: unknown): J | null => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as J) : null);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export class DuckDbConverter {
  constructor(private readonly offset: OffsetMap) {}

  private at(n: J): number {
    const q = n['query_location'];
    // An absent location is 2^64-1 in the JSON.
    return typeof q === 'number' && q >= 0 && q < 1e15 ? this.offset(q) : -1;
  }

  statement(stmt: unknown): Query {
    return this.query(obj(obj(stmt)?.['node']));
  }

  query(n: J | null): Query {
    if (!n) return { k: 'opaque', what: 'empty query', at: -1 };
    const ctes = this.ctes(obj(n['cte_map']));
    const modifiers = this.modifiers(n);
    switch (n['type']) {
      case 'SELECT_NODE': {
        const from = this.from(obj(n['from_table']));
        const items: SelectItem[] = arr(n['select_list']).map((e) => {
          const j = obj(e) ?? {};
          return { expr: this.selectExpr(j), alias: str(j['alias']) || null, at: this.at(j) };
        });
        return {
          k: 'select', ctes, from, items,
          where: this.optExpr(n['where_clause']),
          groupBy: arr(n['group_expressions']).map((e) => this.expr(e)),
          having: this.optExpr(n['having']),
          qualify: this.optExpr(n['qualify']),
          modifiers, at: -1,
        };
      }
      case 'SET_OPERATION_NODE': {
        const kids = arr(n['children']);
        const left = this.query(obj(n['left'] ?? kids[0]));
        const right = this.query(obj(n['right'] ?? kids[1]));
        const op = str(n['setop_type']);
        return { k: 'setop', ctes, op, byName: op === 'UNION_BY_NAME', left, right, modifiers, at: -1 };
      }
      case 'RECURSIVE_CTE_NODE':
        return { k: 'setop', ctes, op: 'UNION', byName: false, left: this.query(obj(n['left'])), right: this.query(obj(n['right'])), modifiers, at: -1 };
      case 'CTE_NODE': {
        // Older serializations: one CTE wrapping the rest of the query.
        const child = this.query(obj(n['child']));
        const cte: Cte = { name: str(n['ctename'] ?? n['cte_name']), columns: arr(n['aliases']).map(str), query: this.query(obj(n['query'])), recursive: false, at: -1 };
        return 'ctes' in child ? { ...child, ctes: [cte, ...child.ctes, ...ctes] } : child;
      }
      default:
        return { k: 'opaque', what: str(n['type']).replace(/_NODE$/, '') || 'query', at: -1 };
    }
  }

  private ctes(m: J | null): Cte[] {
    return arr(m?.['map']).map((entry) => {
      const e = obj(entry) ?? {};
      const v = obj(e['value']) ?? {};
      const node = obj(obj(v['query'])?.['node']);
      return { name: str(e['key']), columns: arr(v['aliases']).map(str), query: this.query(node), recursive: node?.['type'] === 'RECURSIVE_CTE_NODE', at: -1 };
    });
  }

  private modifiers(n: J): Expr[] {
    const out: Expr[] = [];
    for (const m of arr(n['modifiers'])) {
      const j = obj(m) ?? {};
      for (const o of arr(j['orders'])) out.push(this.expr(obj(o)?.['expression']));
      for (const d of arr(j['distinct_on_targets'])) out.push(this.expr(d));
      for (const k of ['limit', 'offset']) if (j[k]) out.push(this.expr(j[k]));
    }
    return out;
  }

  private from(n: J | null): From | null {
    if (!n || n['type'] === 'EMPTY') return null;
    const alias = str(n['alias']) || null;
    const colAliases = arr(n['column_name_alias']).map(str);
    const at = this.at(n);
    switch (n['type']) {
      case 'BASE_TABLE': {
        const parts = [str(n['catalog_name']), str(n['schema_name']), str(n['table_name'])].filter((p) => p !== '');
        return { k: 'table', parts, alias, colAliases, at };
      }
      case 'JOIN': {
        const left = this.from(obj(n['left']));
        const right = this.from(obj(n['right']));
        if (!left || !right) return left ?? right;
        const jt = str(n['join_type']);
        return {
          k: 'join', left, right, on: this.optExpr(n['condition']), using: arr(n['using_columns']).map(str),
          natural: n['ref_type'] === 'NATURAL', rightHidden: jt === 'SEMI' || jt === 'ANTI', at,
        };
      }
      case 'SUBQUERY':
        return { k: 'query', query: this.query(obj(obj(n['subquery'])?.['node'])), alias, colAliases, at };
      case 'TABLE_FUNCTION': {
        const f = obj(n['function']) ?? {};
        return { k: 'fn', name: str(f['function_name']), args: arr(f['children']).map((c) => this.expr(c)), alias, colAliases, at };
      }
      case 'EXPRESSION_LIST': {
        const rows = arr(n['values']).map((r) => arr(r).map((e) => this.expr(e)));
        return { k: 'query', query: { k: 'values', rows, at }, alias, colAliases, at };
      }
      default:
        return { k: 'opaque', what: str(n['type']) || 'table reference', alias, at };
    }
  }

  private optExpr(v: unknown): Expr | null {
    return obj(v) ? this.expr(v) : null;
  }

  /** A select-list entry: `*` may appear here; a `*` nested in an expression (`* like 'a%'`) is dynamic. */
  private selectExpr(n: J): Expr {
    if (n['class'] === 'STAR') return this.star(n);
    return this.expr(n);
  }

  private star(n: J): Expr {
    const at = this.at(n);
    if (n['columns'] === true || n['expr']) return { k: 'dynamic', what: 'COLUMNS(…)', args: n['expr'] ? [this.expr(n['expr'])] : [], at };
    const rel = str(n['relation_name']);
    const exclude = [
      ...arr(n['exclude_list']).map((x) => (typeof x === 'string' ? x : str(obj(x)?.['column']))),
      ...arr(n['qualified_exclude_list']).map((x) => str(obj(x)?.['column'])),
    ].filter((x) => x !== '');
    const replace = arr(n['replace_list']).map((x) => ({ name: str(obj(x)?.['key']), expr: this.expr(obj(x)?.['value']) }));
    const rename = arr(n['rename_list']).map((x) => ({ from: str(obj(obj(x)?.['key'])?.['column']), to: str(obj(x)?.['value']) }));
    return { k: 'star', qualifier: rel ? [rel] : null, exclude, replace, rename, at };
  }

  expr(v: unknown): Expr {
    const n = obj(v);
    if (!n) return { k: 'lit', type: null };
    const at = this.at(n);
    switch (n['class']) {
      case 'COLUMN_REF': {
        const names = n['column_names'];
        return { k: 'col', parts: Array.isArray(names) && names.every((x) => typeof x === 'string') ? (names as string[]) : arr(names).map(str), at };
      }
      case 'CONSTANT': {
        const v = obj(n['value']);
        return { k: 'lit', type: v?.['is_null'] === true || !obj(v?.['type']) ? null : castType(obj(v?.['type'])) };
      }
      case 'STAR': {
        const s = this.star(n);
        return s.k === 'dynamic' ? s : { k: 'dynamic', what: '*', args: [], at };
      }
      case 'FUNCTION': {
        const name = str(n['function_name']);
        const children = arr(n['children']);
        const args: Expr[] = [];
        // `x.upper()` is upper(x) unless x names a schema: the receiver, looked up quietly.
        if (n['schema'] !== undefined || n['catalog'] !== undefined) {
          const receiver = [str(n['catalog']), str(n['schema'])].filter((p) => p !== '');
          if (receiver.length > 0 && !SYSTEM_SCHEMAS.has(receiver.join('.').toLowerCase())) args.push({ k: 'col', parts: receiver, at, quiet: true });
        }
        for (const c of children) args.push(this.expr(c));
        if (n['order_bys'] !== undefined) args.push(...this.orderArgs(n));
        if (n['filter']) args.push(this.expr(n['filter']));
        const fn: Expr = { k: 'fn', name, args, agg: isAggregate(name), over: false, at };
        // `{'k': x}` and struct_pack(k := x): a struct of named fields.
        if (name === 'struct_pack' && children.length > 0 && children.every((c) => str(obj(c)?.['alias']) !== '')) fn.fields = children.map((c) => str(obj(c)?.['alias']));
        return fn;
      }
      case 'WINDOW': {
        const name = str(n['function_name']);
        const args = [...arr(n['children']), ...arr(n['partitions']), ...arr(n['orders']).map((o) => obj(o)?.['expression'])].map((c) => this.expr(c));
        for (const k of ['filter_expr', 'start_expr', 'end_expr', 'offset_expr', 'default_expr']) if (n[k]) args.push(this.expr(n[k]));
        return { k: 'fn', name, args, agg: n['type'] === 'WINDOW_AGGREGATE' || isAggregate(name), over: true, at };
      }
      case 'CAST':
        return { k: 'cast', type: castType(obj(n['cast_type'])), arg: this.expr(n['child']), at };
      case 'SUBQUERY':
        return { k: 'sub', query: this.query(obj(obj(n['subquery'])?.['node'])), args: n['child'] ? [this.expr(n['child'])] : [], at };
      case 'LAMBDA': {
        const lhs = obj(n['lhs']);
        const params = lhs?.['class'] === 'COLUMN_REF' ? [arr(lhs['column_names']).map(str).join('.')] : arr(lhs?.['children']).map((c) => arr(obj(c)?.['column_names']).map(str).join('.'));
        return { k: 'lambda', params, body: this.expr(n['expr']) };
      }
      case 'POSITIONAL_REFERENCE':
        return { k: 'pos', index: typeof n['index'] === 'number' ? n['index'] : 0 };
      case 'PARAMETER':
      case 'DEFAULT':
        return { k: 'lit', type: null };
      // The frequent operator shapes, read directly (the generic walk below allocates more).
      case 'COMPARISON':
        return { k: 'op', args: [this.expr(n['left']), this.expr(n['right'])] };
      case 'CONJUNCTION':
      case 'OPERATOR':
        return { k: 'op', args: arr(n['children']).map((c) => this.expr(c)) };
      case 'BETWEEN':
        return { k: 'op', args: [this.expr(n['input']), this.expr(n['lower']), this.expr(n['upper'])] };
      case 'CASE': {
        const args = arr(n['case_checks']).flatMap((c) => [this.expr(obj(c)?.['when_expr']), this.expr(obj(c)?.['then_expr'])]);
        if (n['else_expr']) args.push(this.expr(n['else_expr']));
        return { k: 'op', args };
      }
      default:
        return { k: 'op', args: this.children(n) };
    }
  }

  private orderArgs(n: J): Expr[] {
    return arr(obj(n['order_bys'])?.['orders']).map((o) => this.expr(obj(o)?.['expression']));
  }

  /** Operands of any other expression: every nested value that is itself an expression. */
  private children(n: J): Expr[] {
    const out: Expr[] = [];
    const visit = (v: unknown): void => {
      if (Array.isArray(v)) for (const x of v) visit(x);
      else if (obj(v)) {
        const j = v as J;
        if (typeof j['class'] === 'string') out.push(this.expr(j));
        else for (const x of Object.values(j)) visit(x);
      }
    };
    for (const [k, v] of Object.entries(n)) if (k !== 'class' && k !== 'type') visit(v);
    return out;
  }
}

/** Schemas a function name may be qualified with: `main.f(x)` is not a method call on a column. */
const SYSTEM_SCHEMAS = new Set(['main', 'pg_catalog', 'information_schema', 'system', 'temp', 'system.main', 'temp.main']);

/** A DuckDB LogicalType as SQL: `INTEGER`, `DECIMAL(10,2)`, a user type's name. */
function castType(t: J | null): string {
  if (!t) return 'UNKNOWN';
  const id = str(t['id']);
  const info = obj(t['type_info']);
  if (id === 'DECIMAL' && info && typeof info['width'] === 'number') return `DECIMAL(${info['width']},${String(info['scale'] ?? 0)})`;
  if ((id === 'UNBOUND' || id === 'USER') && info) return str(info['name'] ?? info['user_type_name']) || id;
  return id;
}
