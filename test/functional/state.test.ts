/**
 * State comparison against a production manifest (the workflows fixture, parsed for the `prod`
 * target): each state:modified sub-selector on the change it is about, macro and var changes,
 * and no false positives from env vars or the target. Runs in process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyFixture, removeDir } from './harness.js';
import { lsIds, parseProject } from './in-process.js';
import type { CommonOptions } from '../../src/api/options.js';

const dir = copyFixture('workflows');
const state = join(dir, 'prod-state');
afterAll(() => removeDir(dir));

beforeAll(async () => {
  await parseProject(dir, { target: 'prod' });
  cpSync(join(dir, 'target'), state, { recursive: true });
});

const short = (id: string) => (id.startsWith('source.') ? id.split('.').slice(2).join('.') : id.split('.')[2]!);
async function modified(selector: string, opts: Partial<CommonOptions> = {}, env: Record<string, string> = {}): Promise<string[]> {
  const ids = await lsIds(dir, { select: [selector], state, resourceTypes: ['model', 'seed', 'snapshot', 'exposure', 'source'], ...opts }, env);
  return ids.map(short).sort();
}

/** Applies `edit` to a project file for one check, then puts the file back. */
async function withEdit<T>(file: string, edit: (text: string) => string, check: () => Promise<T>): Promise<T> {
  const path = join(dir, file);
  const before = readFileSync(path, 'utf8');
  writeFileSync(path, edit(before));
  try {
    return await check();
  } finally {
    writeFileSync(path, before);
  }
}

describe('state:modified against a production manifest', () => {
  it('nothing is modified in another target, with other env vars', async () => {
    // dev renders other schemas, and orders_enriched's meta reads ORDERS_OWNER: neither is a change.
    expect(await modified('state:modified', {}, { ORDERS_OWNER: 'someone-else' })).toEqual([]);
    expect(await modified('state:unmodified')).toEqual([
      'customer_totals', 'order_statuses', 'orders_enriched', 'raw_customers', 'raw_orders', 'revenue_dashboard', 'shop.customers', 'shop.orders', 'stg_customers', 'stg_orders',
    ]);
  });

  it('modified.body: the file changed; + takes everything downstream', async () => {
    await withEdit('models/staging/stg_orders.sql', (t) => `${t}-- reviewed\n`, async () => {
      expect(await modified('state:modified.body')).toEqual(['stg_orders']);
      expect(await modified('state:modified.configs')).toEqual([]);
      expect(await modified('state:modified+', { resourceTypes: ['model', 'exposure'] })).toEqual(['customer_totals', 'order_statuses', 'orders_enriched', 'revenue_dashboard', 'stg_orders']);
    });
  });

  it('modified.configs: a config in dbt_project.yml changed', async () => {
    await withEdit('dbt_project.yml', (t) => t.replace('      +tags: [staging]', '      +tags: [staging]\n      +materialized: table'), async () => {
      expect(await modified('state:modified.configs')).toEqual(['stg_customers', 'stg_orders']);
      expect(await modified('state:modified.body')).toEqual([]);
    });
  });

  it('modified.relation: the configured schema changed (not a config change)', async () => {
    await withEdit('dbt_project.yml', (t) => t.replace('      +tags: [staging]', '      +tags: [staging]\n      +schema: stg'), async () => {
      expect(await modified('state:modified.relation')).toEqual(['stg_customers', 'stg_orders']);
      expect(await modified('state:modified.configs')).toEqual([]);
    });
  });

  it('modified.macros: a macro a model calls changed', async () => {
    await withEdit('macros/money.sql', (t) => t.replace('/ 100', '/ 100.0'), async () => {
      expect(await modified('state:modified.macros')).toEqual(['stg_orders']);
      expect(await modified('state:modified')).toEqual(['stg_orders']);
    });
  });

  it('modified.vars: a var a model reads has another value (tx_state.json)', async () => {
    expect(await modified('state:modified', { vars: '{region: us}' })).toEqual(['orders_enriched']);
    expect(await modified('state:modified.vars', { vars: '{min_amount: 5}' })).toEqual(['orders_enriched']);
    // Without the previous run's tx_state.json (a state written by dbt) var changes are not seen.
    const saved = readFileSync(join(state, 'tx_state.json'));
    rmSync(join(state, 'tx_state.json'));
    try {
      expect(await modified('state:modified', { vars: '{region: us}' })).toEqual([]);
    } finally {
      writeFileSync(join(state, 'tx_state.json'), saved);
    }
  });

  it('modified.contract and modified.persisted_descriptions', async () => {
    const contract = [
      '  - name: order_statuses',
      '    config:',
      '      contract: {enforced: true}',
      '    columns:',
      '      - {name: status, data_type: varchar}',
      '      - {name: orders, data_type: bigint}',
      '',
    ].join('\n');
    await withEdit('models/marts/_marts.yml', (t) => t.replace('models:\n', `models:\n${contract}`), async () => {
      expect(await modified('state:modified.contract')).toEqual(['order_statuses']);
    });
    await withEdit('models/marts/_marts.yml', (t) => t.replace('Spend per customer of the region.', 'Spend per customer.'), async () => {
      // A description change matters only where persist_docs writes it into the warehouse.
      expect(await modified('state:modified')).toEqual([]);
    });
    await withEdit('models/marts/_marts.yml', (t) => t.replace('Spend per customer of the region.', 'Spend per customer.\n    config:\n      persist_docs: {relation: true}'), async () => {
      expect(await modified('state:modified.persisted_descriptions')).toEqual(['customer_totals']);
    });
  });

  it('new and old nodes; exposures and seeds compare too', async () => {
    writeFileSync(join(dir, 'models/marts/new_model.sql'), "select 1 as id\n");
    try {
      expect(await modified('state:new')).toEqual(['new_model']);
      expect(await modified('state:old')).not.toContain('new_model');
      expect(await modified('state:modified')).toEqual(['new_model']);
    } finally {
      rmSync(join(dir, 'models/marts/new_model.sql'));
    }
    await withEdit('models/marts/_marts.yml', (t) => t.replace('https://bi.example.com/revenue', 'https://bi.example.com/revenue-v2'), async () => {
      expect(await modified('state:modified')).toEqual(['revenue_dashboard']);
    });
    await withEdit('seeds/raw_orders.csv', (t) => `${t}5,3,990,placed\n`, async () => {
      expect(await modified('state:modified.body')).toEqual(['raw_orders']);
    });
  });

  it('state: without --state is a usage error naming the flag', async () => {
    await expect(lsIds(dir, { select: ['state:modified'] })).rejects.toThrow(/--state/);
  });
});
