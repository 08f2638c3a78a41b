import { describe, expect, it } from 'vitest';
import { parseCliVars, resolveVars } from '../../../src/project/vars.js';
import { TxError, TxCodes } from '../../../src/errors/tx-error.js';

describe('resolveVars', () => {
  const projectVars = {
    start_date: '2016-06-01',
    shared: 'global',
    my_proj: { platforms: ['web'], shared: 'root-scoped' },
    snowplow: { app_ids: ['app'], shared: 'snowplow-scoped' },
  };

  it('gives package-scoped vars precedence over global ones', () => {
    const v = resolveVars(projectVars, 'my_proj', 'my_proj', {});
    expect(v['start_date']).toBe('2016-06-01');
    expect(v['platforms']).toEqual(['web']);
    expect(v['shared']).toBe('root-scoped');
    expect(v['app_ids']).toBeUndefined();
  });

  it('scopes vars to a package by its name', () => {
    const v = resolveVars(projectVars, 'my_proj', 'snowplow', {});
    expect(v['app_ids']).toEqual(['app']);
    expect(v['shared']).toBe('snowplow-scoped');
    expect(v['platforms']).toBeUndefined();
  });

  it('lets --vars override everything', () => {
    const v = resolveVars(projectVars, 'my_proj', 'snowplow', { shared: 'cli', start_date: '2020-01-01' });
    expect(v['shared']).toBe('cli');
    expect(v['start_date']).toBe('2020-01-01');
  });

  it("puts a package's own dbt_project.yml vars below the root project's", () => {
    const own = { shared: 'package-own', only_in_pkg: 1, snowplow: { scoped_own: 2 } };
    const v = resolveVars(projectVars, 'my_proj', 'snowplow', {}, own);
    expect(v['shared']).toBe('snowplow-scoped');
    expect(v['only_in_pkg']).toBe(1);
    expect(v['scoped_own']).toBe(2);
    // ignored for the root package
    expect(resolveVars(projectVars, 'my_proj', 'my_proj', {}, own)['only_in_pkg']).toBeUndefined();
  });
});

describe('parseCliVars', () => {
  it('accepts YAML and JSON mappings', () => {
    expect(parseCliVars('{key: value, date: 20180101}')).toEqual({ key: 'value', date: 20180101 });
    expect(parseCliVars('{"key": "value", "n": [1, 2]}')).toEqual({ key: 'value', n: [1, 2] });
    expect(parseCliVars('start: 2024-01-01')).toEqual({ start: '2024-01-01' });
    expect(parseCliVars('')).toEqual({});
  });

  it('rejects invalid YAML and non-mappings with a usage error', () => {
    for (const bad of ['{key: value', '[1, 2]', '42']) {
      let err: unknown;
      try {
        parseCliVars(bad);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(TxError);
      expect((err as TxError).code).toBe(TxCodes.Usage);
    }
  });
});
