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

  it('resolves numbers as PyYAML does: floats need a dot and a signed exponent', () => {
    const text = [
      'a: e1', 'b: 1e1', 'c: 1.0e1', 'd: 1.0e+1', 'e: 1.5', 'f: .5', 'g: -.5', 'h: 1_000.5', 'i: 1.',
      'j: .inf', 'k: -.Inf', 'm: 190:20:30.15', 'n: 1:20', 'o: 0:20', 'p: 09', 'q: 010', 'r: 0x1F',
      's: 0b101', 't: 1_000', 'u: +1', 'v: .', 'w: 5e-3', 'x: 1.5e-3', 'y: ._5', 'z: -0',
    ].join('\n');
    const v = parseYamlFile('/p/n.yml', text).value as Record<string, unknown>;
    expect(v).toMatchObject({
      a: 'e1', b: '1e1', c: '1.0e1', d: 10, e: 1.5, f: 0.5, g: '-.5', h: 1000.5, i: 1,
      k: Number.NEGATIVE_INFINITY, m: 685230.15, n: 80, o: '0:20', p: '09', q: 8, r: 31,
      s: 5, t: 1000, u: 1, v: '.', w: '5e-3', x: 0.0015, y: '._5', z: 0,
    });
    expect(v['j']).toBe(Number.POSITIVE_INFINITY);
    expect(parseYamlFile('/p/n.yml', 'nan: .NaN').value).toEqual({ nan: Number.NaN });
    // The motivating case: a column named e1 stays its name.
    expect(parseYamlFile('/p/m.yml', 'columns:\n  - name: e1\n').value).toEqual({ columns: [{ name: 'e1' }] });
  });

  it('treats an empty file as null', () => {
    expect(parseYamlFile('/p/e.yml', '# only a comment\n').value).toBeNull();
  });
});
