/**
 * The contract check, pure: the columns a model's query returns (as the warehouse describes the
 * compiled SQL, no rows computed) against the columns its contract declares (as the warehouse
 * describes `cast(null as <data_type>)`, so types are compared as the adapter spells them). The
 * error lists every mismatch in dbt's table: column, definition (query) type, contract type, why.
 */
import type { Dialect, WarehouseColumn } from '../adapter/types.js';

export interface DeclaredColumn {
  name: string;
  /** The type the DDL and the check use (alias_types applied). */
  data_type: string;
  /** As written in YAML, for messages; data_type when absent. */
  written?: string;
  quote: boolean;
}

export type MismatchReason = 'data type mismatch' | 'missing in definition' | 'missing in contract';

export interface ContractMismatch {
  column_name: string;
  /** The query's type ('' when the query lacks the column). */
  definition_type: string;
  /** The contract's type ('' when the contract lacks the column). */
  contract_type: string;
  mismatch_reason: MismatchReason;
}

/** dbt's Column.TYPE_LABELS: what contract.alias_types translates (`string` → `TEXT`). */
const TYPE_LABELS: Record<string, string> = { STRING: 'TEXT', TIMESTAMP: 'TIMESTAMP', FLOAT: 'FLOAT', INTEGER: 'INT', BOOLEAN: 'BOOLEAN' };

export function translateType(dataType: string): string {
  return TYPE_LABELS[dataType.toUpperCase()] ?? dataType;
}

/** The model's declared columns, in YAML order, with alias_types applied. */
export function declaredColumns(columns: Record<string, { name: string; data_type: string | null; quote: boolean | null }>, aliasTypes: boolean): DeclaredColumn[] {
  return Object.values(columns).map((c) => {
    const t = c.data_type ?? '';
    return { name: c.name, data_type: aliasTypes ? translateType(t) : t, written: t, quote: c.quote === true };
  });
}

/** dbt's get_empty_schema_sql: one row of typed nulls, described instead of run. */
export function emptySchemaSql(dialect: Dialect, columns: readonly DeclaredColumn[]): string {
  // Quoted always: only the types are read back, by position, and a name may be a reserved word.
  const cols = columns.map((c) => `cast(null as ${c.data_type}) as ${dialect.quoteIdent(c.name)}`);
  return `select ${cols.join(', ')}`;
}

/**
 * Types match when the dialect normalises them alike; a side without parameters matches any
 * (Postgres reports `numeric` for an unconstrained expression, dbt compares without typmods).
 */
export function sameType(dialect: Dialect, a: string, b: string): boolean {
  const na = dialect.normalizeType(a);
  const nb = dialect.normalizeType(b);
  if (na === nb) return true;
  const bare = (t: string) => t.replace(/\s*\([^)]*\)/g, '');
  if (bare(na) === na || bare(nb) === nb) {
    return dialect.normalizeType(bare(na)) === dialect.normalizeType(bare(nb));
  }
  return false;
}

/**
 * Every mismatch between the query's columns and the contract's, sorted by column name as dbt
 * sorts them. `described` are the contract's types as the warehouse spells them (same order as
 * `declared`); without it the declared spelling is normalised by the dialect alone.
 */
export function compareContract(
  dialect: Dialect,
  declared: readonly DeclaredColumn[],
  actual: readonly WarehouseColumn[],
  described?: readonly WarehouseColumn[],
): ContractMismatch[] {
  const key = (name: string, quoted = false) => (quoted ? name : name.toLowerCase());
  const contract = new Map(declared.map((c, i) => [key(c.name, c.quote), { col: c, type: described?.[i]?.dataType ?? c.data_type }]));
  const out: ContractMismatch[] = [];
  const seen = new Set<string>();
  for (const a of actual) {
    const match = contract.get(key(a.name)) ?? contract.get(a.name);
    if (!match) {
      out.push({ column_name: a.name, definition_type: a.dataType, contract_type: '', mismatch_reason: 'missing in definition' });
      continue;
    }
    seen.add(match.col.name);
    if (!sameType(dialect, a.dataType, match.type)) {
      out.push({ column_name: a.name, definition_type: a.dataType, contract_type: match.col.written ?? match.col.data_type, mismatch_reason: 'data type mismatch' });
    }
  }
  for (const c of declared) {
    if (!seen.has(c.name)) out.push({ column_name: c.name, definition_type: '', contract_type: c.written ?? c.data_type, mismatch_reason: 'missing in contract' });
  }
  return out.sort((x, y) => (x.column_name < y.column_name ? -1 : x.column_name > y.column_name ? 1 : 0));
}

/** agate's print_table, as dbt prints the mismatches (values cut at 50 characters). */
export function mismatchTable(rows: readonly ContractMismatch[]): string {
  const headers = ['column_name', 'definition_type', 'contract_type', 'mismatch_reason'] as const;
  const cut = (s: string) => (s.length > 50 ? `${s.slice(0, 47)}...` : s);
  const cells = rows.map((r) => headers.map((h) => cut(r[h])));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (vals: readonly string[]) => `| ${vals.map((v, i) => v.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(headers), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...cells.map(line)].join('\n');
}

/** dbt's ContractError message (what follows "Compilation Error in model …"). */
export function contractErrorMessage(rows: readonly ContractMismatch[]): string {
  return [
    'This model has an enforced contract that failed.',
    "Please ensure the name, data_type, and number of columns in your contract match the columns in your model's definition.",
    '',
    mismatchTable(rows),
  ].join('\n');
}
