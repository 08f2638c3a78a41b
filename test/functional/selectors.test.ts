/**
 * The selector language against a real parsed project (test/fixtures/projects/workflows):
 * every method and graph operator, set operations, --exclude and selectors.yml, each against
 * the exact node set dbt selects. Runs in process (no CLI per case).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { copyFixture, removeDir } from './harness.js';
import { lsIds } from './in-process.js';
import type { CommonOptions } from '../../src/api/options.js';

/** `model.workflows.stg_orders` → stg_orders; `test.workflows.unique_x.1a2b` → unique_x; sources keep `shop.orders`. */
function short(id: string): string {
  const parts = id.split('.');
  if (parts[0] === 'source') return `${parts[2]}.${parts[3]}`;
  if (parts[0] === 'unit_test') return `${parts[2]}::${parts[3]}`;
  return parts[2]!;
}

const dir = copyFixture('workflows');
afterAll(() => removeDir(dir));
const names = async (opts: Partial<CommonOptions>) => (await lsIds(dir, opts)).map(short).sort();

const CT_TESTS = ['assert_totals_positive', 'not_null_customer_totals_customer_id', 'unique_customer_totals_customer_id'];
const MODELS = ['customer_totals', 'order_statuses', 'orders_enriched', 'stg_customers', 'stg_orders'];

describe('selector methods', () => {
  const cases: [string, Partial<CommonOptions>, string[]][] = [
    ['fqn with a wildcard', { select: ['fqn:workflows.staging.*'] }, ['stg_customers', 'stg_orders']],
    ['a bare name is an fqn', { select: ['order_statuses'] }, ['order_statuses', 'order_statuses::counts_statuses']],
    ['tag (from dbt_project.yml)', { select: ['tag:staging'] }, ['stg_customers', 'stg_orders']],
    ['tag (from config()), with its tests', { select: ['tag:nightly'] }, ['customer_totals', ...CT_TESTS]],
    ['path (sources are selected through their YAML file)', { select: ['path:models/staging'] }, ['shop.customers', 'shop.orders', 'stg_customers', 'stg_orders']],
    ['a value with a slash is a path', { select: ['models/staging/stg_orders.sql'] }, ['stg_orders']],
    ['file, with and without extension', { select: ['file:customer_totals.sql', 'file:stg_orders'] }, ['customer_totals', 'stg_orders', ...CT_TESTS]],
    ['package', { select: ['package:workflows'], resourceTypes: ['seed'] }, ['raw_customers', 'raw_orders']],
    ['config', { select: ['config.materialized:view'] }, ['stg_customers', 'stg_orders']],
    ['nested config', { select: ['config.meta.owner:analytics'], resourceTypes: ['model'] }, ['customer_totals', 'order_statuses', 'orders_enriched']],
    ['config list values', { select: ['config.tags:nightly'], resourceTypes: ['model'] }, ['customer_totals']],
    ['resource_type', { select: ['resource_type:exposure'] }, ['revenue_dashboard']],
    ['source with children', { select: ['source:shop.orders+1'] }, ['shop.orders', 'stg_orders']],
    ['exposure wildcard', { select: ['exposure:revenue_*'] }, ['revenue_dashboard']],
    ['everything an exposure reads', { select: ['+exposure:revenue_dashboard'], resourceTypes: ['model'] }, ['customer_totals', 'orders_enriched', 'stg_customers', 'stg_orders']],
    ['test_type:singular', { select: ['test_type:singular'] }, ['assert_totals_positive']],
    ['test_type:generic', { select: ['test_type:generic'] }, ['not_null_customer_totals_customer_id', 'unique_customer_totals_customer_id', 'unique_orders_enriched_order_id']],
    ['test_type:unit', { select: ['test_type:unit'] }, ['order_statuses::counts_statuses']],
    ['test_name', { select: ['test_name:unique'] }, ['unique_customer_totals_customer_id', 'unique_orders_enriched_order_id']],
    ['unit_test', { select: ['unit_test:counts_*'] }, ['order_statuses::counts_statuses']],
    ['version:none', { select: ['version:none'], resourceTypes: ['model'] }, MODELS],
    ['access', { select: ['access:protected'], resourceTypes: ['model'] }, MODELS],
  ];
  for (const [what, opts, expected] of cases) it(what, async () => expect(await names(opts)).toEqual([...expected].sort()));
});

describe('graph operators and set operations', () => {
  const models = { resourceTypes: ['model'] };
  const cases: [string, Partial<CommonOptions>, string[]][] = [
    ['n+ parents', { select: ['1+customer_totals'], ...models }, ['customer_totals', 'orders_enriched']],
    ['+ parents, unbounded', { select: ['+customer_totals'], ...models }, ['customer_totals', 'orders_enriched', 'stg_customers', 'stg_orders']],
    ['+n children', { select: ['stg_orders+1'], ...models }, ['order_statuses', 'orders_enriched', 'stg_orders']],
    ['n+x+n', { select: ['1+orders_enriched+1'], ...models }, ['customer_totals', 'orders_enriched', 'stg_customers', 'stg_orders']],
    ['@ (children and their parents)', { select: ['@stg_customers'], ...models }, ['customer_totals', 'orders_enriched', 'stg_customers', 'stg_orders']],
    ['union', { select: ['stg_orders order_statuses'], ...models }, ['order_statuses', 'stg_orders']],
    ['union of two --select values', { select: ['stg_orders', 'order_statuses'], ...models }, ['order_statuses', 'stg_orders']],
    ['intersection', { select: ['tag:staging,stg_orders+'], ...models }, ['stg_orders']],
    ['--exclude', { select: ['path:models/marts'], exclude: ['customer_totals'], ...models }, ['order_statuses', 'orders_enriched']],
    ['excluding a model excludes its tests', { select: ['tag:nightly'], exclude: ['customer_totals'] }, []],
    ['selectors.yml: union with an exclude of parents_depth', { selector: 'marts_without_exposed', ...models }, ['order_statuses', 'orders_enriched']],
    ['selectors.yml: the default selector when nothing is selected', {}, ['customer_totals', ...CT_TESTS]],
  ];
  for (const [what, opts, expected] of cases) it(what, async () => expect(await names(opts)).toEqual([...expected].sort()));

  it('a term that matches nothing is a warning, an unknown method an error', async () => {
    expect(await names({ select: ['tag:nope'] })).toEqual([]);
    await expect(names({ select: ['tags:nightly'] })).rejects.toThrow(/'tags' is not a valid selector method/);
    await expect(names({ select: ['state:modified'] })).rejects.toThrow(/no --state was given/);
  });
});
