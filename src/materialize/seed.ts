/**
 * Seed loading. Every field is first read as text (so no warehouse's own CSV sniffing ever
 * disagrees with dbt's agate inference), then cast to the planned column types by the same
 * SQL on every adapter. DuckDB reads the file in SQL (read_csv); other warehouses get a
 * staging table of text columns filled by a load step (COPY … FROM STDIN on Postgres, batched
 * parameterised inserts elsewhere), all inside the plan's one transaction. Cell values never
 * become SQL text. An existing table with unchanged columns is emptied and reloaded (dbt
 * truncates and reloads); --full-refresh or changed columns rebuild + swap.
 */
import type { Dialect } from '../adapter/types.js';
import { backupRelation, dropLeftover, intermediateRelation, swapStatements } from './relations.js';
import type { Plan, PlanContext, SeedColumn, SeedInput, Statement } from './types.js';

function str(d: Dialect, s: string): string {
  return d.literal(s);
}

/**
 * The type a column is created with: column_types as written; an inferred type (named as
 * DuckDB names it) in the warehouse's own spelling, e.g. DOUBLE → double precision on Postgres.
 */
function columnType(d: Dialect, col: SeedColumn): string {
  return col.parse === 'override' ? col.type : d.normalizeType(col.type);
}

/** Raw text → typed value, mirroring what agate accepted for that type. */
function parseExpr(d: Dialect, raw: string, c: SeedColumn): string {
  const col = { ...c, type: columnType(d, c) };
  // Only what this column's values need (SeedColumn.shape); unknown shape: everything.
  const need = c.shape ?? { nullWords: true, padded: true, grouped: true, upper: true };
  const fullNullTest = need.nullWords || col.parse === 'override';
  // Without blanks or 'null' spellings, '' is the only null text left to catch.
  const value = fullNullTest ? raw : `NULLIF(${raw}, '')`;
  const trimmed = need.padded || fullNullTest ? `trim(${value})` : value;
  const ungrouped = need.grouped ? `replace(${trimmed}, ',', '')` : trimmed;
  const typed = ((): string => {
    switch (col.parse) {
      case 'integer':
      case 'number':
        return `CAST(${ungrouped} AS ${col.type})`;
      case 'boolean':
        return `(${need.upper ? `lower(${ungrouped})` : ungrouped} = 'true')`;
      case 'date':
      case 'timestamp':
        return `CAST(${trimmed} AS ${col.type})`;
      case 'text':
        return value;
      case 'override':
        return `CAST(${raw} AS ${col.type})`;
    }
  })();
  if (!fullNullTest) return typed;
  // agate's null values, for every type: '' and 'null' (case-insensitive, surrounding blanks ignored).
  return `CASE WHEN trim(${raw}) IN (${NULL_TEXTS}) THEN NULL ELSE ${typed} END`;
}

/**
 * '' and every spelling of 'null' (NULL, Null, nuLL, …), listed rather than lower()-ed: the
 * same test, but a lookup instead of a case conversion of every cell (1.5× faster on
 * Postgres for a million rows).
 */
const NULL_TEXTS = ['', ...caseVariants('null')].map((v) => `'${v}'`).join(', ');

function caseVariants(word: string): string[] {
  let out = [''];
  for (const ch of word) out = out.flatMap((p) => [p + ch.toLowerCase(), p + ch.toUpperCase()]);
  return out;
}

function columnName(d: Dialect, input: SeedInput, name: string): string {
  return input.quoteColumns ? d.quoteIdent(name) : name;
}

/** `select <typed columns> from read_csv(...)` over the seed file. */
export function seedSelectSql(d: Dialect, input: SeedInput): string {
  const raw = input.columns.map((_, i) => `c${i}`);
  const columns = `{${raw.map((r) => `${str(d, r)}: 'VARCHAR'`).join(', ')}}`;
  const exprs = input.columns.map((c, i) => `  ${parseExpr(d, raw[i] ?? '', c)} AS ${columnName(d, input, c.name)}`);
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
    return !h || h.name.toLowerCase() !== c.name.toLowerCase() || d.normalizeType(h.dataType) !== d.normalizeType(columnType(d, c));
  });
}

