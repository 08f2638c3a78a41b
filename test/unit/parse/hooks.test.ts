import { describe, expect, it } from 'vitest';
import { hookConfig, hookConfigs } from '../../../src/parse/hook-config.js';
import { orderedHooks, projectHookNodes } from '../../../src/parse/hook-nodes.js';
import { loadDbtProject } from '../../../src/project/dbt-project.js';
import { envRenderer, tempProject } from '../project/helpers.js';

describe('hook configs (dbt get_hook_dict)', () => {
  it('runs a string inside the transaction', () => {
    expect(hookConfig('grant select on {{ this }} to r', 0)).toEqual({ sql: 'grant select on {{ this }} to r', transaction: true, index: 0 });
  });

  it('takes a dict as it is, transaction defaulting to true', () => {
    expect(hookConfig({ sql: 'vacuum {{ this }}', transaction: false }, 2)).toEqual({ sql: 'vacuum {{ this }}', transaction: false, index: 2 });
    expect(hookConfig({ sql: 'select 1' }, 0).transaction).toBe(true);
  });

  it('parses the JSON dict before_begin() / after_commit() render', () => {
    expect(hookConfig('\n  {"sql": "vacuum {{ this }}", "transaction": false}  ', 1)).toEqual({ sql: 'vacuum {{ this }}', transaction: false, index: 1 });
  });

  it('keeps SQL that only looks like JSON', () => {
    expect(hookConfig('{ not json }', 0)).toEqual({ sql: '{ not json }', transaction: true, index: 0 });
    expect(hookConfig('{"a": 1}', 0)).toEqual({ sql: '{"a": 1}', transaction: true, index: 0 });
  });

  it('lists a single hook, a list and nothing', () => {
    expect(hookConfigs('select 1').map((h) => h.sql)).toEqual(['select 1']);
    expect(hookConfigs(['a', { sql: 'b', transaction: false }]).map((h) => [h.sql, h.transaction, h.index])).toEqual([['a', true, 0], ['b', false, 1]]);
    expect(hookConfigs(undefined)).toEqual([]);
    expect(hookConfigs(null)).toEqual([]);
  });
});

describe('project hook nodes', () => {
  const load = (files: Record<string, string>) => loadDbtProject(tempProject(files), envRenderer({}).render);

  it('builds dbt HookNodes from on-run-start / on-run-end (a string or a list)', () => {
    const root = load({ 'dbt_project.yml': 'name: shop\non-run-start: "create table if not exists {{ target.schema }}.audit (x int)"\non-run-end:\n  - "select 1"\n  - "select 2"\n' });
    const hooks = projectHookNodes([root], { database: 'db', schema: 'main' });
    expect(Object.keys(hooks)).toEqual([
      'operation.shop.shop-on-run-start-0',
      'operation.shop.shop-on-run-end-0',
      'operation.shop.shop-on-run-end-1',
    ]);
    const h = hooks['operation.shop.shop-on-run-end-1']!;
    expect(h).toMatchObject({
      resource_type: 'operation', name: 'shop-on-run-end-1', alias: 'shop-on-run-end-1', package_name: 'shop', index: 1,
      path: 'hooks/shop-on-run-end-1.sql', original_file_path: './dbt_project.yml', fqn: ['shop', 'hooks', 'shop-on-run-end-1'],
      tags: ['on-run-end'], raw_code: 'select 2', database: 'db', schema: 'main', hook_type: 'on-run-end',
    });
    expect(h.loc.line).toBe(5);
    // Hooks stay unrendered until they run.
    expect(hooks['operation.shop.shop-on-run-start-0']!.raw_code).toContain('{{ target.schema }}');
  });

  it('orders the root project first, then packages by name, each as listed', () => {
    const root = load({ 'dbt_project.yml': 'name: root\non-run-end: ["r0", "r1"]\n' });
    const zeta = load({ 'dbt_project.yml': 'name: zeta\non-run-end: ["z0"]\n' });
    const alpha = load({ 'dbt_project.yml': 'name: alpha\non-run-end: ["a0", "a1"]\non-run-start: ["s0"]\n' });
    const hooks = projectHookNodes([root, zeta, alpha], { database: null, schema: 'main' });
    expect(orderedHooks(hooks, 'on-run-end', 'root').map((h) => h.raw_code)).toEqual(['r0', 'r1', 'a0', 'a1', 'z0']);
    expect(orderedHooks(hooks, 'on-run-start', 'root').map((h) => h.unique_id)).toEqual(['operation.alpha.alpha-on-run-start-0']);
  });
});
