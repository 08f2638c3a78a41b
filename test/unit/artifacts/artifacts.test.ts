import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildRunResults } from '../../../src/artifacts/run-results.js';
import { buildManifest, projectId } from '../../../src/artifacts/manifest.js';
import { writeJsonArtifact, stringifyArtifact } from '../../../src/artifacts/write-json.js';
import type { HookNode, Manifest, ModelNode, SeedNode, NodeConfig } from '../../../src/parse/manifest-types.js';

const config = (materialized: string): NodeConfig => ({
  enabled: true, materialized, tags: [], meta: {}, persist_docs: {}, quoting: {}, column_types: {},
  docs: { show: true, node_color: null }, contract: { enforced: false, alias_types: true },
  'pre-hook': ['select 1'], 'post-hook': [], packages: [], grants: {},
});

function base(id: string, type: 'model' | 'seed') {
  const name = id.split('.').at(-1)!;
  return {
    unique_id: id, package_name: 'proj', name, path: `${name}.sql`, original_file_path: `models/${name}.sql`,
    abs_path: `/abs/models/${name}.sql`, fqn: ['proj', name], alias: name, schema: 'main', database: 'db',
    checksum: { name: 'sha256' as const, checksum: 'x' }, config: config(type === 'seed' ? 'seed' : 'table'),
    config_call_dict: {}, unrendered_config: {}, tags: [], description: '', columns: {}, meta: {},
    docs: { show: true, node_color: null }, patch_path: null, raw_code: 'select 1', language: 'sql' as const,
    refs: [], sources: [] as [string, string][], depends_on: { macros: [], nodes: [] }, relation_name: `"db"."main"."${name}"`,
    build_path: null, compiled_path: null, compiled: false, extra_ctes_injected: false, extra_ctes: [],
    ref_locs: [], source_locs: [],
  };
}

function manifest(): Manifest {
  const model: ModelNode = {
    ...base('model.proj.b', 'model'), resource_type: 'model', access: 'protected', constraints: [], version: null,
    latest_version: null, deprecation_date: null, contract: { enforced: false, alias_types: true, checksum: null },
  };
  const seed: SeedNode = { ...base('seed.proj.a', 'seed'), resource_type: 'seed', root_path: '/abs' };
  return { nodes: { 'model.proj.b': model, 'seed.proj.a': seed }, sources: {}, macros: {}, docs: {}, disabled: {}, unit_tests: {}, exposures: {}, hooks: {} };
}

const input = () => ({
  manifest: manifest(), invocationId: 'inv', generatedAt: new Date('2024-01-02T03:04:05.678Z'), projectName: 'proj',
  adapterType: 'duckdb', parentMap: { 'model.proj.b': ['seed.proj.a'], 'seed.proj.a': [] }, childMap: { 'seed.proj.a': ['model.proj.b'], 'model.proj.b': [] },
});

