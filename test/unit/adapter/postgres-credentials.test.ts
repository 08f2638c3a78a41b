import { describe, expect, it } from 'vitest';
import { postgresAdapter } from '../../../adapters/postgres/index.js';
import { redactCredentials } from '../../../src/adapter/redact.js';
import { targetInfo } from '../../../src/context/target.js';
import { TxCodes, TxError } from '../../../src/errors/tx-error.js';

const base = { type: 'postgres', host: 'db.example.com', user: 'alice', password: 's3cret', dbname: 'analytics', schema: 'dbt_alice' };
const resolve = (raw: Record<string, unknown>) => postgresAdapter.resolveCredentials(raw);
const failure = (raw: Record<string, unknown>): TxError => {
  try {
    resolve(raw);
  } catch (e) {
    if (e instanceof TxError) return e;
    throw e;
  }
  throw new Error('expected a ProfileInvalid error');
};

describe('postgres credentials', () => {
  it('applies dbt-postgres defaults', () => {
    expect(resolve(base)).toMatchObject({
      type: 'postgres', host: 'db.example.com', port: 5432, user: 'alice', password: 's3cret', database: 'analytics',
      schema: 'dbt_alice', threads: 1, keepalives_idle: 0, connect_timeout: 10, sslmode: null, search_path: null,
      role: null, retries: 1, application_name: 'tx',
    });
  });

  it('accepts the aliases pass and database, and every dbt-postgres key', () => {
    const c = resolve({
      type: 'postgres', host: 'h', user: 'u', pass: 'p', database: 'd', schema: 's', port: 6543, threads: 8,
      keepalives_idle: 30, connect_timeout: 3, sslmode: 'require', search_path: 'a, public', role: 'transformer',
      retries: 3, sslrootcert: 'ca.pem', application_name: 'ci', some_future_key: true,
    });
    expect(c).toMatchObject({
      password: 'p', database: 'd', port: 6543, threads: 8, keepalives_idle: 30, connect_timeout: 3, sslmode: 'require',
      search_path: 'a, public', role: 'transformer', retries: 3, sslrootcert: 'ca.pem', application_name: 'ci', some_future_key: true,
    });
    expect(c['pass']).toBeUndefined();
  });

  it('names the bad key in a ProfileInvalid error', () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ ...base, host: undefined }, /'host' is required/],
      [{ ...base, user: undefined }, /'user' is required/],
      [{ ...base, dbname: undefined }, /'dbname' is required/],
      [{ ...base, schema: '' }, /'schema' must not be empty/],
      [{ ...base, port: '5432x' }, /'port' must be an integer from 1 to 65535/],
      [{ ...base, port: 70000 }, /'port'/],
      [{ ...base, threads: 0 }, /'threads' must be an integer/],
      [{ ...base, connect_timeout: -1 }, /'connect_timeout'/],
      [{ ...base, keepalives_idle: 1.5 }, /'keepalives_idle'/],
      [{ ...base, retries: 'x' }, /'retries'/],
      [{ ...base, sslmode: 'sometimes' }, /'sslmode' is 'sometimes'/],
      [{ ...base, database: 'other' }, /'database' is 'other' but 'dbname' is 'analytics'/],
      [{ ...base, host: { a: 1 } }, /'host' must be a string/],
    ];
    for (const [raw, re] of cases) {
      const e = failure(raw);
      expect(e.code, String(re)).toBe(TxCodes.ProfileInvalid);
      expect(e.message, String(re)).toMatch(re);
      expect(e.message).toMatch(/^postgres profile: /);
    }
    expect(failure({ ...base, sslmode: 'x' }).hint).toContain('verify-full');
  });

  it('keeps the password out of target and logs', () => {
    const c = resolve(base);
    expect(redactCredentials(c, postgresAdapter.secretKeys)['password']).toBe('***');
    const t = targetInfo('p', 'dev', c, postgresAdapter.secretKeys);
    expect(t['password']).toBeUndefined();
    expect(t).toMatchObject({ type: 'postgres', database: 'analytics', schema: 'dbt_alice', host: 'db.example.com', port: 5432 });
  });
});
