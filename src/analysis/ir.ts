/**
 * The dialect-neutral shape static analysis works on. Each parser adapter (DuckDB's own
 * parser, node-sql-parser) converts its syntax tree into this; scope resolution, schema
 * inference and lineage only ever see these types. Deliberately small: what a construct means
 * for columns (which names it reads, which it outputs) and nothing else.
 *
 * `at` is a 0-based character offset into the SQL that was parsed; -1 when the parser gave none.
 */

export type Expr =
  /**
   * A column reference: `a`, `t.a`, `schema.t.a`, or `col.field` (struct access). `quiet`: it may
   * not be a column at all (DuckDB's `x.upper()` is `upper(x)` unless x is a schema): not found is
   * no finding.
   */
  | { k: 'col'; parts: string[]; at: number; quiet?: boolean }
  /** `*`, `t.*`, with DuckDB's EXCLUDE/REPLACE and BigQuery/Snowflake's EXCEPT/EXCLUDE. */
  | { k: 'star'; qualifier: string[] | null; exclude: string[]; replace: { name: string; expr: Expr }[]; rename: { from: string; to: string }[]; at: number }
  /** A projection whose columns cannot be known statically (DuckDB `COLUMNS(...)`, `*` with a regex). */
  | { k: 'dynamic'; what: string; args: Expr[]; at: number }
  /**
   * A function call; `agg` when it aggregates rows (with or without OVER), `over` for window
   * functions; `fields` when it builds a struct of named fields (`{'k': x}`, `struct_pack(k := x)`):
   * the name of each argument.
   */
  | { k: 'fn'; name: string; args: Expr[]; agg: boolean; over: boolean; at: number; fields?: string[] }
  /** A subquery used as an expression (scalar, EXISTS, IN); `args` are the expressions beside it (`x IN (…)`). */
  | { k: 'sub'; query: Query; args: Expr[]; at: number }
  /** DuckDB lambdas `x -> x + 1`: the parameters shadow columns inside the body. */
  | { k: 'lambda'; params: string[]; body: Expr }
  | { k: 'cast'; type: string; arg: Expr; at: number }
  | { k: 'lit'; type: string | null }
  /** DuckDB's positional reference `#1`. */
  | { k: 'pos'; index: number }
  /** Every other operator (arithmetic, comparison, CASE, BETWEEN, IS NULL, …): only its operands matter. */
  | { k: 'op'; args: Expr[] };

export interface SelectItem {
  expr: Expr;
  alias: string | null;
  at: number;
}

export interface Cte {
  name: string;
  /** `with c(a, b) as (…)`: renames the outputs. */
  columns: string[];
  query: Query;
  /** The query may read the CTE itself (WITH RECURSIVE). */
  recursive: boolean;
  at: number;
}

export type Query =
  | {
      k: 'select';
      ctes: Cte[];
      from: From | null;
      items: SelectItem[];
      where: Expr | null;
      groupBy: Expr[];
      having: Expr | null;
      qualify: Expr | null;
      /** ORDER BY, DISTINCT ON, LIMIT: they read columns but output none. */
      modifiers: Expr[];
      at: number;
    }
  | { k: 'setop'; ctes: Cte[]; op: string; byName: boolean; left: Query; right: Query; modifiers: Expr[]; at: number }
  /** `VALUES (…), (…)`: DuckDB names its columns col0, col1, … */
  | { k: 'values'; rows: Expr[][]; at: number }
  /** A query the adapter could not model (PIVOT, …): its columns are unknown. */
  | { k: 'opaque'; what: string; at: number };

export type From =
  | { k: 'table'; parts: string[]; alias: string | null; colAliases: string[]; at: number }
  | { k: 'query'; query: Query; alias: string | null; colAliases: string[]; at: number }
  /** A table function (`unnest(…)`, `read_csv(…)`, `flatten(…)`): its columns are unknown unless aliased. */
  | { k: 'fn'; name: string; args: Expr[]; alias: string | null; colAliases: string[]; at: number }
  /** `rightHidden`: SEMI and ANTI joins output only the left side's columns. */
  | { k: 'join'; left: From; right: From; on: Expr | null; using: string[]; natural: boolean; rightHidden: boolean; at: number }
  | { k: 'opaque'; what: string; alias: string | null; at: number };

/** One statement of a compiled node, or why it could not be analysed. */
export type ParsedStatement = { ok: true; query: Query } | { ok: false; kind: 'unsupported'; what: string; at: number };

/** What a parser adapter returns for one compiled SQL text. */
export type ParseOutcome =
  | { ok: true; statements: ParsedStatement[] }
  /** A syntax error: exact for DuckDB; node-sql-parser failures are reported as 'unsupported' instead. */
  | { ok: false; kind: 'syntax'; message: string; at: number }
  | { ok: false; kind: 'unsupported'; what: string; at: number };
