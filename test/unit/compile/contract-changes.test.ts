import { describe, expect, it } from 'vitest';
import { breakingChangeError, contractBreakingChanges, removedContractChange } from '../../../src/compile/contract-changes.js';
import { parseConstraint } from '../../../src/parse/constraints.js';
import { duckdbDialect } from '../../../adapters/duckdb/dialect.js';
import type { ModelNode } from '../../../src/parse/manifest-types.js';

const loc = { file: '', line: 0, col: 0 };
const nn = { type: 'not_null', name: null, expression: null, warn_unenforced: true, warn_unsupported: true, to: null, to_columns: [] };
const pk = { ...nn, type: 'primary_key', columns: ['id'] };

/** A previous manifest entry, as JSON. */
const old = (extra: Record<string, unknown> = {}) => ({
  contract: { enforced: true, alias_types: true, checksum: 'old' },
  config: { materialized: 'table' },
  constraints: [pk],
  columns: { id: { name: 'id', data_type: 'int', constraints: [nn] }, name: { name: 'name', data_type: 'text', constraints: [] } },
  ...extra,
});

const current = (columns: Record<string, { data_type: string; constraints?: Record<string, unknown>[] }>, extra: Partial<ModelNode> = {}) => ({
  name: 'm', original_file_path: 'models/m.sql', version: null,
  contract: { enforced: true, alias_types: true, checksum: 'new' },
  config: { materialized: 'table' },
  constraints: [parseConstraint(pk, 'model', loc)],
  columns: Object.fromEntries(Object.entries(columns).map(([name, c]) => [name, { name, data_type: c.data_type, constraints: (c.constraints ?? []).map((x) => parseConstraint(x, 'column', loc)) }])),
  ...extra,
}) as unknown as ModelNode;

const caps = duckdbDialect.capabilities;

describe('breaking changes to enforced contracts', () => {
  it('none when unchanged or only extended', () => {
    expect(contractBreakingChanges(old(), current({ id: { data_type: 'int', constraints: [nn] }, name: { data_type: 'text' } }), caps)).toEqual([]);
    expect(contractBreakingChanges(old(), current({ id: { data_type: 'int', constraints: [nn] }, name: { data_type: 'text' }, extra: { data_type: 'int', constraints: [nn] } }), caps)).toEqual([]);
    expect(contractBreakingChanges(old({ contract: { enforced: false } }), current({}), caps)).toEqual([]);
  });

  it('a removed column, a retyped column and removed enforced constraints', () => {
    const changes = contractBreakingChanges(old(), current({ id: { data_type: 'bigint' } }, { constraints: [] }), caps);
    expect(changes).toEqual([
      'Columns were removed: \n    - name',
      'Columns with data_type changes: \n    - id (int -> bigint)',
      "Enforced column level constraints were removed: \n    - 'not_null' constraint on column id",
      "Enforced model level constraints were removed: \n    - 'primary_key' constraint on columns ['id']",
    ]);
    expect(breakingChangeError(changes)).toMatch(/^While comparing to previous project state, dbt detected a breaking change to an enforced contract\.\n  - Columns were removed/);
  });

  it('contract enforcement removed, and a table with constraints turned into a view', () => {
    const changes = contractBreakingChanges(old(), current({ id: { data_type: 'int', constraints: [nn] }, name: { data_type: 'text' } }, {
      contract: { enforced: false, alias_types: true, checksum: null }, config: { materialized: 'view' } as ModelNode['config'],
    }), caps);
    expect(changes[0]).toMatch(/^Contract enforcement was removed/);
    expect(changes.at(-1)).toBe('Materialization changed with enforced constraints: \n    - table -> view');
  });

  it('constraints the adapter does not enforce are not breaking when removed', () => {
    const fk = { ...nn, type: 'foreign_key', to: "ref('c')", to_columns: ['id'] };
    const before = old({ columns: { id: { name: 'id', data_type: 'int', constraints: [nn, fk] }, name: { name: 'name', data_type: 'text', constraints: [] } } });
    expect(contractBreakingChanges(before, current({ id: { data_type: 'int', constraints: [nn] }, name: { data_type: 'text' } }), caps)).toEqual([]);
  });
});

describe('a contracted model that is gone (dbt same_contract_removed)', () => {
  const now = new Date('2025-06-01T00:00:00Z');
  const gone = (extra: Record<string, unknown> = {}) => ({ unique_id: 'model.p.m', contract: { enforced: true }, deprecation_date: null, ...extra });

  it('is a breaking change when its contract was enforced', () => {
    expect(removedContractChange(gone(), false, now)).toBe("Contracted model 'model.p.m' was deleted or renamed.");
    expect(removedContractChange(gone(), true, now)).toBe("Contracted model 'model.p.m' was disabled.");
  });

  it('is not when the contract was not enforced, or the model was past its deprecation date', () => {
    expect(removedContractChange(gone({ contract: { enforced: false } }), false, now)).toBeNull();
    expect(removedContractChange(gone({ deprecation_date: '2025-01-01T00:00:00+00:00' }), false, now)).toBeNull();
    expect(removedContractChange(gone({ deprecation_date: '2026-01-01T00:00:00+00:00' }), false, now)).not.toBeNull();
  });
});
