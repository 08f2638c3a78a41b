import { describe, expect, it } from 'vitest';
import { sel } from './fixture.js';

const T_NN = 'test.p.not_null_user_features_id';
const T_REL = 'test.p.relationships_scores_features';
const T_SING = 'test.p.assert_positive';

describe('default method (fqn / path / file) and fqn', () => {
  it('matches by bare name, pulling in attached tests eagerly', () => {
    expect(sel(['user_features'])).toEqual(['model.p.user_features', T_NN, T_REL]);
  });
  it('matches fqn prefixes with and without the package', () => {
    expect(sel(['silver'])).toEqual(['model.p.user_features', T_NN, T_REL]);
    expect(sel(['silver.user_features'])).toEqual(['model.p.user_features', T_NN, T_REL]);
    expect(sel(['p.bronze'])).toEqual(['model.p.stg_events', 'model.p.stg_users']);
    expect(sel(['dep_pkg'])).toEqual(['model.dep_pkg.helper']);
  });
  it('supports fnmatch wildcards', () => {
    expect(sel(['p.silver.*'])).toEqual(['model.p.user_features', T_NN, T_REL]);
    // As in dbt, a wildcard segment is matched against the rest of the fqn, so a bare
    // `stg_*` does not reach into folders; `*.stg_*` or `bronze.stg_*` does.
    expect(sel(['stg_*'])).toEqual([]);
    expect(sel(['*.stg_*'])).toEqual(['model.p.stg_events', 'model.p.stg_users']);
    expect(sel(['bronze.stg_*'])).toEqual(['model.p.stg_events', 'model.p.stg_users']);
    expect(sel(['fqn:*'], { resourceTypes: ['seed', 'snapshot'] })).toEqual(['seed.p.raw_users', 'snapshot.p.users_snapshot']);
  });
  it('never selects sources by fqn', () => {
    expect(sel(['bronze.user_events'])).toEqual([]);
  });
  it('matches versioned models by name, name.vN and name_vN', () => {
    expect(sel(['dim'])).toEqual(['model.p.dim.v1', 'model.p.dim.v2']);
    expect(sel(['dim.v1'])).toEqual(['model.p.dim.v1']);
    expect(sel(['dim_v2'])).toEqual(['model.p.dim.v2']);
  });
  it('guesses path for values with a separator and file for .sql/.csv', () => {
    expect(sel(['models/gold'], { indirectSelection: 'empty' })).toEqual(['model.p.user_scores']);
    expect(sel(['raw_users.csv'])).toEqual(['seed.p.raw_users']);
  });
});

