import { describe, expect, it } from 'vitest';
import { parseYamlFile } from '../../../src/project/yaml-file.js';
import { TxError, TxCodes } from '../../../src/errors/tx-error.js';

function yamlError(text: string): TxError {
  try {
    parseYamlFile('/p/x.yml', text);
  } catch (e) {
    if (e instanceof TxError) return e;
    throw e;
  }
  throw new Error('expected a YAML error');
}

describe('parseYamlFile', () => {
  it('returns the value and positions of keys, items and values', () => {
    const f = parseYamlFile('/p/schema.yml', 'version: 2\nmodels:\n  - name: a\n    columns:\n      - name: id\n');
    expect(f.value).toEqual({ version: 2, models: [{ name: 'a', columns: [{ name: 'id' }] }] });
    expect(f.locOf(['models'])).toEqual({ file: '/p/schema.yml', line: 2, col: 1 });
    expect(f.locOf(['models', 0])).toMatchObject({ line: 3, col: 5 });
    expect(f.locOf(['models', 0, 'columns'])).toMatchObject({ line: 4, col: 5 });
    expect(f.locOf(['models', 0, 'columns', 0, 'name'])).toMatchObject({ line: 5, col: 9 });
    expect(f.valueLocOf(['models', 0, 'name'])).toMatchObject({ line: 3, col: 11 });
  });

  it('falls back to the nearest ancestor for missing paths', () => {
    const f = parseYamlFile('/p/s.yml', 'models:\n  - name: a\n');
    expect(f.locOf(['models', 0, 'columns', 3])).toMatchObject({ line: 2, col: 5 });
    expect(f.locOf(['nope'])).toMatchObject({ line: 1, col: 1 });
  });

  it('reports bad indentation with line:col', () => {
    const e = yamlError('models:\n  - name: a\n    description: x\n   bad: 1\n');
    expect(e.code).toBe(TxCodes.YamlSyntax);
    expect(e.loc).toMatchObject({ file: '/p/x.yml', line: 4 });
    expect(e.message).toMatch(/invalid YAML/);
  });

  it('reports a duplicate key at the second occurrence', () => {
    const e = yamlError('name: a\nversion: 1\nname: b\n');
    expect(e.code).toBe(TxCodes.YamlSyntax);
    expect(e.loc).toEqual({ file: '/p/x.yml', line: 3, col: 1 });
    expect(e.message).toMatch(/duplicate key/);
  });

  it('reports tabs used as indentation', () => {
    expect(yamlError('a:\n\t- b\n').loc).toMatchObject({ line: 2, col: 1 });
  });

  it('follows PyYAML scalars: yes/no booleans, but y/n and dates stay strings', () => {
    const f = parseYamlFile('/p/s.yml', 'a: yes\nb: off\nc: y\nn: 1\nd: 2024-01-01\ne: "010"\n');
    expect(f.value).toEqual({ a: true, b: false, c: 'y', n: 1, d: '2024-01-01', e: '010' });
  });

  it('treats an empty file as null', () => {
    expect(parseYamlFile('/p/e.yml', '# only a comment\n').value).toBeNull();
  });
});
