import { describe, expect, it } from 'vitest';
import { formatLs, lsResourceTypes, pyJsonDumps } from '../../../src/select/index.js';
import { M } from './fixture.js';

const ids = ['model.p.user_features', 'source.p.bronze.user_events', 'seed.p.raw_users', 'model.p.dim.v2'];

describe('formatLs', () => {
  it('selector output: fqn, or source:pkg.source.table; sorted by unique_id', () => {
    expect(formatLs(ids, M, 'selector')).toEqual([
      'p.dim.v2', 'p.silver.user_features', 'p.raw_users', 'source:p.bronze.user_events',
    ]);
  });
  it('name output uses dbt search names', () => {
    expect(formatLs(ids, M, 'name')).toEqual(['dim.v2', 'user_features', 'raw_users', 'bronze.user_events']);
  });
  it('path output is original_file_path', () => {
    expect(formatLs(ids, M, 'path')).toEqual([
      'models/dim.sql', 'models/silver/user_features.sql', 'seeds/raw_users.csv', 'models/bronze/sources.yml',
    ]);
  });
  it('json output: dbt default keys in dbt field order, Python formatting', () => {
    const [line] = formatLs(['seed.p.raw_users'], M, 'json');
    expect(line).toBe(
      '{"name": "raw_users", "resource_type": "seed", "package_name": "p", "original_file_path": "seeds/raw_users.csv", ' +
        '"unique_id": "seed.p.raw_users", "alias": "raw_users", ' +
        '"config": {"enabled": true, "materialized": "view", "tags": [], "meta": {}}, "tags": [], "depends_on": {"macros": []}}',
    );
    const [src] = formatLs(['source.p.bronze.user_events'], M, 'json');
    expect(JSON.parse(src!)).toEqual({
      name: 'user_events', resource_type: 'source', package_name: 'p', original_file_path: 'models/bronze/sources.yml',
      unique_id: 'source.p.bronze.user_events', source_name: 'bronze', tags: ['raw'], config: { enabled: true },
    });
  });
  it('json output honours --output-keys but keeps dbt order and drops tx-only fields', () => {
    expect(formatLs(['model.p.user_features'], M, 'json', ['unique_id', 'name', 'abs_path'])).toEqual([
      '{"name": "user_features", "unique_id": "model.p.user_features"}',
    ]);
  });
});

describe('helpers', () => {
  it('pyJsonDumps escapes non-ASCII like Python', () => {
    expect(pyJsonDumps({ a: 'é', b: [1, null, true] })).toBe('{"a": "\\u00e9", "b": [1, null, true]}');
  });
  it('lsResourceTypes expands default and all', () => {
    expect(lsResourceTypes(undefined)).not.toContain('analysis');
    expect(lsResourceTypes(['all'])).toContain('analysis');
    expect(lsResourceTypes(['model'])).toEqual(['model']);
  });
});
