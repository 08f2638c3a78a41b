import { describe, expect, it } from 'vitest';
import {
  defaultNodeConfig, folderConfig, folderConfigLayers, mergeConfigs, resolveNodeConfig,
} from '../../../src/parse/config-merge.js';
import { loadDbtProject } from '../../../src/project/dbt-project.js';
import { tempProject } from './helpers.js';

/** A real dbt_project.yml, loaded the way the parse phase will. */
function projectModels(): Record<string, unknown> {
  const root = tempProject({
    'dbt_project.yml': [
      'name: shop',
      'models:',
      '  +tags: [all]',
      '  +meta: {owner: data, tier: 3}',
      '  shop:',
      '    materialized: view',
      '    +post-hook: "grant select on {{ this }} to reporter"',
      '    silver:',
      '      +materialized: table',
      '      tags: silver',
      '      +meta: {tier: 2}',
      '      user_features:',
      '        +materialized: incremental',
      '        +grants: {select: [analyst]}',
      '      tags_folder_named_like_a_config:',
      '        schema: odd',
      '  dbt_utils:',
      '    +schema: utils',
      '',
    ].join('\n'),
  });
  return loadDbtProject(root, (v) => v).models;
}

describe('folderConfig', () => {
  const models = projectModels();

  it('walks root → package → folders → model name, deeper wins', () => {
    const c = folderConfig(models, 'shop', ['shop', 'silver', 'user_features']);
    expect(c['materialized']).toBe('incremental');
    expect(c['tags']).toEqual(['all', 'silver']);
    expect(c['meta']).toEqual({ owner: 'data', tier: 2 });
    expect(c['post-hook']).toEqual(['grant select on {{ this }} to reporter']);
    expect(c['grants']).toEqual({ select: ['analyst'] });
  });

  it('applies the folder but not sibling model keys', () => {
    const c = folderConfig(models, 'shop', ['shop', 'silver', 'other_model']);
    expect(c['materialized']).toBe('table');
    expect(c['grants']).toBeUndefined();
    expect(folderConfig(models, 'shop', ['shop', 'gold', 'x'])['materialized']).toBe('view');
  });

  it('treats dict-valued unprefixed keys as folders and scalar ones as configs', () => {
    const layers = folderConfigLayers(models, 'shop', ['shop', 'silver', 'user_features']);
    // root, shop, silver, user_features
    expect(layers).toHaveLength(4);
    expect(layers[2]).not.toHaveProperty('tags_folder_named_like_a_config');
    expect(folderConfig(models, 'shop', ['shop', 'silver', 'tags_folder_named_like_a_config', 'm'])['schema']).toBe('odd');
  });

  it('keeps per-package trees apart', () => {
    const utils = folderConfig(models, 'shop', ['dbt_utils', 'some_macro_model']);
    expect(utils['schema']).toBe('utils');
    expect(utils['materialized']).toBeUndefined();
    expect(utils['tags']).toEqual(['all']);
  });
});

describe('mergeConfigs', () => {
  it('unions tags (string or list), updates meta shallowly, appends hooks with alias normalisation', () => {
    const c = mergeConfigs(
      { tags: 'a', meta: { x: { deep: 1 }, y: 1 }, pre_hook: 'h1' },
      { tags: ['b', 'a'], meta: { x: { other: 2 } }, 'pre-hook': ['h2'], '+post-hook': 'p1' },
    );
    expect(c['tags']).toEqual(['a', 'b']);
    expect(c['meta']).toEqual({ x: { other: 2 }, y: 1 });
    expect(c['pre-hook']).toEqual(['h1', 'h2']);
    expect(c['post-hook']).toEqual(['p1']);
    expect(c).not.toHaveProperty('pre_hook');
  });

  it('merges grants per privilege; "+privilege" appends, plain replaces', () => {
    const c = mergeConfigs({ grants: { select: ['a'], insert: 'b' } }, { grants: { '+select': ['c'], insert: ['d'] } });
    expect(c['grants']).toEqual({ select: ['a', 'c'], insert: ['d'] });
  });

  it('updates docs, contract, persist_docs, quoting and column_types; clobbers the rest', () => {
    const c = mergeConfigs(
      { docs: { show: true, node_color: 'red' }, contract: { enforced: false, alias_types: true }, materialized: 'view', unique_key: ['a'] },
      { docs: { show: false }, contract: { enforced: true }, materialized: 'table', unique_key: 'b', column_types: { a: 'int' } },
    );
    expect(c).toMatchObject({
      docs: { show: false, node_color: 'red' }, contract: { enforced: true, alias_types: true },
      materialized: 'table', unique_key: 'b', column_types: { a: 'int' },
    });
  });

  it('does not mutate its inputs', () => {
    const a = { tags: ['x'], meta: { k: 1 } };
    mergeConfigs(a, { tags: ['y'], meta: { j: 2 } });
    expect(a).toEqual({ tags: ['x'], meta: { k: 1 } });
  });
});

