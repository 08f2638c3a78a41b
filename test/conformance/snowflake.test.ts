/** The conformance suite (conformance.ts) on Snowflake: the real snowflake-sdk against the local fake. */
import { describe, expect, it } from 'vitest';
import { defineConformance } from './conformance.js';
import { snowflakeTarget } from './targets.js';

const target = snowflakeTarget();
defineConformance(target);

describe('conformance on snowflake: how incremental runs stay atomic without transactional DDL', () => {
  it('a schema change goes to a clone that is swapped in; the DML runs in a transaction of its own', () => {
    const sent = target.statements!().map((s) => s.trim());
    expect(sent.some((s) => /^create or replace transient table analytics\.conformance\.osc_append__dbt_staged clone analytics\.conformance\.osc_append/.test(s))).toBe(true);
    expect(sent.some((s) => /^alter table analytics\.conformance\.osc_append swap with analytics\.conformance\.osc_append__dbt_staged;?$/.test(s))).toBe(true);
    expect(sent.filter((s) => /^begin/i.test(s)).length).toBeGreaterThan(0);
  });
});
