/** A small medallion project exercising every selector method. */
import { buildGraph } from '../../../src/graph/index.js';
import type { Manifest } from '../../../src/parse/manifest-types.js';
import { selectNodes, type SelectNodesOptions } from '../../../src/select/index.js';
import { manifest, model, node, source } from '../graph/factory.js';

export const M: Manifest = manifest(
  source('bronze', 'user_events', { file: 'models/bronze/sources.yml', tags: ['raw'] }),
  source('bronze', 'orders', { file: 'models/bronze/sources.yml' }),
  node('seed', 'raw_users'),
  model('stg_users', { dir: 'bronze', deps: ['seed.p.raw_users'], tags: ['bronze'] }),
  model('stg_events', { dir: 'bronze', deps: ['source.p.bronze.user_events'], tags: ['bronze', 'events'] }),
  model('user_features', {
    dir: 'silver',
    deps: ['model.p.stg_users', 'model.p.stg_events'],
    tags: ['silver', 'nightly'],
    config: { materialized: 'table', meta: { owner: 'ana' }, contract: { enforced: true }, batch: 100, group: 'core' },
    patchPath: 'p://models/silver/schema.yml',
    access: 'public',
  }),
  model('user_scores', { dir: 'gold', deps: ['model.p.user_features'], config: { materialized: 'incremental', packages: ['x', 'y'] } }),
  node('test', 'not_null_user_features_id', { deps: ['model.p.user_features'], testMetadata: { name: 'not_null' }, config: { severity: 'ERROR' } }),
  node('test', 'relationships_scores_features', {
    deps: ['model.p.user_scores', 'model.p.user_features'],
    testMetadata: { name: 'relationships' },
  }),
  node('test', 'assert_positive', { deps: ['model.p.user_scores'] }),
  node('analysis', 'adhoc', { deps: ['model.p.user_scores'] }),
  node('snapshot', 'users_snapshot', { deps: ['model.p.stg_users'] }),
  model('helper', { pkg: 'dep_pkg', dir: 'util' }),
  model('old_model', { config: { enabled: false } }),
  model('blank', { raw: '  \n', deps: ['model.p.user_scores'] }),
  model('after_blank', { deps: ['model.p.blank'] }),
  model('dim', { version: 1, latestVersion: 2 }),
  model('dim', { version: 2, latestVersion: 2 }),
);

export const G = buildGraph(M);

/** Selected ids, sorted, as a plain array for readable expectations. */
export function sel(select?: string[], extra: Partial<SelectNodesOptions> = {}): string[] {
  return [...selectNodes({ graph: G, manifest: M, projectName: 'p', select, ...extra })];
}
