import { describe, expect, it } from 'vitest';
import type { TxError } from '../../../src/errors/tx-error.js';
import { sel } from './fixture.js';

const MODELS = { resourceTypes: ['model', 'seed', 'source', 'snapshot', 'analysis'] };

describe('graph operators', () => {
  it('+x: all ancestors', () => {
    expect(sel(['+user_features'], MODELS)).toEqual([
      'model.p.stg_events', 'model.p.stg_users', 'model.p.user_features', 'seed.p.raw_users', 'source.p.bronze.user_events',
    ]);
  });
  it('x+: all descendants', () => {
    expect(sel(['stg_users+'], MODELS)).toEqual([
      'analysis.p.adhoc', 'model.p.stg_users', 'model.p.user_features', 'model.p.user_scores', 'snapshot.p.users_snapshot',
    ]);
  });
  it('N+x and x+N limit the depth', () => {
    expect(sel(['1+user_scores'], MODELS)).toEqual(['model.p.user_features', 'model.p.user_scores']);
    expect(sel(['2+user_scores'], MODELS)).toEqual([
      'model.p.stg_events', 'model.p.stg_users', 'model.p.user_features', 'model.p.user_scores',
    ]);
    expect(sel(['raw_users+1'], MODELS)).toEqual(['model.p.stg_users', 'seed.p.raw_users']);
    expect(sel(['0+user_scores'], MODELS)).toEqual(['model.p.user_scores']);
  });
  it('+x+ combines both', () => {
    expect(sel(['1+user_features+1'], { resourceTypes: ['model'] })).toEqual([
      'model.p.stg_events', 'model.p.stg_users', 'model.p.user_features', 'model.p.user_scores',
    ]);
  });
  it('@x: x, its descendants, and all their ancestors', () => {
    expect(sel(['@stg_events'], MODELS)).toEqual([
      'analysis.p.adhoc', 'model.p.stg_events', 'model.p.stg_users', 'model.p.user_features', 'model.p.user_scores',
      'seed.p.raw_users', 'source.p.bronze.user_events',
    ]);
  });
  it('tests join eagerly when any parent is selected, also through + expansion', () => {
    expect(sel(['user_scores'])).toEqual(['model.p.user_scores', 'test.p.assert_positive', 'test.p.relationships_scores_features']);
  });
});

describe('set algebra', () => {
  it('space = union, also across arguments', () => {
    expect(sel(['stg_users stg_events'], MODELS)).toEqual(['model.p.stg_events', 'model.p.stg_users']);
    expect(sel(['stg_users', 'stg_events'], MODELS)).toEqual(['model.p.stg_events', 'model.p.stg_users']);
  });
  it('comma = intersection, applied after each part is expanded', () => {
    expect(sel(['+user_scores,tag:bronze'])).toEqual(['model.p.stg_events', 'model.p.stg_users']);
    // `+a,b+`: ancestors of user_scores ∩ descendants of stg_users.
    expect(sel(['+user_scores,stg_users+'], MODELS)).toEqual(['model.p.stg_users', 'model.p.user_features', 'model.p.user_scores']);
    expect(sel(['tag:bronze,tag:events'])).toEqual(['model.p.stg_events']);
  });
  it('intersection keeps a test only if every part selected it', () => {
    expect(sel(['user_features,user_scores'])).toEqual(['test.p.relationships_scores_features']);
  });
  it('--exclude removes nodes and, eagerly, their tests', () => {
    expect(sel(['stg_users+'], { exclude: ['user_scores'] })).toEqual([
      'analysis.p.adhoc', 'model.p.stg_users', 'model.p.user_features', 'snapshot.p.users_snapshot', 'test.p.not_null_user_features_id',
    ]);
    expect(sel(['silver gold'], { exclude: ['tag:nightly', 'test_type:singular'] })).toEqual([
      'model.p.user_scores',
    ]);
  });
  it('no --select means everything (dbt ls default types), minus excludes', () => {
    const all = sel(undefined);
    expect(all).toContain('source.p.bronze.orders');
    expect(all).toContain('analysis.p.adhoc');
    expect(all).not.toContain('model.p.old_model');
    expect(all).not.toContain('model.p.blank');
    expect(sel(undefined, { exclude: ['package:this'] })).toEqual(['model.dep_pkg.helper']);
    // Like dbt, path: compares package files by their package-relative path too.
    expect(sel(undefined, { exclude: ['path:models'], resourceTypes: ['model'] })).toEqual([]);
    expect(sel(undefined, { defaultSelectsAll: false })).toEqual([]);
  });
});

describe('indirect selection modes', () => {
  it('cautious: a test needs all its parents', () => {
    expect(sel(['user_scores'], { indirectSelection: 'cautious' })).toEqual(['model.p.user_scores', 'test.p.assert_positive']);
    expect(sel(['user_scores user_features'], { indirectSelection: 'cautious' })).toEqual([
      'model.p.user_features', 'model.p.user_scores', 'test.p.assert_positive', 'test.p.not_null_user_features_id',
      'test.p.relationships_scores_features',
    ]);
  });
  it('buildable: parents may be upstream of the selection', () => {
    expect(sel(['user_scores'], { indirectSelection: 'buildable' })).toEqual([
      'model.p.user_scores', 'test.p.assert_positive', 'test.p.relationships_scores_features',
    ]);
    expect(sel(['user_features'], { indirectSelection: 'buildable' })).toEqual([
      'model.p.user_features', 'test.p.not_null_user_features_id',
    ]);
  });
  it('empty: no tests are added', () => {
    expect(sel(['user_scores'], { indirectSelection: 'empty' })).toEqual(['model.p.user_scores']);
  });
});

describe('warnings', () => {
  it('warns once per written term that matches nothing', () => {
    const warnings: TxError[] = [];
    sel(['nothing_here user_scores'], { warn: (w) => warnings.push(w) });
    expect(warnings.map((w) => [w.severity, w.message])).toEqual([
      ['warn', "The selection criterion 'nothing_here' does not match any enabled nodes"],
    ]);
  });
});
