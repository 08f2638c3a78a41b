import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findProfilesFile, resolveProfile, type ResolveProfileOptions } from '../../../src/project/profiles.js';
import { TxError, TxCodes } from '../../../src/errors/tx-error.js';
import { envRenderer, tempProject } from './helpers.js';

const profile = (name: string, schema: string) =>
  `config:\n  send_anonymous_usage_stats: false\n${name}:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      schema: ${schema}\n`;

/** One temp tree holding all four candidate locations. */
function layout() {
  const root = tempProject({
    'flag/profiles.yml': profile('p', 'from_flag'),
    'envdir/profiles.yml': profile('p', 'from_env'),
    'project/dbt_project.yml': 'name: p\n',
    'project/profiles.yml': profile('p', 'from_project'),
    'home/.dbt/profiles.yml': profile('p', 'from_home'),
  });
  const base: ResolveProfileOptions = {
    projectDir: path.join(root, 'project'), env: {}, homeDir: path.join(root, 'home'), profileName: 'p', render: (v) => v,
  };
  return { root, base };
}

const schemaOf = (o: ResolveProfileOptions) => resolveProfile(o)?.outputs['schema'];

describe('profiles.yml discovery', () => {
  it('prefers --profiles-dir, then DBT_PROFILES_DIR, then the project dir, then ~/.dbt', () => {
    const { root, base } = layout();
    const env = { DBT_PROFILES_DIR: path.join(root, 'envdir') };
    expect(schemaOf({ ...base, env, profilesDir: path.join(root, 'flag') })).toBe('from_flag');
    expect(schemaOf({ ...base, env })).toBe('from_env');
    expect(schemaOf(base)).toBe('from_project');
    expect(schemaOf({ ...base, projectDir: path.join(root, 'flag', 'nothing-here') })).toBe('from_home');
  });

  it('resolves a relative --profiles-dir against cwd', () => {
    const { root, base } = layout();
    expect(schemaOf({ ...base, cwd: root, profilesDir: 'flag' })).toBe('from_flag');
  });

  it('returns null when there is no profiles.yml anywhere, or no profile name', () => {
    const root = tempProject({ 'project/dbt_project.yml': 'name: p\n' });
    const o = { projectDir: path.join(root, 'project'), env: {}, homeDir: path.join(root, 'home'), profileName: 'p', render: (v: string) => v };
    expect(findProfilesFile(o)).toBeNull();
    expect(resolveProfile(o)).toBeNull();
    const { base } = layout();
    expect(resolveProfile({ ...base, profileName: null })).toBeNull();
  });

  it('errors when an explicit directory has no profiles.yml', () => {
    const { root, base } = layout();
    expect(() => resolveProfile({ ...base, profilesDir: path.join(root, 'home') })).toThrow(TxError);
  });
});

describe('resolveProfile', () => {
  it('renders env_var through the callback and coerces threads/port/booleans', () => {
    const root = tempProject({
      'profiles.yml': [
        'warehouse:',
        "  target: \"{{ env_var('DBT_TARGET', 'dev') }}\"",
        '  outputs:',
        '    dev:',
        '      type: postgres',
        "      host: \"{{ env_var('PG_HOST') }}\"",
        "      port: \"{{ env_var('PG_PORT') }}\"",
        "      threads: \"{{ env_var('THREADS', '4') }}\"",
        "      reuse_connections: \"{{ env_var('REUSE', 'true') }}\"",
        "      password: \"{{ env_var('PG_PASSWORD') }}\"",
        '    prod:',
        "      type: \"{{ env_var('MISSING_BUT_UNUSED') }}\"",
        '',
      ].join('\n'),
    });
    const { render, calls } = envRenderer({ PG_HOST: 'db.local', PG_PORT: '5433', PG_PASSWORD: '0123' });
    const r = resolveProfile({ projectDir: root, env: {}, homeDir: root, profileName: 'warehouse', render });
    expect(r).toMatchObject({ profileName: 'warehouse', targetName: 'dev', file: path.join(root, 'profiles.yml') });
    expect(r!.outputs).toEqual({ type: 'postgres', host: 'db.local', port: 5433, threads: 4, reuse_connections: true, password: '0123' });
    expect(r!.loc).toMatchObject({ line: 4, col: 5 });
    expect(calls.find((c) => c.value.includes('PG_HOST'))!.loc).toMatchObject({ line: 6, col: 13 });
  });

  it('uses --target over the profile default, and "default" when neither is set', () => {
    const root = tempProject({
      'profiles.yml': 'a:\n  outputs:\n    default: {type: duckdb}\n    ci: {type: duckdb, path: ci.db}\n',
    });
    const o = { projectDir: root, env: {}, homeDir: root, profileName: 'a', render: (v: string) => v };
    expect(resolveProfile(o)!.targetName).toBe('default');
    expect(resolveProfile({ ...o, targetName: 'ci' })!.outputs['path']).toBe('ci.db');
  });

  it('reports an unknown profile with did-you-mean and the available names (config: excluded)', () => {
    const root = tempProject({ 'profiles.yml': profile('warehouse', 's') + profile('other', 's').replace(/^config:\n.*\n/, '') });
    let err: TxError | undefined;
    try {
      resolveProfile({ projectDir: root, env: {}, homeDir: root, profileName: 'warehuose', render: (v) => v });
    } catch (e) {
      err = e as TxError;
    }
    expect(err?.code).toBe(TxCodes.ProfileNotFound);
    expect(err?.hint).toMatch(/did you mean 'warehouse'\?/);
    expect(err?.hint).toMatch(/available profiles: warehouse, other/);
    expect(err?.hint).not.toMatch(/config/);
  });

  it('reports an unknown target and a missing type', () => {
    const root = tempProject({ 'profiles.yml': 'a:\n  target: dev\n  outputs:\n    dev:\n      schema: x\n' });
    const o = { projectDir: root, env: {}, homeDir: root, profileName: 'a', render: (v: string) => v };
    expect(() => resolveProfile({ ...o, targetName: 'prod' })).toThrow(/target 'prod' not found/);
    let err: TxError | undefined;
    try {
      resolveProfile(o);
    } catch (e) {
      err = e as TxError;
    }
    expect(err?.code).toBe(TxCodes.ProfileInvalid);
    expect(err?.message).toMatch(/missing 'type'/);
    expect(err?.loc).toMatchObject({ line: 4, col: 5 });
  });
});
