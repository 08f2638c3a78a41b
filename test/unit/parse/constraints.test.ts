import { describe, expect, it } from 'vitest';
import { constraintsRepr, parseConstraint } from '../../../src/parse/constraints.js';
import { contractChecksum, contractConfig, parseForeignKeyTo } from '../../../src/parse/contracts.js';
import { TxCodes, TxError } from '../../../src/errors/tx-error.js';
import type { ModelNode } from '../../../src/parse/manifest-types.js';

const loc = { file: 'schema.yml', line: 3, col: 5 };

describe('constraints', () => {
  it('fills every field with dbt\'s defaults', () => {
    expect(parseConstraint({ type: 'not_null' }, 'column', loc)).toEqual({
      type: 'not_null', name: null, expression: null, warn_unenforced: true, warn_unsupported: true, to: null, to_columns: [],
    });
    expect(parseConstraint({ type: 'primary_key', columns: ['id'] }, 'model', loc).columns).toEqual(['id']);
  });

  it('rejects unknown types and keys at the YAML position', () => {
    const e = (() => {
      try {
        parseConstraint({ type: 'nonnull' }, 'column', loc);
      } catch (x) {
        return x as TxError;
      }
      return undefined;
    })();
    expect(e?.code).toBe(TxCodes.ContractInvalid);
    expect(e?.loc).toEqual(loc);
    expect(e?.message).toContain("Type must be one of ['check', 'not_null', 'unique', 'primary_key', 'foreign_key', 'custom']");
    expect(() => parseConstraint({ type: 'check', expresion: 'x > 0' }, 'column', loc)).toThrow(/unknown key 'expresion'/);
    expect(() => parseConstraint({ type: 'primary_key', columns: ['id'] }, 'column', loc)).toThrow(/unknown key 'columns'/);
    expect(() => parseConstraint({ type: 'unique' }, 'model', loc)).toThrow(/needs 'columns'/);
  });

  it('prints constraints as Python repr() does (what dbt hashes)', () => {
    expect(constraintsRepr([parseConstraint({ type: 'primary_key', columns: ['id'], expression: "x'y" }, 'model', loc)], 'model')).toBe(
      "[ModelLevelConstraint(type=<ConstraintType.primary_key: 'primary_key'>, name=None, expression=\"x'y\", warn_unenforced=True, warn_unsupported=True, to=None, to_columns=[], columns=['id'])]",
    );
  });

  it('computes dbt\'s contract checksum byte for byte', () => {
    // Reference value computed with dbt's build_contract_checksum over the same columns.
    const node = {
      config: { materialized: 'table' },
      constraints: [],
      columns: {
        id: { name: 'id', data_type: 'integer', constraints: [parseConstraint({ type: 'not_null' }, 'column', loc)] },
        name: { name: 'name', data_type: 'varchar', constraints: [] },
        country: { name: 'country', data_type: 'varchar', constraints: [] },
      },
    } as unknown as ModelNode;
    expect(contractChecksum(node)).toBe('1693906fe702c0080aff5cc3ad9cbaebf6210e16b004574b69fff5ad83ddd10f');
  });

  it('reads contract: true and foreign keys\' to:', () => {
    expect(contractConfig(true)).toEqual({ enforced: true, alias_types: true });
    expect(contractConfig({ enforced: true, alias_types: false })).toEqual({ enforced: true, alias_types: false });
    expect(parseForeignKeyTo("ref('customers')")).toEqual({ name: 'customers', package: null, version: null });
    expect(parseForeignKeyTo("ref('pkg', 'customers')")).toEqual({ name: 'customers', package: 'pkg', version: null });
    expect(parseForeignKeyTo("ref('customers', v=2)")).toEqual({ name: 'customers', package: null, version: 2 });
    expect(parseForeignKeyTo('{{ source("raw", "customers") }}')).toEqual(['raw', 'customers']);
    expect(parseForeignKeyTo('customers(id)')).toBeNull();
  });
});
