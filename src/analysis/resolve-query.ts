/**
 * Resolves a parsed query against its parents' columns: the output shape (names, types, lineage),
 * the columns that filter or join rows, and the findings (unknown columns and aliases, ambiguity,
 * hard-coded relations). CTEs and subqueries are resolved where they appear, once each.
 */
import type { Cte, Expr, From, Query, SelectItem } from './ir.js';
import type { Column, Finding, LineageKind, RowEdge, RowKind, Shape } from './shape.js';
import { mergeOrigins } from './shape.js';
import { Resolver, findRel, lower, rowsOf, type Rel, type Scope } from './scope.js';
import { commonNames, implicitName, qualifiedNames, relOf, rename, setop } from './shape-ops.js';
import { exprInfo, type ExprContext } from './resolve-expr.js';
import { TxCodes } from '../errors/tx-error.js';

/** Table functions with a single output column named after the function (DuckDB, Postgres). */
const SERIES_FUNCTIONS: ReadonlySet<string> = new Set(['generate_series', 'range']);

/** A relation named in SQL, as the project knows it. */
export interface CatalogHit {
  id: string;
  /** e.g. "model 'orders'", for messages. */
  label: string;
  /** How to write it instead: `{{ ref('orders') }}`. */
  jinja: string;
  shape: Shape | null;
}

export interface RelationCatalog {
  /** The relation `parts` names; among several of one name, one in `prefer` first. */
  find(parts: string[], prefer: { has(id: string): boolean }): CatalogHit | undefined;
}

export interface QueryEnv {
  catalog: RelationCatalog;
  /** unique_ids the node reads through ref()/source(), and itself (`{{ this }}`). */
  allowed: { has(id: string): boolean };
  countType: string;
  /** An upstream node's columns as a relation (upstreamShape), memoised across the nodes reading it. */
  upstream(id: string, shape: Shape): Shape;
}

interface CteEnv {
  map: Map<string, Shape>;
  parent: CteEnv | null;
}

export interface QueryResult {
  shape: Shape;
  rowEdges: RowEdge[];
  findings: Finding[];
  /** References that could not be checked (unknown relations' columns). */
  unresolved: number;
  /** Relations that are neither CTEs nor project nodes (external tables, table functions). */
  external: number;
}

export class QueryResolver {
  private readonly findings: Finding[] = [];
  private readonly resolver = new Resolver(this.findings);
  private readonly rowEdges = new Map<string, RowEdge>();
  private readonly hardcoded = new Set<string>();
  private external = 0;
  private readonly ctx: ExprContext;

  constructor(private readonly env: QueryEnv) {
    this.ctx = { resolver: this.resolver, countType: env.countType, subquery: (q, sc) => this.query(q, sc, this.cteStack.at(-1) ?? null) };
  }

  /** The CTE environment in force, for subqueries met inside expressions. */
  private readonly cteStack: CteEnv[] = [];

  resolve(q: Query): QueryResult {
    const shape = this.query(q, null, null);
    return { shape, rowEdges: [...this.rowEdges.values()], findings: this.findings, unresolved: this.resolver.unresolved, external: this.external };
  }

  private query(q: Query, outer: Scope | null, ctes: CteEnv | null): Shape {
    if (q.k === 'opaque') return { columns: [], open: true };
    if (q.k === 'values') return this.values(q.rows, outer);
    const env = this.ctes(q.ctes, outer, ctes);
    this.cteStack.push(env ?? { map: new Map(), parent: null });
    try {
      if (q.k === 'setop') {
        const left = this.query(q.left, outer, env);
        const right = this.query(q.right, outer, env);
        return { ...setop(left, right, q.byName), rows: [...new Set([...(left.rows ?? []), ...(right.rows ?? [])])] };
      }
      return this.select(q, outer, env);
    } finally {
      this.cteStack.pop();
    }
  }

  private ctes(list: Cte[], outer: Scope | null, parent: CteEnv | null): CteEnv | null {
    if (list.length === 0) return parent;
    const env: CteEnv = { map: new Map(), parent };
    for (const c of list) {
      let shape: Shape;
      if (c.recursive && c.query.k === 'setop') {
        // The anchor decides the columns; the recursive part reads them.
        const anchor = this.query(c.query.left, outer, env);
        env.map.set(lower(c.name), rename(anchor, c.columns));
        shape = setop(anchor, this.query(c.query.right, outer, env), false);
      } else shape = this.query(c.query, outer, env);
      env.map.set(lower(c.name), rename(shape, c.columns));
    }
    return env;
  }

