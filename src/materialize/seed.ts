/**
 * Seed loading through DuckDB's CSV reader: every field is read as VARCHAR (so DuckDB's own
 * sniffing never disagrees with dbt's agate inference), then cast to the planned column types.
 * No row-by-row inserts. An existing table with unchanged columns is emptied and reloaded in
 * one transaction (dbt truncates and reloads); --full-refresh or changed columns rebuild + swap.
 */
import type { Dialect } from '../adapter/types.js';
import { backupRelation, dropLeftover, intermediateRelation, swapStatements } from './relations.js';
import type { Plan, PlanContext, SeedColumn, SeedInput, Statement } from './types.js';

function str(d: Dialect, s: string): string {
  return d.literal(s);
}

/** Raw text → typed value, mirroring what agate accepted for that type. */
function parseExpr(raw: string, col: SeedColumn): string {
  const trimmed = `trim(${raw})`;
  const typed = ((): string => {
    switch (col.parse) {
      case 'integer':
      case 'number':
        return `CAST(replace(${trimmed}, ',', '') AS ${col.type})`;
      case 'boolean':
        return `(lower(replace(${trimmed}, ',', '')) = 'true')`;
      case 'date':
      case 'timestamp':
        return `CAST(${trimmed} AS ${col.type})`;
      case 'text':
        return raw;
      case 'override':
        return `CAST(${raw} AS ${col.type})`;
    }
  })();
  // agate's null values, for every type: '' and 'null' (case-insensitive, surrounding blanks ignored).
  return `CASE WHEN lower(${trimmed}) IN ('', 'null') THEN NULL ELSE ${typed} END`;
}

function columnName(d: Dialect, input: SeedInput, name: string): string {
  return input.quoteColumns ? d.quoteIdent(name) : name;
}

/** `select <typed columns> from read_csv(...)` over the seed file. */
export function seedSelectSql(d: Dialect, input: SeedInput): string {
  const raw = input.columns.map((_, i) => `c${i}`);
  const columns = `{${raw.map((r) => `${str(d, r)}: 'VARCHAR'`).join(', ')}}`;
  const exprs = input.columns.map((c, i) => `  ${parseExpr(raw[i] ?? '', c)} AS ${columnName(d, input, c.name)}`);
  const reader = [
    str(d, input.path),
    'header = true',
    'auto_detect = false',
    `delim = ${str(d, input.delimiter)}`,
    `quote = '"'`,
    `escape = '"'`,
    'allow_quoted_nulls = false',
    `columns = ${columns}`,
  ].join(', ');
  return `select\n${exprs.join(',\n')}\nfrom read_csv(${reader})`;
}

function columnsChanged(d: Dialect, input: SeedInput): boolean {
  const have = input.existingColumns;
  if (!have) return false;
  if (have.length !== input.columns.length) return true;
  return input.columns.some((c, i) => {
    const h = have[i];
    return !h || h.name.toLowerCase() !== c.name.toLowerCase() || d.normalizeType(h.dataType) !== d.normalizeType(c.type);
  });
}

export function planSeed(ctx: PlanContext, input: SeedInput): Plan {
  const d = ctx.dialect;
  const target = ctx.relation.incorporate({ type: 'table' });
  const select = seedSelectSql(d, input);
  const existing = ctx.existing;
  const reload = existing !== undefined && existing.type === 'table' && !ctx.fullRefresh && !columnsChanged(d, input);
  if (reload) {
    const cols = input.columns.map((c) => columnName(d, input, c.name)).join(', ');
    return {
      statements: [
        { sql: ctx.callMacro('truncate_relation', [target]), purpose: 'empty the seed table' },
        { sql: `insert into ${target.render()} (${cols})\n${select}`, purpose: 'load the seed rows' },
      ],
      transactional: true,
    };
  }
  const tmp = intermediateRelation(target, 'table');
  const statements: Statement[] = [
    ...dropLeftover(ctx, tmp, 'drop a leftover intermediate relation'),
    ...dropLeftover(ctx, backupRelation(target, 'table'), 'drop a leftover backup relation'),
    { sql: ctx.callMacro('create_table_as', [false, tmp, select]), purpose: 'create and load the seed table' },
    ...swapStatements({ ...ctx, relation: target }, tmp),
  ];
  return { statements, transactional: true };
}