describe('methods', () => {
  it('tag (with wildcards, sources included)', () => {
    expect(sel(['tag:bronze'])).toEqual(['model.p.stg_events', 'model.p.stg_users']);
    expect(sel(['tag:nigh*'])).toEqual(['model.p.user_features', T_NN, T_REL]);
    expect(sel(['tag:raw'])).toEqual(['source.p.bronze.user_events']);
  });
  it('path: directories, files, globs, yml files of sources and patches', () => {
    expect(sel(['path:models/bronze'])).toEqual([
      'model.p.stg_events', 'model.p.stg_users', 'source.p.bronze.orders', 'source.p.bronze.user_events',
    ]);
    expect(sel(['path:models/bronze/stg_users.sql'])).toEqual(['model.p.stg_users']);
    expect(sel(['path:./models/gold/'], { resourceTypes: ['model'] })).toEqual(['model.p.user_scores']);
    expect(sel(['path:models/*/stg_*.sql'])).toEqual(['model.p.stg_events', 'model.p.stg_users']);
    expect(sel(['path:models/**/user_*.sql'])).toEqual(['model.p.user_features', 'model.p.user_scores', T_SING, T_NN, T_REL]);
    expect(sel(['path:models/silver/schema.yml'])).toEqual(['model.p.user_features', T_NN, T_REL]);
    expect(sel(['path:model'])).toEqual([]);
  });
  it('file: with or without extension', () => {
    expect(sel(['file:stg_users.sql'])).toEqual(['model.p.stg_users']);
    expect(sel(['file:stg_users'])).toEqual(['model.p.stg_users']);
    expect(sel(['file:sources.yml'])).toEqual(['source.p.bronze.orders', 'source.p.bronze.user_events']);
  });
  it('resource_type', () => {
    expect(sel(['resource_type:seed'])).toEqual(['seed.p.raw_users']);
    expect(sel(['resource_type:analysis'])).toEqual(['analysis.p.adhoc']);
    expect(sel(['resource_type:source'])).toEqual(['source.p.bronze.orders', 'source.p.bronze.user_events']);
  });
  it('config: strings, booleans, numbers, lists, nested keys, case-insensitive severity', () => {
    expect(sel(['config.materialized:incremental'])).toEqual(['model.p.user_scores', T_SING, T_REL]);
    expect(sel(['config.contract.enforced:true'])).toEqual(['model.p.user_features', T_NN, T_REL]);
    expect(sel(['config.contract.enforced:True'])).toEqual(['model.p.user_features', T_NN, T_REL]);
    expect(sel(['config.batch:100'])).toEqual(['model.p.user_features', T_NN, T_REL]);
    expect(sel(['config.packages:y'])).toEqual(['model.p.user_scores', T_SING, T_REL]);
    expect(sel(['config.meta.owner:ana'])).toEqual(['model.p.user_features', T_NN, T_REL]);
    expect(sel(['config.severity:error'])).toEqual([T_NN]);
    expect(sel(['config.enabled:true'], { resourceTypes: ['source'] })).toEqual([
      'source.p.bronze.orders', 'source.p.bronze.user_events',
    ]);
    expect(sel(['config.nope:x'])).toEqual([]);
  });
  it('source: name, name.table, package.name.table, wildcards', () => {
    expect(sel(['source:bronze'])).toEqual(['source.p.bronze.orders', 'source.p.bronze.user_events']);
    expect(sel(['source:bronze.orders'])).toEqual(['source.p.bronze.orders']);
    expect(sel(['source:p.bronze.user_*'])).toEqual(['source.p.bronze.user_events']);
    expect(sel(['source:bronze.user_events+'])).toEqual([
      'analysis.p.adhoc', 'model.p.stg_events', 'model.p.user_features', 'model.p.user_scores',
      'source.p.bronze.user_events', T_SING, T_NN, T_REL,
    ]);
  });
  it('package, including `this`', () => {
    expect(sel(['package:dep_pkg'])).toEqual(['model.dep_pkg.helper']);
    expect(sel(['package:this'], { resourceTypes: ['seed'] })).toEqual(['seed.p.raw_users']);
  });
  it('test_name and test_type', () => {
    expect(sel(['test_name:not_null'])).toEqual([T_NN]);
    expect(sel(['test_name:rel*'])).toEqual([T_REL]);
    expect(sel(['test_type:generic'])).toEqual([T_NN, T_REL]);
    expect(sel(['test_type:singular'])).toEqual([T_SING]);
    expect(sel(['test_type:data'])).toEqual([T_SING, T_NN, T_REL]);
    expect(sel(['test_type:unit'])).toEqual([]);
  });
  it('group, access, version', () => {
    expect(sel(['group:core'], { indirectSelection: 'empty' })).toEqual(['model.p.user_features']);
    expect(sel(['access:public'], { indirectSelection: 'empty' })).toEqual(['model.p.user_features']);
    expect(sel(['version:latest'])).toEqual(['model.p.dim.v2']);
    expect(sel(['version:old'])).toEqual(['model.p.dim.v1']);
  });
});

describe('membership', () => {
  it('never selects disabled or blank models, nor traverses through blank ones', () => {
    expect(sel(['old_model'])).toEqual([]);
    expect(sel(['blank'])).toEqual([]);
    expect(sel(['user_scores+'], { resourceTypes: ['model'] })).toEqual(['model.p.user_scores']);
  });
});