  private values(rows: Expr[][], outer: Scope | null): Shape {
    const width = rows[0]?.length ?? 0;
    const scope: Scope = { rels: [], parent: outer, aliases: null, lambdas: new Set() };
    const columns: Column[] = [];
    for (let i = 0; i < width; i++) {
      const infos = rows.map((r) => (r[i] ? exprInfo(r[i]!, scope, this.ctx) : undefined));
      columns.push({ name: `col${i}`, type: infos[0]?.type ?? null, origins: mergeOrigins(infos.map((x) => x?.origins ?? []), 'transformation'), at: -1 });
    }
    return { columns, open: false };
  }

  private select(q: Extract<Query, { k: 'select' }>, outer: Scope | null, ctes: CteEnv | null): Shape {
    const scope: Scope = { rels: [], parent: outer, aliases: new Map(), lambdas: new Set() };
    if (q.from) this.from(q.from, scope, ctes);
    const columns: Column[] = [];
    let open = false;
    for (const item of q.items) {
      const out = this.item(item, scope);
      if (out.open) open = true;
      for (const c of out.columns) {
        columns.push(c);
        scope.aliases!.set(lower(c.name), c);
      }
    }
    // The row-level clauses see the inputs, then the select-list aliases.
    for (const [e, kind] of [[q.where, 'filter'], [q.having, 'filter'], [q.qualify, 'filter']] as const) if (e) this.rowEdge(e, scope, kind);
    for (const e of [...q.groupBy, ...q.modifiers]) exprInfo(e, scope, this.ctx);
    return { columns, open, rows: rowsOf(scope) };
  }

  private rowEdge(e: Expr, scope: Scope, kind: RowKind): void {
    for (const o of exprInfo(e, scope, this.ctx).origins) this.rowEdges.set(`${o.node}\u0000${o.column ?? '\u0001'}\u0000${kind}`, { node: o.node, column: o.column, kind });
  }

  private item(item: SelectItem, scope: Scope): Shape {
    const e = item.expr;
    if (e.k === 'star') return this.star(e, scope);
    const info = exprInfo(e, scope, this.ctx);
    const kind: LineageKind = info.agg ? 'aggregation' : e.k === 'col' ? 'direct' : 'transformation';
    const name = item.alias ?? implicitName(e);
    // An unnamed expression's name is the warehouse's choice (`count_star()`, `?column?`): a stand-in here.
    const column: Column = { name: name ?? `_expr_${Math.max(0, item.at)}`, type: info.type, origins: mergeOrigins([info.origins], kind), at: item.at };
    if (name === null) column.guessed = true;
    if (info.fields) column.fields = info.fields;
    return { columns: [column], open: info.dynamic };
  }

  private star(e: Extract<Expr, { k: 'star' }>, scope: Scope): Shape {
    let rels: Rel[];
    if (e.qualifier) {
      const rel = findRel(scope, e.qualifier);
      if (!rel) {
        // `s.*` on a struct column is DuckDB syntax too; only a name nothing could explain is an error.
        this.resolver.column([...e.qualifier, '*'], e.at, scope);
        return { columns: [], open: true };
      }
      rels = [rel];
    } else rels = scope.rels.filter((r) => !r.hidden);
    const excluded = new Set(e.exclude.map(lower));
    const replaced = new Map(e.replace.map((r) => [lower(r.name), r.expr]));
    const renamed = new Map(e.rename.map((r) => [lower(r.from), r.to]));
    const columns: Column[] = [];
    let open = false;
    for (const rel of rels) {
      if (rel.columns === null || rel.open) open = true;
      for (const c of rel.columns ?? []) {
        const n = lower(c.name);
        if (excluded.has(n) || (!e.qualifier && rel.merged.has(n))) continue;
        const rep = replaced.get(n);
        if (rep) {
          const info = exprInfo(rep, scope, this.ctx);
          columns.push({ name: c.name, type: info.type, origins: mergeOrigins([info.origins], info.agg ? 'aggregation' : 'transformation'), at: e.at });
        } else columns.push({ name: renamed.get(n) ?? c.name, type: c.type, origins: c.origins, at: e.at });
      }
    }
    return { columns, open };
  }

