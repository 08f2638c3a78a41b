import { describe, expect, it } from 'vitest';
import { constraintSupport, renderColumnsWithConstraints, renderModelConstraints, type RenderEnv } from '../../../src/materialize/constraints-ddl.js';
import { parseConstraint } from '../../../src/parse/constraints.js';
import { duckdbDialect } from '../../../adapters/duckdb/dialect.js';
import { postgresDialect } from '../../../adapters/postgres/dialect.js';
import type { Capabilities } from '../../../src/adapter/types.js';

const loc = { file: 'schema.yml', line: 1, col: 1 };
const colC = (raw: Record<string, unknown>) => parseConstraint(raw, 'column', loc);
const modelC = (raw: Record<string, unknown>) => parseConstraint(raw, 'model', loc);

function env(dialect = postgresDialect): RenderEnv & { warnings: string[] } {
  const warnings: string[] = [];
  return { dialect, resolveTo: (to) => (to === "ref('customers')" ? '"db"."main"."customers"' : to), warn: (m) => warnings.push(m), warnings };
}

describe('constraints in DDL', () => {
  it('renders column constraints as dbt does', () => {
    const e = env();
    const out = renderColumnsWithConstraints([
      { name: 'id', data_type: 'integer', quote: null, constraints: [colC({ type: 'primary_key' }), colC({ type: 'check', expression: 'id > 0' })] },
      { name: 'select', data_type: 'text', quote: true, constraints: [colC({ type: 'not_null' }), colC({ type: 'unique' })] },
      { name: 'customer_id', data_type: 'int', quote: null, constraints: [colC({ type: 'foreign_key', to: "ref('customers')", to_columns: ['id'] })] },
    ], postgresDialect.capabilities, e);
    expect(out).toEqual([
      'id integer primary key check (id > 0)',
      '"select" text not null unique',
      'customer_id int references "db"."main"."customers" (id)',
    ]);
    expect(e.warnings).toEqual([]);
  });

  it('renders model constraints with names and column lists', () => {
    const out = renderModelConstraints([
      modelC({ type: 'primary_key', columns: ['a', 'b'], name: 'pk_ab' }),
      modelC({ type: 'unique', columns: ['c'] }),
      modelC({ type: 'check', expression: 'a < b' }),
      modelC({ type: 'foreign_key', columns: ['c'], to: "ref('customers')", to_columns: ['id'] }),
      modelC({ type: 'custom', expression: 'exclude using gist (c with =)' }),
    ], postgresDialect.capabilities, env());
    expect(out).toEqual([
      'constraint pk_ab primary key (a, b)',
      'unique (c)',
      'check (a < b)',
      'foreign key (c) references "db"."main"."customers" (id)',
      'exclude using gist (c with =)',
    ]);
  });

  it('leaves out what the adapter cannot take, and warns as configured', () => {
    const e = env(duckdbDialect);
    const out = renderModelConstraints([modelC({ type: 'foreign_key', columns: ['c'], to: "ref('customers')", to_columns: ['id'] })], duckdbDialect.capabilities, e);
    expect(out).toEqual([]);
    expect(e.warnings).toEqual(["The constraint type foreign_key is not supported by duckdb, and will be ignored. Set 'warn_unsupported: false' on this constraint to ignore this warning."]);
    const quiet = env(duckdbDialect);
    renderModelConstraints([modelC({ type: 'foreign_key', columns: ['c'], to: 'x', to_columns: ['id'], warn_unsupported: false })], duckdbDialect.capabilities, quiet);
    expect(quiet.warnings).toEqual([]);
  });

  it('writes not-enforced constraints into the DDL with dbt\'s warning (Snowflake-like capabilities)', () => {
    const caps: Capabilities = { ...postgresDialect.capabilities, enforcedConstraints: ['not_null'], unsupportedConstraints: ['check'] };
    expect(constraintSupport(caps, 'primary_key')).toBe('not_enforced');
    expect(constraintSupport(caps, 'check')).toBe('not_supported');
    expect(constraintSupport(caps, 'not_null')).toBe('enforced');
    const e = env();
    const out = renderColumnsWithConstraints([{ name: 'id', data_type: 'int', quote: null, constraints: [colC({ type: 'primary_key' }), colC({ type: 'check', expression: 'id > 0' }), colC({ type: 'not_null' })] }], caps, e);
    expect(out).toEqual(['id int primary key not null']);
    expect(e.warnings).toHaveLength(2);
    expect(e.warnings[0]).toMatch(/^The constraint type primary_key is not enforced by postgres\. The constraint will be included in this model's DDL statement/);
    expect(e.warnings[1]).toMatch(/^The constraint type check is not supported by postgres, and will be ignored\./);
  });
});
