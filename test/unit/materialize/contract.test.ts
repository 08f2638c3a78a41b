import { describe, expect, it } from 'vitest';
import { compareContract, contractErrorMessage, declaredColumns, emptySchemaSql, mismatchTable, sameType, translateType } from '../../../src/materialize/contract.js';
import { duckdbDialect } from '../../../adapters/duckdb/dialect.js';
import { postgresDialect } from '../../../adapters/postgres/dialect.js';

const col = (name: string, data_type: string) => ({ name, data_type, quote: false });
const wc = (name: string, dataType: string) => ({ name, dataType });

describe('contract comparison', () => {
  it('matches names in any order and case, and types by the dialect', () => {
    const declared = [col('id', 'int'), col('Name', 'string'), col('ts', 'timestamp')];
    const actual = [wc('name', 'VARCHAR'), wc('ts', 'TIMESTAMP'), wc('id', 'INTEGER')];
    expect(compareContract(duckdbDialect, declared, actual)).toEqual([]);
  });

  it('reports every kind of mismatch, sorted by column name, in dbt wording', () => {
    const declared = [col('id', 'int'), col('email', 'varchar'), col('amount', 'decimal(10,2)')];
    const actual = [wc('id', 'BIGINT'), wc('amount', 'DECIMAL(10,2)'), wc('extra', 'INTEGER')];
    expect(compareContract(duckdbDialect, declared, actual)).toEqual([
      { column_name: 'email', definition_type: '', contract_type: 'varchar', mismatch_reason: 'missing in contract' },
      { column_name: 'extra', definition_type: 'INTEGER', contract_type: '', mismatch_reason: 'missing in definition' },
      { column_name: 'id', definition_type: 'BIGINT', contract_type: 'int', mismatch_reason: 'data type mismatch' },
    ]);
  });

  it('compares with the types the warehouse described for the contract', () => {
    const declared = [col('amount', 'numeric')];
    expect(compareContract(duckdbDialect, declared, [wc('amount', 'DECIMAL(18,3)')], [wc('amount', 'DECIMAL(18,3)')])).toEqual([]);
    expect(compareContract(duckdbDialect, declared, [wc('amount', 'DECIMAL(10,2)')], [wc('amount', 'DECIMAL(18,3)')])).toHaveLength(1);
  });

  it('normalises types per dialect; an unparameterised side matches any parameters', () => {
    expect(sameType(postgresDialect, 'int4', 'integer')).toBe(true);
    expect(sameType(postgresDialect, 'text', 'character varying(20)')).toBe(true);
    expect(sameType(postgresDialect, 'numeric', 'numeric(10,2)')).toBe(true);
    expect(sameType(postgresDialect, 'numeric(12,2)', 'numeric(10,2)')).toBe(false);
    expect(sameType(postgresDialect, 'bigint', 'integer')).toBe(false);
    expect(sameType(duckdbDialect, 'string', 'VARCHAR')).toBe(true);
    expect(sameType(duckdbDialect, 'DECIMAL(10,2)', 'DECIMAL(18,3)')).toBe(false);
    expect(sameType(duckdbDialect, 'TIMESTAMP', 'TIMESTAMP WITH TIME ZONE')).toBe(false);
  });

  it('prints the mismatches as agate prints dbt\'s table', () => {
    const table = mismatchTable([{ column_name: 'id', definition_type: 'BIGINT', contract_type: 'int', mismatch_reason: 'data type mismatch' }]);
    expect(table).toBe([
      '| column_name | definition_type | contract_type | mismatch_reason    |',
      '| ----------- | --------------- | ------------- | ------------------ |',
      '| id          | BIGINT          | int           | data type mismatch |',
    ].join('\n'));
    expect(contractErrorMessage([])).toMatch(/^This model has an enforced contract that failed\.\nPlease ensure the name, data_type, and number of columns/);
  });

  it('translates aliases as dbt\'s Column.translate_type, unless alias_types is off', () => {
    expect(translateType('string')).toBe('TEXT');
    expect(translateType('integer')).toBe('INT');
    expect(translateType('varchar(3)')).toBe('varchar(3)');
    const cols = { a: { name: 'a', data_type: 'string', quote: null } };
    expect(declaredColumns(cols, true)[0]!.data_type).toBe('TEXT');
    expect(declaredColumns(cols, false)[0]!.data_type).toBe('string');
    expect(emptySchemaSql(duckdbDialect, [col('select', 'int')])).toBe('select cast(null as int) as "select"');
  });
});