/** Postgres keeps 63 characters of an identifier; the staging name stays unique within that. */
const MAX_STAGING_NAME = 63;
const STAGING_SUFFIX = '__dbt_seed';

function stagingName(identifier: string): string {
  return identifier.slice(0, MAX_STAGING_NAME - STAGING_SUFFIX.length) + STAGING_SUFFIX;
}

/** The statements that fill a temporary staging table of text columns; it is then read by `select`. */
interface Staging {
  fill: Statement[];
  select: string;
  drop: Statement;
}

function stagingStatements(ctx: PlanContext, input: SeedInput): Staging {
  const d = ctx.dialect;
  const name = d.quoteIdent(stagingName(ctx.relation.identifier));
  const raw = input.columns.map((_, i) => `c${i}`);
  const text = ctx.callMacro('type_string', []).trim();
  const create = `create temporary table ${name} (${raw.map((r) => `${d.quoteIdent(r)} ${text}`).join(', ')})`;
  const insertPrefix = `insert into ${name} (${raw.map((r) => d.quoteIdent(r)).join(', ')}) values `;
  const exprs = input.columns.map((c, i) => `  ${parseExpr(d, d.quoteIdent(raw[i] ?? ''), c)} AS ${columnName(d, input, c.name)}`);
  return {
    fill: [
      { sql: create, purpose: 'create a staging table for the raw text' },
      {
        sql: `-- stream ${input.path} into ${name} (COPY, or batched inserts)`,
        purpose: 'copy the seed file into the staging table',
        load: {
          path: input.path,
          relation: { database: null, schema: '', identifier: stagingName(ctx.relation.identifier) },
          columns: raw,
          delimiter: input.delimiter,
          insertPrefix,
          paramStyle: d.paramStyle ?? 'question',
        },
      },
    ],
    select: `select\n${exprs.join(',\n')}\nfrom ${name}`,
    drop: { sql: `drop table ${name}`, purpose: 'drop the staging table' },
  };
}

export function planSeed(ctx: PlanContext, input: SeedInput): Plan {
  const d = ctx.dialect;
  const target = ctx.relation.incorporate({ type: 'table' });
  const staged = (ctx.capabilities.seedLoader ?? 'read_csv') === 'load_step' ? stagingStatements(ctx, input) : undefined;
  const select = staged?.select ?? seedSelectSql(d, input);
  const fill = staged?.fill ?? [];
  const cleanup = staged ? [staged.drop] : [];
  const existing = ctx.existing;
  const reload = existing !== undefined && existing.type === 'table' && !ctx.fullRefresh && !columnsChanged(d, input);
  if (reload) {
    const cols = input.columns.map((c) => columnName(d, input, c.name)).join(', ');
    return {
      statements: [
        { sql: ctx.callMacro('truncate_relation', [target]), purpose: 'empty the seed table' },
        ...fill,
        { sql: `insert into ${target.render()} (${cols})\n${select}`, purpose: 'load the seed rows' },
        ...cleanup,
      ],
      transactional: true,
    };
  }
  const tmp = intermediateRelation(target, 'table');
  const statements: Statement[] = [
    ...dropLeftover(ctx, tmp, 'drop a leftover intermediate relation'),
    ...dropLeftover(ctx, backupRelation(target, 'table'), 'drop a leftover backup relation'),
    ...fill,
    { sql: ctx.callMacro('create_table_as', [false, tmp, select]), purpose: 'create and load the seed table' },
    ...cleanup,
    ...swapStatements({ ...ctx, relation: target }, tmp),
  ];
  return { statements, transactional: true };
}
