/**
 * Name resolution inside one query level: the relations of its FROM clause, the select-list
 * aliases, lambda parameters, and the enclosing levels (correlated subqueries, LATERAL).
 * Identifiers compare case-insensitively: every supported warehouse folds unquoted names, and a
 * false "not found" costs more than a missed one.
 *
 * Leniency is deliberate: a relation whose columns are unknown (an external table, a table
 * function, a `*` over an unknown parent) may hold any column, so nothing it could answer for is
 * reported.
 */
import type { Column, Finding } from './shape.js';
import { mergeOrigins } from './shape.js';
import { TxCodes } from '../errors/tx-error.js';
import { didYouMeanHint } from '../util/did-you-mean.js';

/** A relation visible in a FROM clause. */
export interface Rel {
  /** Names it can be referenced by, lower-case: its alias, or the table name and its qualified forms. */
  names: string[];
  /** Display name for messages. */
  label: string;
  /** null: columns unknown. */
  columns: Column[] | null;
  /** More columns may exist than listed. */
  open: boolean;
  /** SEMI/ANTI join's right side: usable in ON only. */
  hidden: boolean;
  /** USING / NATURAL columns this relation shares with one before it: `*` shows them once. */
  merged: Set<string>;
  /** The upstream nodes whose rows this relation's rows are (empty when unknown). */
  rows: readonly string[];
}

export interface Scope {
  rels: Rel[];
  parent: Scope | null;
  /** Select-list aliases usable here (WHERE, GROUP BY, HAVING, QUALIFY, ORDER BY, later items). */
  aliases: Map<string, Column> | null;
  /** Lambda parameters (DuckDB `x -> x + 1`). */
  lambdas: Set<string>;
}

/** Result of resolving a column reference: a column, 'unknown' (could exist; not reported) or null (reported). */
export type Resolved = Column | 'unknown' | null;

/** Identifiers that parse as columns but are values. */
const PSEUDO = new Set(['current_date', 'current_time', 'current_timestamp', 'current_user', 'session_user', 'user', 'localtime', 'localtimestamp', 'current_schema', 'current_catalog', 'current_role', 'rowid', 'sysdate', 'systimestamp']);

export const lower = (s: string): string => s.toLowerCase();

export function findColumn(rel: Rel, name: string): Column | undefined {
  const n = lower(name);
  return rel.columns?.find((c) => lower(c.name) === n);
}

/** The upstream nodes whose rows a query level reads (its visible FROM relations). */
export function rowsOf(scope: Scope): string[] {
  const out = new Set<string>();
  for (const r of scope.rels) if (!r.hidden) for (const n of r.rows) out.add(n);
  return [...out];
}

/** The relation named `qualifier` (an alias, a table name, or `schema.table`) in this scope or an outer one. */
export function findRel(scope: Scope | null, qualifier: string[]): Rel | undefined {
  const q = qualifier.map(lower).join('.');
  for (let s = scope; s; s = s.parent) {
    const r = s.rels.find((x) => x.names.includes(q));
    if (r) return r;
  }
  return undefined;
}

const uncertain = (r: Rel): boolean => r.columns === null || r.open;

export class Resolver {
  constructor(private readonly findings: Finding[]) {}

  unresolved = 0;

  /**
   * Resolves `parts` (a, t.a, s.t.a, or col.field…) at `at`; reports what cannot exist, unless
   * `quiet` (a name that may not be a column at all: nothing is reported, null when not found).
   */
  column(parts: string[], at: number, scope: Scope, quiet = false): Resolved {
    if (!quiet) return this.resolve(parts, at, scope);
    const before = this.findings.length;
    const r = this.resolve(parts, at, scope);
    this.findings.length = before;
    return r;
  }

  private resolve(parts: string[], at: number, scope: Scope): Resolved {
    const head = parts[0] ?? '';
    for (let s: Scope | null = scope; s; s = s.parent) if (s.lambdas.has(lower(head))) return 'unknown';
    if (parts.length === 1) return this.single(head, at, scope, true);
    // Longest qualifier first: db.schema.t.col, schema.t.col, t.col.
    for (let q = Math.min(parts.length - 1, 3); q >= 1; q--) {
      const rel = findRel(scope, parts.slice(0, q));
      if (!rel) continue;
      const name = parts[q]!;
      const col = findColumn(rel, name);
      if (col) return this.field(col, parts.slice(q + 1));
      if (uncertain(rel)) return this.unknown();
      this.findings.push({
        code: TxCodes.ColumnNotFound, severity: 'error', at, needle: parts.join('.'),
        message: `column '${name}' not found in ${rel.label}`,
        hint: hintFor(name, (rel.columns ?? []).map((c) => c.name), rel.label),
      });
      return null;
    }
    // No relation of that name: DuckDB reads `col.field` as a struct field access.
    const asColumn = this.single(head, at, scope, false);
    if (asColumn !== null) return asColumn === 'unknown' ? asColumn : this.field(asColumn, parts.slice(1));
    const rels = visibleRels(scope);
    this.findings.push({
      code: TxCodes.UnknownTableAlias, severity: 'error', at, needle: parts.join('.'),
      message: `'${head}' is not a table, alias or column in this query (in '${parts.join('.')}')`,
      hint: hintFor(head, rels.flatMap((r) => r.names.filter((n) => !n.includes('.'))), 'the FROM clause', 'relations'),
    });
    return null;
  }

