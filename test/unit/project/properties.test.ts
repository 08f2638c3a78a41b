import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePropertiesFile } from '../../../src/project/properties.js';
import { parseYamlFile } from '../../../src/project/yaml-file.js';
import { TxCodes } from '../../../src/errors/tx-error.js';
import { tempProject } from './helpers.js';

function parse(text: string) {
  const root = tempProject({ 'models/schema.yml': text });
  const abs = path.join(root, 'models', 'schema.yml');
  return parsePropertiesFile(parseYamlFile(abs, fs.readFileSync(abs, 'utf8')), 'models/schema.yml');
}

describe('parsePropertiesFile', () => {
  it('parses models with ordered columns, legacy tests alias and entry positions', () => {
    const f = parse([
      'version: 2',
      'models:',
      '  - name: orders',
      '    description: One row per order',
      '    config: {materialized: table, tags: [finance]}',
      '    meta: {owner: x}',
      '    tags: nightly',
      '    columns:',
      '      - name: order_id',
      '        data_type: int',
      '        tests: [unique, not_null]',
      '      - name: amount',
      '        quote: true',
      '        constraints: [{type: not_null}]',
      '    data_tests:',
      '      - dbt_utils.expression_is_true: {expression: "amount >= 0"}',
      '',
    ].join('\n'));
    expect(f.diagnostics).toEqual([]);
    expect(f.version).toBe(2);
    const m = f.models[0]!;
    expect(m).toMatchObject({
      resourceType: 'model', name: 'orders', description: 'One row per order', config: { materialized: 'table', tags: ['finance'] },
      meta: { owner: 'x' }, tags: ['nightly'], file: 'models/schema.yml', docs: null, latest_version: null,
    });
    expect(m.loc).toMatchObject({ line: 3, col: 5 });
    expect(m.columns.map((c) => c.name)).toEqual(['order_id', 'amount']);
    expect(m.columns[0]).toMatchObject({ data_type: 'int', data_tests: ['unique', 'not_null'], quote: null, description: '' });
    expect(m.columns[1]).toMatchObject({ quote: true, constraints: [{ type: 'not_null' }], data_tests: [] });
    expect(m.columns[1]!.loc).toMatchObject({ line: 12, col: 9 });
    expect(m.data_tests).toHaveLength(1);
  });

  it('parses sources with dbt defaults (schema = source name, identifier = table name)', () => {
    const f = parse([
      'version: 2',
      'sources:',
      '  - name: raw',
      '    freshness: {warn_after: {count: 1, period: day}}',
      '    loaded_at_field: _loaded',
      '    tables:',
      '      - name: events',
      '      - name: users',
      '        identifier: users_v2',
      '        freshness: null',
      '        columns: [{name: id, data_tests: [unique]}]',
      '',
    ].join('\n'));
    expect(f.diagnostics).toEqual([]);
    const s = f.sources[0]!;
    expect(s).toMatchObject({ name: 'raw', schema: 'raw', database: null, loader: '', loaded_at_field: '_loaded' });
    expect(s.tables[0]).toMatchObject({ name: 'events', identifier: 'events', freshness: undefined });
    expect(s.tables[1]).toMatchObject({ name: 'users', identifier: 'users_v2', freshness: null });
    expect(s.tables[1]!.columns[0]!.data_tests).toEqual(['unique']);
    expect(s.tables[1]!.loc).toMatchObject({ line: 8, col: 9 });
  });

  it('reports `columns` that is not a list at the key', () => {
    const f = parse('version: 2\nmodels:\n  - name: a\n    columns:\n      id: {description: x}\n');
    expect(f.models).toEqual([]);
    expect(f.diagnostics).toHaveLength(1);
    const d = f.diagnostics[0]!;
    expect(d.code).toBe(TxCodes.PropertiesInvalid);
    expect(d.message).toMatch(/'columns' must be a list/);
    expect(d.loc).toMatchObject({ line: 4, col: 5 });
    expect(d.loc!.file).toMatch(/models[/\\]schema\.yml$/);
  });

  it('reports entries without a name and keeps the valid ones', () => {
    const f = parse('version: 2\nmodels:\n  - name: good\n  - description: no name here\nsources:\n  - name: s\n    tables:\n      - identifier: t\n');
    expect(f.models.map((m) => m.name)).toEqual(['good']);
    expect(f.diagnostics.map((d) => [d.message, d.loc!.line, d.loc!.col])).toEqual([
      ["model entry is missing 'name'", 4, 5],
      ["table entry is missing 'name'", 8, 9],
    ]);
    expect(f.sources[0]!.tables).toEqual([]);
  });

  it('rejects both tests and data_tests, bad tags, and a non-2 version', () => {
    const f = parse('version: 1\nmodels:\n  - name: a\n    tags: {x: 1}\n  - name: b\n    columns:\n      - name: c\n        tests: [unique]\n        data_tests: [not_null]\n');
    expect(f.diagnostics.map((d) => [d.message.slice(0, 30), d.loc!.line, d.loc!.col])).toEqual([
      ["'version' must be 2, got 1", 1, 1],
      ["'tags' must be a string or a l", 4, 5],
      ["use either 'data_tests' or the", 8, 9],
    ]);
  });

  it('warns (not errors) on unknown top-level keys and keeps them in raw', () => {
    const f = parse('version: 2\nmodles:\n  - name: a\nmetrics: []\n');
    expect(f.diagnostics).toHaveLength(1);
    expect(f.diagnostics[0]).toMatchObject({ severity: 'warn', code: TxCodes.PropertiesInvalid });
    expect(f.diagnostics[0]!.loc).toMatchObject({ line: 2, col: 1 });
    expect(Object.keys(f.raw)).toEqual(['modles', 'metrics']);
  });

  it('flags a model described twice in one file', () => {
    const f = parse('models:\n  - name: a\n  - name: a\n');
    expect(f.models).toHaveLength(1);
    expect(f.diagnostics[0]).toMatchObject({ code: TxCodes.DuplicateName });
    expect(f.diagnostics[0]!.loc).toMatchObject({ line: 3, col: 5 });
  });

  it('keeps unit tests and exposures raw with positions; an empty file is empty', () => {
    const f = parse('unit_tests:\n  - name: t1\n    model: a\nexposures:\n  - name: dash\n    type: dashboard\n');
    expect(f.unitTests[0]).toMatchObject({ name: 't1', raw: { model: 'a' } });
    expect(f.unitTests[0]!.loc).toMatchObject({ line: 2, col: 5 });
    expect(f.exposures[0]!.name).toBe('dash');
    const empty = parse('');
    expect(empty.models).toEqual([]);
    expect(empty.diagnostics).toEqual([]);
  });
});