describe('buildManifest', () => {
  it('has every v12 top-level key and dbt metadata', () => {
    const m = buildManifest(input()) as Record<string, any>;
    expect(Object.keys(m)).toEqual(['metadata', 'nodes', 'sources', 'macros', 'docs', 'exposures', 'metrics', 'groups', 'selectors', 'disabled', 'parent_map', 'child_map', 'group_map', 'saved_queries', 'semantic_models', 'unit_tests']);
    expect(m.metadata).toMatchObject({ dbt_schema_version: 'https://schemas.getdbt.com/dbt/manifest/v12.json', dbt_version: '1.10.0', generated_at: '2024-01-02T03:04:05.678000Z', project_id: projectId('proj'), user_id: null, adapter_type: 'duckdb', env: {} });
    expect(projectId('proj')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('sorts nodes, drops internal fields and writes per-type fields only', () => {
    const m = buildManifest(input()) as Record<string, any>;
    expect(Object.keys(m.nodes)).toEqual(['model.proj.b', 'seed.proj.a']);
    const model = m.nodes['model.proj.b'];
    const seed = m.nodes['seed.proj.a'];
    for (const n of [model, seed]) {
      expect(n).not.toHaveProperty('abs_path');
      expect(n).not.toHaveProperty('ref_locs');
      expect(n).toMatchObject({ created_at: 0, group: null, doc_blocks: [] });
    }
    expect(model).toMatchObject({ metrics: [], access: 'protected', defer_relation: null });
    expect(model.config['pre-hook']).toEqual([{ sql: 'select 1', transaction: true, index: 0 }]);
    expect(seed).not.toHaveProperty('refs');
    expect(seed.depends_on).toEqual({ macros: [] });
  });

  it('writes on-run-start / on-run-end hooks among the nodes, as dbt HookNodes', () => {
    const m = manifest();
    const hook: HookNode = {
      ...base('operation.proj.proj-on-run-end-0', 'model'), resource_type: 'operation', hook_type: 'on-run-end', index: 0,
      loc: { file: '/abs/dbt_project.yml', line: 3, col: 3 }, path: 'hooks/proj-on-run-end-0.sql', original_file_path: './dbt_project.yml',
      fqn: ['proj', 'hooks', 'proj-on-run-end-0'], tags: ['on-run-end'], relation_name: null,
    };
    m.hooks[hook.unique_id] = hook;
    m.nodes['model.proj.b']!.config['post-hook'] = ['{"sql": "vacuum {{ this }}", "transaction": false}', { sql: 'select 2', transaction: false }];
    const out = buildManifest({ ...input(), manifest: m }) as Record<string, any>;
    expect(Object.keys(out.nodes)).toEqual(['model.proj.b', 'operation.proj.proj-on-run-end-0', 'seed.proj.a']);
    const h = out.nodes['operation.proj.proj-on-run-end-0'];
    expect(h).toMatchObject({ resource_type: 'operation', index: 0, tags: ['on-run-end'], path: 'hooks/proj-on-run-end-0.sql', original_file_path: './dbt_project.yml', relation_name: null });
    expect(h).not.toHaveProperty('hook_type');
    expect(h).not.toHaveProperty('loc');
    expect(out.nodes['model.proj.b'].config['post-hook']).toEqual([
      { sql: 'vacuum {{ this }}', transaction: false, index: 0 },
      { sql: 'select 2', transaction: false, index: 1 },
    ]);
  });

  it('is deterministic', () => {
    const a = stringifyArtifact((buildManifest(input()) as any).nodes);
    const b = stringifyArtifact((buildManifest(input()) as any).nodes);
    expect(a).toBe(b);
  });
});

describe('buildRunResults', () => {
  it('matches the run_results v6 shape', () => {
    const t = new Date('2024-01-02T03:04:05.000Z');
    const rr = buildRunResults({
      invocationId: 'inv', generatedAt: t, elapsedSeconds: 1.5, args: { which: 'run' },
      results: [
        { unique_id: 'model.p.a', status: 'success', timing: [{ name: 'compile', started_at: t, completed_at: t }, { name: 'execute', started_at: t, completed_at: t }], thread_id: 'Thread-1 (worker)', execution_time: 0.1, adapter_response: { _message: 'OK' }, message: 'OK', compiled: true, compiled_code: 'select 1', relation_name: '"a"' },
        { unique_id: 'model.p.b', status: 'skipped', timing: [], thread_id: 'Thread-1 (worker)', execution_time: 0, message: null },
      ],
    }) as Record<string, any>;
    expect(Object.keys(rr)).toEqual(['metadata', 'results', 'elapsed_time', 'args']);
    expect(Object.keys(rr.metadata)).toEqual(['dbt_schema_version', 'dbt_version', 'generated_at', 'invocation_id', 'env']);
    expect(rr.metadata.dbt_schema_version).toBe('https://schemas.getdbt.com/dbt/run-results/v6.json');
    expect(Object.keys(rr.results[0])).toEqual(['status', 'timing', 'thread_id', 'execution_time', 'adapter_response', 'message', 'failures', 'unique_id', 'compiled', 'compiled_code', 'relation_name', 'batch_results']);
    expect(rr.results[0].timing[0]).toEqual({ name: 'compile', started_at: '2024-01-02T03:04:05.000000Z', completed_at: '2024-01-02T03:04:05.000000Z' });
    expect(rr.results[1]).toMatchObject({ message: null, adapter_response: {}, failures: null, compiled: null, batch_results: null });
  });
});

describe('writeJsonArtifact', () => {
  it('writes atomically, leaving no temp file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tx-art-'));
    const path = join(dir, 'target', 'run_results.json');
    writeJsonArtifact(path, { b: 1, a: { d: 1, c: 2 } }, { sortKeys: true });
    expect(readFileSync(path, 'utf8')).toBe('{"a":{"c":2,"d":1},"b":1}');
    expect(readdirSync(join(dir, 'target'))).toEqual(['run_results.json']);
  });
});
