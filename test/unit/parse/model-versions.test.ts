import { describe, expect, it } from 'vitest';
import { compareVersions, indexVersionedFiles, latestVersion, normalizeDeprecationDate, versionColumns } from '../../../src/parse/model-versions.js';
import { deprecationWarnings } from '../../../src/parse/deprecations.js';
import { Diagnostics } from '../../../src/errors/diagnostics.js';
import type { ColumnPatch, NodePatch, VersionPatch } from '../../../src/project/properties.js';
import type { Manifest } from '../../../src/parse/manifest-types.js';

const loc = { file: 'schema.yml', line: 1, col: 1 };
const column = (name: string): ColumnPatch => ({ name, description: '', data_type: 'int', meta: {}, tags: [], quote: null, constraints: [], data_tests: [], config: {}, granularity: null, loc });
const version = (v: string | number, extra: Partial<VersionPatch> = {}): VersionPatch => ({
  v, defined_in: null, description: null, access: null, config: {}, constraints: [], docs: null, data_tests: null, columns: [], include: '*', exclude: [], deprecation_date: null, loc, ...extra,
});
const patch = (versions: VersionPatch[], extra: Partial<NodePatch> = {}): NodePatch => ({
  resourceType: 'model', name: 'dim', description: 'd', columns: [column('id'), column('name')], config: { materialized: 'table' }, meta: {}, tags: [], docs: null,
  data_tests: [], constraints: [], versions, latest_version: null, access: null, group: null, deprecation_date: null, arguments: [], raw: {}, loc, file: 'models/schema.yml', absPath: '/p/models/schema.yml', ...extra,
});

describe('model versions', () => {
  it('orders versions numerically when it can, as dbt', () => {
    expect(compareVersions(10, 9)).toBeGreaterThan(0);
    expect(compareVersions('2', 10)).toBeLessThan(0);
    expect(compareVersions('b', 'a')).toBeGreaterThan(0);
    expect(latestVersion(patch([version(1), version(10), version(2)]))).toBe(10);
    expect(latestVersion(patch([version(1), version(2)], { latest_version: 1 }))).toBe(1);
  });

  it('includes and excludes the model\'s columns per version', () => {
    const p = patch([]);
    expect(versionColumns(p, version(1)).map((c) => c.name)).toEqual(['id', 'name']);
    expect(versionColumns(p, version(2, { exclude: ['name'], columns: [column('full_name')] })).map((c) => c.name)).toEqual(['id', 'full_name']);
    expect(versionColumns(p, version(3, { include: ['name'] })).map((c) => c.name)).toEqual(['name']);
  });

  it('finds each version\'s file: <name>_v<N>, defined_in, or the bare name for the latest', () => {
    const d = new Diagnostics();
    const p = patch([version(1), version(2), version(3, { defined_in: 'dim_next' }), version(4)], { latest_version: 2 });
    const idx = indexVersionedFiles([p], new Set(['dim_v1', 'dim', 'dim_next']), d);
    expect([...idx.entries()].map(([f, v]) => [f, v.version, v.latestVersion])).toEqual([['dim_v1', 1, 2], ['dim', 2, 2], ['dim_next', 3, 2]]);
    expect(d.warnings.map((w) => w.message)).toEqual(["Did not find matching node for patch with name 'dim_v4' in the 'models' section of file 'models/schema.yml'"]);
    expect(idx.get('dim_next')!.patch.config).toEqual({ materialized: 'table' });
  });

  it('normalises deprecation dates to ISO with a zone (UTC)', () => {
    expect(normalizeDeprecationDate('2024-06-01')).toBe('2024-06-01T00:00:00+00:00');
    expect(normalizeDeprecationDate('2024-06-01 12:30')).toBe('2024-06-01T12:30:00+00:00');
    expect(normalizeDeprecationDate('2024-06-01T12:30:00Z')).toBe('2024-06-01T12:30:00+00:00');
    expect(normalizeDeprecationDate('2024-06-01T12:30:00+0200')).toBe('2024-06-01T12:30:00+02:00');
    expect(normalizeDeprecationDate('soon')).toBeNull();
  });

  it('warns about deprecated models and the models that ref them', () => {
    const model = (id: string, name: string, extra: Record<string, unknown>) => ({ unique_id: id, name, resource_type: 'model', package_name: 'p', abs_path: `/p/${name}.sql`, version: null, latest_version: null, deprecation_date: null, depends_on: { nodes: [], macros: [] }, ...extra });
    const manifest = {
      nodes: {
        'model.p.dim.v1': model('model.p.dim.v1', 'dim', { version: 1, latest_version: 2, deprecation_date: '2020-01-01T00:00:00+00:00' }),
        'model.p.dim.v2': model('model.p.dim.v2', 'dim', { version: 2, latest_version: 2, deprecation_date: '2999-01-01T00:00:00+00:00' }),
        'model.p.a': model('model.p.a', 'a', { depends_on: { nodes: ['model.p.dim.v1'], macros: [] } }),
        'model.p.b': model('model.p.b', 'b', { depends_on: { nodes: ['model.p.dim.v2'], macros: [] } }),
      },
    } as unknown as Manifest;
    expect(deprecationWarnings(manifest, new Date('2024-01-01T00:00:00Z')).map((w) => w.message)).toEqual([
      'Model dim.v1 has passed its deprecation date of 2020-01-01T00:00:00+00:00. This model should be disabled or removed.',
      "While compiling 'a': Found a reference to p.dim.v1, which was deprecated on '2020-01-01T00:00:00+00:00'. A new version of 'dim' is available. Migrate now: {{ ref('dim', v='2') }}.",
      "While compiling 'b': Found a reference to p.dim.v2, which is slated for deprecation on '2999-01-01T00:00:00+00:00'.",
    ]);
  });
});
