/** The conformance suite (conformance.ts) on BigQuery: the real @google-cloud/bigquery SDK against the local fake. */
import '../fakes/bigquery/env.js';
import { describe, expect, it } from 'vitest';
import { defineConformance } from './conformance.js';
import { bigqueryTarget } from './targets.js';

const target = bigqueryTarget();
defineConformance(target);

describe('conformance on bigquery: what dbt-bigquery refuses', () => {
  it('the append strategy, in its words, before anything is built', async () => {
    const r = await target.tx(['run', '-s', 'inc_append', '--vars', '{bq_try_append: true}']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Invalid incremental strategy provided: append');
    expect(r.stdout).toContain("Expected one of: 'merge', 'insert_overwrite', 'microbatch'");
    expect(await target.relations()).not.toContain('.inc_append');
  });
});