  /** Adds the relations of a FROM clause to `scope`; LATERAL subqueries see those before them. */
  private from(f: From, scope: Scope, ctes: CteEnv | null): void {
    switch (f.k) {
      case 'table':
        scope.rels.push(this.table(f, ctes));
        return;
      case 'query': {
        const shape = this.query(f.query, scope, ctes);
        scope.rels.push(relOf(rename(shape, f.colAliases), f.alias ? [f.alias] : [], f.alias ?? 'a subquery'));
        return;
      }
      case 'fn': {
        const info = exprInfo({ k: 'op', args: f.args }, scope, this.ctx);
        // A series function yields one column, named after it unless aliased: its shape is known.
        const series = SERIES_FUNCTIONS.has(lower(f.name)) && f.colAliases.length <= 1;
        if (!series) this.external++;
        const names = series && f.colAliases.length === 0 ? [lower(f.name)] : f.colAliases;
        const known = names.length > 0;
        const columns: Column[] = names.map((n) => ({ name: n, type: null, origins: mergeOrigins([info.origins], 'transformation'), at: -1 }));
        scope.rels.push({ names: f.alias ? [lower(f.alias)] : [lower(f.name)], label: `${f.name}(…)`, columns: known ? columns : null, open: !known, hidden: false, merged: new Set(), rows: [] });
        return;
      }
      case 'join': {
        this.from(f.left, scope, ctes);
        const before = scope.rels.length;
        this.from(f.right, scope, ctes);
        const right = scope.rels.slice(before);
        const left = scope.rels.slice(0, before);
        const using = f.natural ? commonNames(left, right) : f.using.map(lower);
        for (const name of using) {
          for (const r of right) if (r.columns?.some((c) => lower(c.name) === name)) r.merged.add(name);
          this.rowEdge({ k: 'col', parts: [name], at: f.at }, { rels: left, parent: null, aliases: null, lambdas: new Set() }, 'join');
          this.rowEdge({ k: 'col', parts: [name], at: f.at }, { rels: right, parent: null, aliases: null, lambdas: new Set() }, 'join');
        }
        if (f.on) this.rowEdge(f.on, scope, 'join');
        if (f.rightHidden) for (const r of right) r.hidden = true;
        return;
      }
      case 'opaque':
        this.external++;
        scope.rels.push({ names: f.alias ? [lower(f.alias)] : [], label: f.what, columns: null, open: true, hidden: false, merged: new Set(), rows: [] });
        return;
    }
  }

  private table(f: Extract<From, { k: 'table' }>, ctes: CteEnv | null): Rel {
    const label = f.parts.join('.');
    const names = f.alias ? [lower(f.alias)] : qualifiedNames(f.parts);
    if (f.parts.length === 1) {
      for (let env = ctes; env; env = env.parent) {
        const shape = env.map.get(lower(f.parts[0]!));
        if (shape) return relOf(rename(shape, f.colAliases), names, `'${f.alias ?? label}'`);
      }
    }
    const hit = this.env.catalog.find(f.parts, this.env.allowed);
    if (!hit) {
      this.external++;
      return { names, label: `'${label}'`, columns: null, open: true, hidden: false, merged: new Set(), rows: [] };
    }
    if (!this.env.allowed.has(hit.id) && !this.hardcoded.has(hit.id)) {
      this.hardcoded.add(hit.id);
      this.findings.push({
        code: TxCodes.HardCodedRelation, severity: 'warn', at: f.at, needle: f.parts[f.parts.length - 1]!,
        message: `relation '${label}' is written by name, but it is ${hit.label}: the dependency is missing from the DAG`,
        hint: `use ${hit.jinja}`,
      });
    }
    const shape = hit.shape ? this.env.upstream(hit.id, hit.shape) : null;
    const display = f.alias ? `'${f.alias}' (${hit.label})` : hit.label;
    if (!shape) this.external++;
    return shape ? relOf(rename(shape, f.colAliases), names, display) : { names, label: display, columns: null, open: true, hidden: false, merged: new Set<string>(), rows: [hit.id] };
  }
}
