import { describe, expect, it } from 'vitest';
import { parsePropertiesFile } from '../../../src/project/properties.js';
import { parseYamlFile } from '../../../src/project/yaml-file.js';

const parse = (lines: string[]) => parsePropertiesFile(parseYamlFile('/p/models/schema.yml', lines.join('\n')), 'models/schema.yml');

describe('versions: in properties YAML', () => {
  it('reads each version with its include/exclude, columns, tests and dates', () => {
    const f = parse([
      'models:',
      '  - name: dim',
      '    latest_version: 2',
      '    columns: [{name: id, data_type: int}, {name: name, data_type: text}]',
      '    versions:',
      '      - v: 1',
      '        deprecation_date: 2024-06-01',
      '        defined_in: dim_old',
      '      - v: 2',
      '        columns:',
      '          - include: all',
      '            exclude: [name]',
      '          - name: full_name',
      '            data_type: text',
      '        data_tests: [unique]',
    ]);
    expect(f.diagnostics).toEqual([]);
    const [v1, v2] = f.models[0]!.versions;
    expect([v1!.v, v1!.defined_in, v1!.deprecation_date, v1!.include, v1!.data_tests]).toEqual([1, 'dim_old', '2024-06-01', '*', null]);
    expect([v2!.include, v2!.exclude, v2!.columns.map((c) => c.name), v2!.data_tests]).toEqual(['*', ['name'], ['full_name'], ['unique']]);
    expect(v2!.columns[0]!.loc.line).toBe(13);
  });

  it('rejects duplicate versions, a latest_version that is not one of them, and two include entries', () => {
    const dup = parse(['models:', '  - name: dim', '    versions: [{v: 1}, {v: 1}]']);
    expect(dup.diagnostics.map((d) => d.message)).toEqual(["Found duplicate version: '1' in versions list of model 'dim'"]);
    const latest = parse(['models:', '  - name: dim', '    latest_version: 3', '    versions: [{v: 1}, {v: 2}]']);
    expect(latest.diagnostics.map((d) => [d.message, d.loc?.line])).toEqual([["latest_version: 3 is not one of model 'dim' versions: [1, 2]", 3]]);
    const two = parse(['models:', '  - name: dim', '    versions:', '      - v: 1', '        columns: [{include: all}, {include: [id]}]']);
    expect(two.diagnostics.map((d) => d.message)).toEqual(['version can have at most one include/exclude element']);
    const noV = parse(['models:', '  - name: dim', '    versions: [{defined_in: x}]']);
    expect(noV.diagnostics.map((d) => d.message)).toEqual(["each version entry needs a 'v' key"]);
  });
});