describe('resolveNodeConfig', () => {
  const models = projectModels();

  it('applies config() > properties > deepest folder > parent folders > defaults', () => {
    const fqn = ['shop', 'silver', 'user_features'];
    const c = resolveNodeConfig(
      'model',
      [folderConfig(models, 'shop', fqn)],
      { materialized: 'table', tags: ['props'], meta: { tier: 1, from_props: true }, unique_key: 'id' },
      { materialized: 'incremental', tags: 'call', pre_hook: "{{ log('x') }}", unique_key: ['id', 'ts'] },
    );
    expect(c.materialized).toBe('incremental');
    expect(c.tags).toEqual(['all', 'silver', 'props', 'call']);
    expect(c.meta).toEqual({ owner: 'data', tier: 1, from_props: true });
    expect(c['pre-hook']).toEqual(["{{ log('x') }}"]);
    expect(c['post-hook']).toEqual(['grant select on {{ this }} to reporter']);
    expect(c.unique_key).toEqual(['id', 'ts']);
    expect(c.grants).toEqual({ select: ['analyst'] });
    // untouched defaults survive
    expect(c.on_schema_change).toBe('ignore');
    expect(c.docs).toEqual({ show: true, node_color: null });
    expect(c.access).toBe('protected');
    expect(c.enabled).toBe(true);
  });

  it('properties beat the project file, which beats defaults', () => {
    const c = resolveNodeConfig('model', [folderConfig(models, 'shop', ['shop', 'silver', 'm'])], { materialized: 'ephemeral' }, {});
    expect(c.materialized).toBe('ephemeral');
    expect(resolveNodeConfig('model', [], {}, {}).materialized).toBe('view');
  });

  it("lets the root project override a package node's in-file config", () => {
    const pkgTree = { dbt_utils: { '+materialized': 'table' } };
    const c = resolveNodeConfig(
      'model',
      [folderConfig(pkgTree, 'dbt_utils', ['dbt_utils', 'x'])],
      {},
      { schema: 'in_file' },
      [folderConfig(models, 'shop', ['dbt_utils', 'x'])],
    );
    expect(c.materialized).toBe('table');
    expect(c.schema).toBe('utils');
  });

  it('has dbt defaults per resource type', () => {
    expect(defaultNodeConfig('seed')).toMatchObject({ materialized: 'seed', delimiter: ',', quote_columns: null });
    expect(defaultNodeConfig('test')).toMatchObject({
      materialized: 'test', severity: 'ERROR', warn_if: '!= 0', error_if: '!= 0', fail_calc: 'count(*)', where: null, limit: null, store_failures: null,
    });
    expect(defaultNodeConfig('snapshot').materialized).toBe('snapshot');
    expect(defaultNodeConfig('analysis').materialized).toBe('view');
    expect(defaultNodeConfig('model')).toMatchObject({
      contract: { enforced: false, alias_types: true }, on_configuration_change: 'apply', 'pre-hook': [], packages: [], grants: {},
    });
    // fresh objects each call: no shared mutable defaults
    defaultNodeConfig('model').tags.push('x');
    expect(defaultNodeConfig('model').tags).toEqual([]);
  });
});
