import * as path from 'node:path';
import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findProjectDir, loadDbtProject } from '../../../src/project/dbt-project.js';
import { TxError, TxCodes } from '../../../src/errors/tx-error.js';
import { envRenderer, tempProject } from './helpers.js';

const catchTx = (fn: () => unknown): TxError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof TxError) return e;
    throw e;
  }
  throw new Error('expected a TxError');
};

describe('findProjectDir', () => {
  it('finds the project in startDir or a parent', () => {
    const root = tempProject({ 'dbt_project.yml': 'name: p\n', 'models/silver/x.sql': 'select 1' });
    expect(findProjectDir(root)).toBe(root);
    expect(findProjectDir(path.join(root, 'models', 'silver'))).toBe(root);
  });

  it('uses --project-dir relative to startDir and errors when it has no dbt_project.yml', () => {
    const root = tempProject({ 'proj/dbt_project.yml': 'name: p\n', 'other/readme.md': '' });
    expect(findProjectDir(root, 'proj')).toBe(path.join(root, 'proj'));
    const e = catchTx(() => findProjectDir(root, 'other'));
    expect(e.code).toBe(TxCodes.ProjectNotFound);
  });

  it('errors with a hint when nothing is found', () => {
    const root = tempProject({ 'a/b.txt': '' });
    const e = catchTx(() => findProjectDir(path.join(root, 'a')));
    expect(e.code).toBe(TxCodes.ProjectNotFound);
    expect(e.hint).toMatch(/--project-dir/);
  });
});

describe('loadDbtProject', () => {
  it('applies dbt defaults', () => {
    const root = tempProject({ 'dbt_project.yml': 'name: my_proj\nprofile: prof\nconfig-version: 2\n' });
    const p = loadDbtProject(root, (v) => v);
    expect(p).toMatchObject({
      rootDir: root, name: 'my_proj', profile: 'prof', version: null,
      modelPaths: ['models'], seedPaths: ['seeds'], snapshotPaths: ['snapshots'], testPaths: ['tests'],
      macroPaths: ['macros'], analysisPaths: ['analyses'], targetPath: 'target', cleanTargets: ['target'],
      packagesInstallPath: 'dbt_packages', assetPaths: [], vars: {}, models: {}, dataTests: {}, unitTests: {}, dispatch: [],
      onRunStart: [], onRunEnd: [],
    });
    expect(p.docsPaths).toEqual(['models', 'seeds', 'snapshots', 'tests', 'macros', 'analyses']);
  });

  it('accepts legacy path aliases and data-tests / tests spellings', () => {
    const root = tempProject({
      'dbt_project.yml': 'name: p\nsource-paths: [src]\ndata-paths: [data]\ntests:\n  +severity: warn\non-run-start: "select 1"\n',
    });
    const p = loadDbtProject(root, (v) => v);
    expect(p.modelPaths).toEqual(['src']);
    expect(p.seedPaths).toEqual(['data']);
    expect(p.dataTests).toEqual({ '+severity': 'warn' });
    expect(p.onRunStart).toEqual(['select 1']);
  });

  it('renders Jinja strings except hooks, query-comment and vars', () => {
    const root = tempProject({
      'dbt_project.yml': [
        'name: p',
        "profile: \"{{ env_var('DBT_PROFILE') }}\"",
        'models:',
        '  p:',
        "    +schema: \"{{ env_var('DBT_SCHEMA', 'analytics') }}\"",
        "    +pre-hook: \"grant {{ env_var('NOPE') }}\"",
        '    staging:',
        '      post-hook:',
        "        - \"{{ env_var('NOPE') }}\"",
        "on-run-end: \"{{ env_var('NOPE') }}\"",
        "query-comment: \"{{ env_var('NOPE') }}\"",
        'vars:',
        "  start: \"{{ env_var('NOPE') }}\"",
        '',
      ].join('\n'),
    });
    const { render, calls } = envRenderer({ DBT_PROFILE: 'from_env' });
    const p = loadDbtProject(root, render);
    expect(p.profile).toBe('from_env');
    expect(p.models).toEqual({
      p: { '+schema': 'analytics', '+pre-hook': "grant {{ env_var('NOPE') }}", staging: { 'post-hook': ["{{ env_var('NOPE') }}"] } },
    });
    expect(p.onRunEnd).toEqual(["{{ env_var('NOPE') }}"]);
    expect(p.vars).toEqual({ start: "{{ env_var('NOPE') }}" });
    // the renderer is told where each value is, for its own error messages
    expect(calls[0]!.loc).toEqual({ file: path.join(root, 'dbt_project.yml'), line: 2, col: 10 });
  });

  it('validates name and config-version with positions', () => {
    const bad = tempProject({ 'dbt_project.yml': 'version: 1.0\nname: 1abc\n' });
    const e = catchTx(() => loadDbtProject(bad, (v) => v));
    expect(e.code).toBe(TxCodes.ProjectInvalid);
    expect(e.loc).toMatchObject({ line: 2, col: 1 });
    const missing = tempProject({ 'dbt_project.yml': 'version: 1.0\n' });
    expect(catchTx(() => loadDbtProject(missing, (v) => v)).message).toMatch(/missing the required key 'name'/);
    const cv = tempProject({ 'dbt_project.yml': 'name: p\nconfig-version: 1\n' });
    expect(catchTx(() => loadDbtProject(cv, (v) => v)).loc).toMatchObject({ line: 2 });
  });

  it('surfaces YAML errors with the file position', () => {
    const root = tempProject({ 'dbt_project.yml': 'name: p\nname: q\n' });
    const e = catchTx(() => loadDbtProject(root, (v) => v));
    expect(e.code).toBe(TxCodes.YamlSyntax);
    expect(e.loc).toEqual({ file: path.join(root, 'dbt_project.yml'), line: 2, col: 1 });
    expect(fs.existsSync(e.loc!.file)).toBe(true);
  });
});
