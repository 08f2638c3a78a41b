/** Logging in through the real snowflake-sdk against the fake service: every way it can go wrong, said clearly. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { snowflakeAdapter } from '../../../adapters/snowflake/index.js';
import { TxCodes, type TxError } from '../../../src/errors/tx-error.js';
import { DEFAULT_ACCOUNT, FakeSnowflake } from '../../fakes/snowflake/server.js';
import { SDK_ENV, fakeProfile } from '../../fakes/snowflake/profile.js';
import { installNetGuard } from '../../fakes/net-guard.js';

Object.assign(process.env, SDK_ENV);
// The SDK may only reach the fake, on 127.0.0.1 (no OCSP, no platform detection, no telemetry).
const guard = installNetGuard();

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
const dir = mkdtempSync(join(tmpdir(), 'tx-sf-login-'));
writeFileSync(join(dir, 'rsa_key.p8'), keys.privateKey.export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: 'pass phrase' }));
writeFileSync(join(dir, 'other_key.p8'), other.privateKey.export({ format: 'pem', type: 'pkcs8' }));

async function connectError(fake: FakeSnowflake, extra: Record<string, unknown>): Promise<TxError> {
  const creds = snowflakeAdapter.resolveCredentials(fakeProfile(fake, extra));
  const pool = await snowflakeAdapter.connect(creds, { projectDir: dir, threads: 1 }).catch((e: unknown) => e as TxError);
  if (!('code' in pool)) {
    await pool.close();
    throw new Error('expected the connection to fail');
  }
  return pool;
}

describe('snowflake login through the SDK', () => {
  let fake: FakeSnowflake;
  beforeAll(async () => {
    fake = await FakeSnowflake.start({
      users: [
        ...DEFAULT_ACCOUNT.users,
        { name: 'KEY_USER', publicKey: keys.publicKey.export({ format: 'pem', type: 'spki' }).toString(), roles: ['TRANSFORMER'], defaultRole: 'TRANSFORMER' },
        { name: 'OAUTH_USER', oauthToken: 'tok-123', roles: ['TRANSFORMER'], defaultRole: 'TRANSFORMER' },
      ],
      warehouses: ['TRANSFORMING', 'OTHER_WH'],
    });
  });
  afterAll(async () => {
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('connects with a password, and applies the profile query_tag', async () => {
    const pool = await snowflakeAdapter.connect(snowflakeAdapter.resolveCredentials(fakeProfile(fake, { query_tag: 'tx-nightly' })), { projectDir: dir, threads: 1 });
    const conn = await pool.acquire();
    await conn.execute('select 1');
    expect(fake.queries.all.at(-1)).toMatchObject({ queryTag: 'tx-nightly', role: 'TRANSFORMER', warehouse: 'TRANSFORMING' });
    pool.release(conn);
    await pool.close();
  });

  it('connects with key-pair authentication (encrypted key file and passphrase)', async () => {
    const creds = snowflakeAdapter.resolveCredentials(fakeProfile(fake, { user: 'key_user', password: undefined, private_key_path: 'rsa_key.p8', private_key_passphrase: 'pass phrase' }));
    const pool = await snowflakeAdapter.connect(creds, { projectDir: dir, threads: 1 });
    await pool.close();
    const e = await connectError(fake, { user: 'key_user', password: undefined, private_key_path: 'other_key.p8' });
    expect(e.message).toContain("key-pair authentication failed for user 'key_user'");
    expect(e.hint).toContain('RSA_PUBLIC_KEY');
  });

  it('connects with an OAuth token', async () => {
    const pool = await snowflakeAdapter.connect(snowflakeAdapter.resolveCredentials(fakeProfile(fake, { user: 'oauth_user', password: undefined, authenticator: 'oauth', token: 'tok-123' })), { projectDir: dir, threads: 1 });
    await pool.close();
    expect((await connectError(fake, { user: 'oauth_user', password: undefined, authenticator: 'oauth', token: 'stale' })).message).toContain('the OAuth token was refused');
  });

  it('says which of user, password, account, role, warehouse or database is wrong', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ password: 'wrong' }, "incorrect username or password for user 'tx_user' on account 'fake_account'", "check 'user' and 'password'"],
      [{ user: 'nobody' }, "incorrect username or password for user 'nobody' on account 'fake_account'", "check 'user' and 'password'"],
      [{ account: 'no_such_account' }, `account 'no_such_account' was not found at ${fake.url} (HTTP 403)`, "check 'account'"],
      [{ role: 'sysadmin' }, "role 'sysadmin' does not exist or is not granted to user 'tx_user'", 'GRANT ROLE sysadmin TO USER tx_user'],
      [{ warehouse: 'other_wh' }, "warehouse 'other_wh' does not exist or role 'TRANSFORMER' may not use it", 'GRANT USAGE ON WAREHOUSE other_wh TO ROLE TRANSFORMER'],
      [{ warehouse: 'missing_wh' }, "warehouse 'missing_wh' does not exist or role 'TRANSFORMER' may not use it", "check 'warehouse'"],
      [{ database: 'nodb' }, "database 'nodb' does not exist or role 'TRANSFORMER' may not use it", 'GRANT USAGE ON DATABASE nodb'],
    ];
    for (const [extra, message, hint] of cases) {
      const e = await connectError(fake, extra);
      expect(e.code, message).toBe(TxCodes.ConnectionFailed);
      expect(e.message).toBe(message);
      expect(e.hint).toContain(hint);
    }
    expect(fake.openSessions).toBe(0);
  });

  it('checks the profile before any request', async () => {
    const before = fake.requests.length;
    const e = await connectError(fake, { password: undefined });
    expect(e.code).toBe(TxCodes.ProfileInvalid);
    expect(e.message).toBe("snowflake profile: 'password' is required to connect");
    expect(fake.requests.length).toBe(before);
  });

  it('retries a login the service refused for a moment (connect_retries)', async () => {
    fake.failLogins.push(503);
    const logins = () => fake.requests.filter((p) => p === 'POST /session/v1/login-request').length;
    const before = logins();
    const pool = await snowflakeAdapter.connect(snowflakeAdapter.resolveCredentials(fakeProfile(fake, { connect_retries: 2 })), { projectDir: dir, threads: 1 });
    await pool.close();
    expect(logins() - before).toBeGreaterThanOrEqual(2);
  });

  it('reports a port nobody listens on', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const e = await connectError(fake, { port, connect_retries: 0 });
    expect(e.message).toBe(`connection refused by http://127.0.0.1:${port}: nothing is listening there`);
  });
});

describe('network', () => {
  it('the SDK opened sockets to 127.0.0.1 only', () => {
    expect(guard.allowed.length).toBeGreaterThan(0);
    expect(guard.violations).toEqual([]);
  });
});
