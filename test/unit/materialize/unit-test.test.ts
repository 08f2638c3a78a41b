import { describe, expect, it } from 'vitest';
import { fixtureSql, parseCsvRows, expectedColumns } from '../../../src/materialize/unit-test.js';
import { duckdbDialect } from '../../../adapters/duckdb/dialect.js';

const loc = { file: 'models/u.yml', line: 4, col: 5 };
const columns = [{ name: 'id', dataType: 'INTEGER' }, { name: 'name', dataType: 'VARCHAR' }];

describe('unit test fixtures', () => {
  it('casts every value to the input column type and fills missing columns with null', () => {
    expect(fixtureSql(duckdbDialect, { label: 'input', columns, rows: [{ id: 1 }, { ID: 2, name: "O'Hara" }], loc })).toBe(
      `select cast(1 as INTEGER) as "id", cast(NULL as VARCHAR) as "name"\nunion all\nselect cast(2 as INTEGER) as "id", cast('O''Hara' as VARCHAR) as "name"`,
    );
  });

  it('gives an empty, typed select for no rows', () => {
    expect(fixtureSql(duckdbDialect, { label: 'input', columns, rows: [], loc })).toBe('select cast(NULL as INTEGER) as "id", cast(NULL as VARCHAR) as "name" where false');
  });

  it('rejects a column the relation does not have, naming the columns it has', () => {
    expect(() => fixtureSql(duckdbDialect, { label: "input ref('x')", columns, rows: [{ idd: 1 }], loc })).toThrow(/input ref\('x'\) has a column 'idd' that the relation does not have \(columns: id, name\)/);
  });

  it('reads CSV fixtures with quotes, empty and null fields', () => {
    expect(parseCsvRows('id,name\n1,"a, b"\n2,\n3,null\n4,"say ""hi"""\n')).toEqual([
      { id: '1', name: 'a, b' }, { id: '2', name: null }, { id: '3', name: null }, { id: '4', name: 'say "hi"' },
    ]);
  });

  it('compares only the columns the expected rows name', () => {
    const out = [{ name: 'a', dataType: 'INTEGER' }, { name: 'b', dataType: 'VARCHAR' }];
    expect(expectedColumns(out, [{ b: 'x' }], loc, 'm')).toEqual([{ name: 'b', dataType: 'VARCHAR' }]);
    expect(() => expectedColumns(out, [{ c: 1 }], loc, 'm')).toThrow(/expect names a column 'c' that model 'm' does not return/);
  });
});
