/**
 * The DDL and strategy macros tx dispatches take the arguments dbt-adapters passes, in number:
 * a project or package override written for dbt (`postgres__create_table_as(temporary, relation,
 * sql)`) must receive exactly what it expects. Checked statically over templates/, and once
 * through the Jinja engine with a dbt-postgres-style override.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { postgresDialect } from '../../../adapters/postgres/dialect.js';
import { Relation } from '../../../src/adapter/relation.js';
import { TxJinja, type Scope } from '../../../src/jinja/tx-jinja.js';
import { templatesDir } from '../../../src/util/package-root.js';

/** How many positional arguments dbt-adapters (and the adapter plugins) dispatch each macro with. */
const DBT_ARITY: Record<string, number> = {
  create_table_as: 3,
  get_create_table_as_sql: 3,
  get_create_view_as_sql: 2,
  create_view_as: 2,
  get_merge_sql: 5,
  get_delete_insert_merge_sql: 5,
  get_insert_overwrite_merge_sql: 5,
  get_merge_update_columns: 3,
  snapshot_merge_sql: 3,
  snapshot_staging_table: 3,
  build_snapshot_table: 2,
  snapshot_hash_arguments: 1,
  snapshot_string_as_time: 1,
  snapshot_get_time: 0,
  alter_relation_add_remove_columns: 3,
  alter_column_type: 3,
  create_columns: 2,
  rename_relation: 2,
  drop_relation: 1,
  get_drop_sql: 1,
  truncate_relation: 1,
  create_schema: 1,
  drop_schema: 1,
  make_temp_relation: 2,
  make_intermediate_relation: 2,
  make_backup_relation: 3,
  get_incremental_append_sql: 1,
  get_incremental_delete_insert_sql: 1,
  get_incremental_merge_sql: 1,
  get_incremental_insert_overwrite_sql: 1,
  get_incremental_microbatch_sql: 1,
  get_incremental_default_sql: 1,
  get_test_sql: 5,
  get_where_subquery: 1,
  get_create_dynamic_table_as_sql: 2,
  refresh_dynamic_table: 1,
};

interface MacroDef { file: string; name: string; required: number; total: number }

/** Top-level comma split (parentheses, brackets and quotes respected). */
function splitArgs(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let cur = '';
  for (const ch of s) {
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) depth--;
    else if (ch === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
      continue;
    }
    cur += ch;
  }
  if (cur.trim() !== '') out.push(cur.trim());
  return out;
}

function templateFiles(): string[] {
  const root = templatesDir();
  return readdirSync(root).flatMap((dir) => readdirSync(join(root, dir)).filter((f) => f.endsWith('.sql')).map((f) => join(root, dir, f)));
}

function definitions(): MacroDef[] {
  const out: MacroDef[] = [];
  for (const file of templateFiles()) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\{%-?\s*macro\s+(\w+)\(([^)]*)\)/g)) {
      const params = splitArgs(m[2]!);
      out.push({ file, name: m[1]!, required: params.filter((p) => !p.includes('=')).length, total: params.length });
    }
  }
  return out;
}

function dispatchCalls(): { file: string; name: string; args: number }[] {
  const out: { file: string; name: string; args: number }[] = [];
  for (const file of templateFiles()) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/adapter\.dispatch\('(\w+)',\s*'dbt'\)\(/g)) {
      // The argument list, up to its matching parenthesis.
      let depth = 1;
      let i = m.index + m[0].length;
      const start = i;
      for (; i < text.length && depth > 0; i++) {
        if (text[i] === '(') depth++;
        else if (text[i] === ')') depth--;
      }
      out.push({ file, name: m[1]!, args: splitArgs(text.slice(start, i - 1)).length });
    }
  }
  return out;
}

describe("dispatched macros take dbt's arguments", () => {
  const defs = definitions();

  it.each(Object.entries(DBT_ARITY))('%s: every implementation accepts %i positional arguments', (name, arity) => {
    const impls = defs.filter((d) => d.name === name || d.name.endsWith(`__${name}`));
    expect(impls.length, name).toBeGreaterThan(0);
    for (const d of impls) {
      expect(d.required, `${d.file}: ${d.name} requires ${d.required}`).toBeLessThanOrEqual(arity);
      expect(d.total, `${d.file}: ${d.name} takes at most ${d.total}`).toBeGreaterThanOrEqual(arity);
    }
  });

  it('tx dispatches each of them with exactly that many arguments', () => {
    const calls = dispatchCalls().filter((c) => c.name in DBT_ARITY);
    expect(calls.length).toBeGreaterThan(30);
    for (const c of calls) {
      // create_table_as passes `language` only for non-SQL models, as dbt-adapters does.
      if (c.name === 'create_table_as' && c.args === 4) continue;
      expect(c.args, `${c.file}: dispatch('${c.name}')`).toBe(DBT_ARITY[c.name]);
    }
  });

  it("a project's postgres__create_table_as(temporary, relation, sql), as dbt-postgres writes it, replaces tx's", () => {
    const jinja = new TxJinja({ rootPackage: 'proj', adapterType: 'postgres' });
    for (const folder of ['default', 'postgres']) {
      const dir = join(templatesDir(), folder);
      for (const f of readdirSync(dir).filter((n) => n.endsWith('.sql')).sort()) jinja.addMacroFile('dbt', join(dir, f), readFileSync(join(dir, f), 'utf8'));
    }
    jinja.addMacroFile('proj', '/proj/macros/ctas.sql', [
      '{% macro postgres__create_table_as(temporary, relation, sql) -%}',
      'create {% if temporary %}temporary {% endif %}table {{ relation }} /* project */ as ({{ sql }});',
      '{%- endmacro %}',
    ].join('\n'));
    const scope: Scope = { adapter: { dispatch: (name: string, ns?: string) => jinja.dispatch(name, ns) }, target: { schema: 'analytics', database: 'test', type: 'postgres' } };
    const call = (name: string, args: unknown[]) => String(jinja.callMacro(jinja.resolveMacro(name, 'proj')!, args, {}, scope)).trim();
    const rel = Relation.create(postgresDialect, { database: 'db', schema: 'analytics', identifier: 'orders' }, 'table');
    expect(call('create_table_as', [false, rel, 'select 1'])).toBe('create table "db"."analytics"."orders" /* project */ as (select 1);');
    expect(call('get_create_table_as_sql', [true, rel, 'select 1'])).toBe('create temporary table "db"."analytics"."orders" /* project */ as (select 1);');
  });
});
