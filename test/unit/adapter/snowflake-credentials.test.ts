import { afterAll, describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkAuthentication, loadPrivateKey, resolveSnowflakeCredentials as resolve, snowflakeSecretKeys } from '../../../adapters/snowflake/credentials.js';
import { accessUrl, connectionOptions } from '../../../adapters/snowflake/sdk.js';
import { TxCodes, TxError } from '../../../src/errors/tx-error.js';

const base = { type: 'snowflake', account: 'xy12345.eu-west-1', user: 'me', password: 'pw', database: 'analytics', schema: 'public' };
const dir = mkdtempSync(join(tmpdir(), 'tx-sf-creds-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function thrown(f: () => unknown): TxError {
  try {
    f();
  } catch (e) {
    return e as TxError;
  }
  throw new Error('expected an error');
}

describe('snowflake credentials', () => {
  it('reads dbt-snowflake profile keys with their defaults', () => {
    const c = resolve({ ...base, role: 'transformer', warehouse: 'transforming', threads: 8, query_tag: 'tx', client_session_keep_alive: true, extra_key: 1 });
    expect(c).toMatchObject({
      type: 'snowflake', account: 'xy12345.eu-west-1', user: 'me', password: 'pw', authenticator: 'snowflake', role: 'transformer',
      database: 'analytics', warehouse: 'transforming', schema: 'public', threads: 8, query_tag: 'tx', client_session_keep_alive: true,
      connect_retries: 1, connect_timeout: 10, reuse_connections: true, host: null, port: null, protocol: 'https', extra_key: 1,
    });
    expect(resolve({ ...base, pass: undefined, username: 'alias', user: undefined, dbname: 'db', database: undefined }).user).toBe('alias');
    expect(snowflakeSecretKeys).toEqual(expect.arrayContaining(['password', 'private_key', 'private_key_passphrase', 'token']));
  });

  it('needs only what names the target, so compile works without secrets; auth is checked when connecting', () => {
    const c = resolve({ type: 'snowflake', account: 'a', database: 'd', schema: 's' });
    expect(c.user).toBe('');
    expect(thrown(() => checkAuthentication(c)).message).toBe("snowflake profile: 'user' is required to connect");
    const e = thrown(() => checkAuthentication(resolve({ ...base, password: undefined })));
    expect(e.code).toBe(TxCodes.ProfileInvalid);
    expect(e.message).toBe("snowflake profile: 'password' is required to connect");
    expect(thrown(() => resolve({ ...base, account: undefined })).message).toBe("snowflake profile: 'account' is required");
    expect(thrown(() => resolve({ ...base, schema: '' })).message).toBe("snowflake profile: 'schema' is required");
  });

  it('infers key-pair authentication from a private key, and validates authenticators', () => {
    expect(resolve({ ...base, password: undefined, private_key_path: 'k.p8' }).authenticator).toBe('snowflake_jwt');
    expect(resolve({ ...base, authenticator: 'EXTERNALBROWSER' }).authenticator).toBe('externalbrowser');
    expect(resolve({ ...base, authenticator: 'https://acme.okta.com' }).authenticator).toBe('https://acme.okta.com');
    expect(thrown(() => resolve({ ...base, authenticator: 'kerberos' })).hint).toContain('externalbrowser');
    expect(thrown(() => checkAuthentication(resolve({ ...base, authenticator: 'oauth' }))).message).toContain("'token' is required");
    expect(thrown(() => resolve({ ...base, private_key: 'x', private_key_path: 'y' })).message).toContain("'private_key_path' are both set");
    expect(thrown(() => resolve({ ...base, protocol: 'ftp' })).code).toBe(TxCodes.ProfileInvalid);
  });

  it('maps to SDK options, with accessUrl from host/port/protocol', () => {
    const c = resolve({ ...base, role: 'r', warehouse: 'w', host: '127.0.0.1', port: 8080, protocol: 'http' });
    expect(accessUrl(c)).toBe('http://127.0.0.1:8080');
    expect(accessUrl(resolve(base))).toBeUndefined();
    expect(connectionOptions(c, { projectDir: dir, threads: 1 })).toMatchObject({
      account: 'xy12345.eu-west-1', username: 'me', password: 'pw', authenticator: 'SNOWFLAKE', role: 'r', warehouse: 'w',
      database: 'analytics', schema: 'public', accessUrl: 'http://127.0.0.1:8080', application: 'tx',
    });
  });

  it('loads an encrypted private key from private_key_path with its passphrase', () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const encrypted = privateKey.export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: 'open sesame' }).toString();
    writeFileSync(join(dir, 'key.p8'), encrypted);
    const c = resolve({ ...base, password: undefined, private_key_path: 'key.p8', private_key_passphrase: 'open sesame' });
    const pem = loadPrivateKey(c, dir);
    expect(pem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(connectionOptions(c, { projectDir: dir, threads: 1 })).toMatchObject({ authenticator: 'SNOWFLAKE_JWT', privateKey: pem });
    // private_key as base64 DER, as dbt-snowflake accepts it.
    const der = privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
    expect(loadPrivateKey(resolve({ ...base, private_key: der }), dir)).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    // Wrong or missing passphrase, missing file: one clear line each.
    expect(thrown(() => loadPrivateKey({ ...c, private_key_passphrase: 'wrong' }, dir)).message).toContain('wrong private_key_passphrase');
    expect(thrown(() => loadPrivateKey({ ...c, private_key_passphrase: null }, dir)).message).toContain('no private_key_passphrase is set');
    const missing = thrown(() => loadPrivateKey({ ...c, private_key_path: 'nope.p8' }, dir));
    expect(missing.code).toBe(TxCodes.ConnectionFailed);
    expect(missing.message).toContain('cannot read the private key file');
  });
});
