import { describe, expect, it } from 'vitest';
import { perVersion } from '../../../src/parse/unit-test-targets.js';
import type { Manifest, ModelNode, UnitTestNode } from '../../../src/parse/manifest-types.js';

const model = (name: string, version: number | null): ModelNode =>
  ({ unique_id: `model.p.${name}${version === null ? '' : `.v${version}`}`, resource_type: 'model', name, package_name: 'p', version, latest_version: version === null ? null : 2 }) as unknown as ModelNode;
const manifest = (...models: ModelNode[]): Manifest =>
  ({ nodes: Object.fromEntries(models.map((m) => [m.unique_id, m])), sources: {}, macros: {}, docs: {}, disabled: {}, unit_tests: {}, exposures: {} }) as Manifest;
const test = (versions: UnitTestNode['versions']): UnitTestNode =>
  ({ unique_id: 'unit_test.p.m.t', name: 't', model: 'm', version: null, versions, depends_on: { macros: [], nodes: [] }, loc: { file: 'x.yml', line: 1, col: 1 } }) as unknown as UnitTestNode;

const versioned = manifest(model('m', 1), model('m', 2), model('m', 3), model('other', 1));
const ids = (ts: UnitTestNode[]) => ts.map((t) => [t.unique_id, t.version, t.depends_on.nodes[0]]);

describe('unit tests on versioned models (dbt process_models_for_unit_test)', () => {
  it('one unit test per version by default', () => {
    expect(ids(perVersion(test(null), versioned.nodes['model.p.m.v2'] as ModelNode, Object.values(versioned.nodes)))).toEqual([
      ['unit_test.p.m.t_v1', 1, 'model.p.m.v1'],
      ['unit_test.p.m.t_v2', 2, 'model.p.m.v2'],
      ['unit_test.p.m.t_v3', 3, 'model.p.m.v3'],
    ]);
  });

  it('include and exclude choose versions; exclude wins when both are given', () => {
    const latest = versioned.nodes['model.p.m.v2'] as ModelNode;
    expect(ids(perVersion(test({ include: [1, '3'], exclude: null }), latest, Object.values(versioned.nodes))).map((x) => x[1])).toEqual([1, 3]);
    expect(ids(perVersion(test({ include: null, exclude: [2] }), latest, Object.values(versioned.nodes))).map((x) => x[1])).toEqual([1, 3]);
    expect(ids(perVersion(test({ include: [1], exclude: [1] }), latest, Object.values(versioned.nodes))).map((x) => x[1])).toEqual([2, 3]);
  });

  it('no version left, or a filter on an unversioned model, is an error', () => {
    const latest = versioned.nodes['model.p.m.v2'] as ModelNode;
    expect(() => perVersion(test({ include: [7], exclude: null }), latest, Object.values(versioned.nodes))).toThrow("Unit test 't' referenced a version of 'm' which was not found.");
    const plain = manifest(model('m', null));
    expect(() => perVersion(test({ include: [1], exclude: null }), plain.nodes['model.p.m'] as ModelNode, Object.values(plain.nodes))).toThrow("should not have a versions include or exclude when referencing non-versioned model 'm'");
    expect(ids(perVersion(test(null), plain.nodes['model.p.m'] as ModelNode, Object.values(plain.nodes)))).toEqual([['unit_test.p.m.t', null, 'model.p.m']]);
  });
});