  /**
   * `s.k.j` on a struct column: the field's own lineage when the struct was built in this query;
   * else the struct column itself (one upstream column: the field comes from it), transformed;
   * else (several origins, field unknown) all of them, and the lineage is incomplete.
   */
  private field(col: Column, path: string[]): Resolved {
    let c = col;
    for (const name of path) {
      const f = c.fields?.get(lower(name));
      if (f) {
        c = f;
        continue;
      }
      if (c.origins.length > 1) this.unresolved++;
      return { name: path.at(-1)!, type: null, origins: mergeOrigins([c.origins], 'transformation'), at: c.at };
    }
    return c;
  }

  private unknown(): 'unknown' {
    this.unresolved++;
    return 'unknown';
  }

  private single(name: string, at: number, scope: Scope, report: boolean): Resolved {
    const n = lower(name);
    for (let s: Scope | null = scope; s; s = s.parent) {
      const rels = s.rels.filter((r) => !r.hidden);
      const hits = rels.map((r) => ({ r, c: findColumn(r, n) })).filter((h): h is { r: Rel; c: Column } => h.c !== undefined);
      if (hits.length > 1 && !hits.slice(1).every((h) => h.r.merged.has(n))) {
        if (report) {
          this.findings.push({
            code: TxCodes.AmbiguousColumn, severity: 'error', at, needle: name,
            message: `column '${name}' is ambiguous: ${hits.map((h) => h.r.label).join(' and ')} both have it`,
            hint: `qualify it: ${hits.map((h) => `${h.r.names[0] ?? h.r.label}.${name}`).join(' or ')}`,
          });
        }
        return hits[0]!.c;
      }
      if (hits.length >= 1) return hits[0]!.c;
      if (rels.some(uncertain)) return this.unknown();
      const alias = s.aliases?.get(n);
      if (alias) return alias;
      // `select t from t`: the whole row as a struct.
      const whole = rels.find((r) => r.names.includes(n));
      if (whole) {
        const fields = new Map((whole.columns ?? []).map((c) => [lower(c.name), c]));
        return { name, type: 'STRUCT', origins: mergeOrigins((whole.columns ?? []).map((c) => c.origins)), at: -1, ...(whole.open || whole.columns === null ? {} : { fields }) };
      }
    }
    if (PSEUDO.has(n)) return 'unknown';
    if (!report) return null;
    const rels = visibleRels(scope);
    const columns = rels.flatMap((r) => (r.columns ?? []).map((c) => c.name));
    // The query's own select-list aliases may be what was meant, but they are not the relations' columns.
    const aliases = [...(scope.aliases?.values() ?? [])].map((c) => c.name);
    this.findings.push({
      code: TxCodes.ColumnNotFound, severity: 'error', at, needle: name,
      message: rels.length === 0 ? `column '${name}' not found: the query reads no relation` : `column '${name}' not found in ${rels.map((r) => r.label).join(', ')}`,
      hint: didYouMeanHint(name, [...columns, ...aliases]) ?? listHint(columns, rels.map((r) => r.label).join(', ')) ?? listHint(aliases, 'this query', 'select-list aliases'),
    });
    return null;
  }
}

function visibleRels(scope: Scope): Rel[] {
  const out: Rel[] = [];
  for (let s: Scope | null = scope; s; s = s.parent) out.push(...s.rels.filter((r) => !r.hidden));
  return out;
}

function hintFor(name: string, candidates: string[], where: string, what = 'columns'): string | undefined {
  return didYouMeanHint(name, candidates) ?? listHint(candidates, where, what);
}

/** "columns of 't' (seed 'things'): a, b, …" (at most 12 names), or undefined when there are none. */
function listHint(names: string[], where: string, what = 'columns'): string | undefined {
  const unique = [...new Set(names)];
  if (unique.length === 0) return undefined;
  const shown = unique.slice(0, 12).join(', ');
  return `${what} of ${where}: ${shown}${unique.length > 12 ? ', …' : ''}`;
}
