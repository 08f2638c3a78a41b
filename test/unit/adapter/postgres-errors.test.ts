import { describe, expect, it } from 'vitest';
import { connectError, isCancelError, isTransientConnectError, queryError } from '../../../adapters/postgres/errors.js';
import { TxCodes } from '../../../src/errors/tx-error.js';

const target = { host: 'db.local', port: 5433, user: 'alice', database: 'shop', role: null };
const pgError = (code: string, message = 'server says no', extra: Record<string, unknown> = {}) => Object.assign(new Error(message), { code, ...extra });

describe('postgres connect errors', () => {
  it('maps driver codes to one line and a hint', () => {
    const cases: [Error, RegExp, RegExp][] = [
      [pgError('28P01'), /^password authentication failed for user 'alice' on db\.local:5433$/, /'password'/],
      [pgError('3D000'), /^database 'shop' does not exist on db\.local:5433$/, /createdb shop/],
      [pgError('42501', 'permission denied for database shop'), /^user 'alice' lacks a permission needed to connect: permission denied/, /GRANT CONNECT ON DATABASE shop TO alice/],
      [pgError('ENOTFOUND', 'getaddrinfo ENOTFOUND db.local'), /^unknown host 'db\.local'/, /'host'/],
      [pgError('ECONNREFUSED', 'connect ECONNREFUSED'), /^connection refused by db\.local:5433: nothing is listening there$/, /running.*'port'/],
      [pgError('28000', 'no pg_hba.conf entry for host'), /refused user 'alice' for database 'shop'/, /pg_hba\.conf/],
      [pgError('53300', 'too many clients'), /no free connection slots/, /threads/],
      [new Error('timeout expired'), /^timed out connecting to db\.local:5433$/, /connect_timeout/],
      [new Error('The server does not support SSL connections'), /does not accept SSL/, /sslmode: disable/],
      [new Error('something else'), /^cannot connect to Postgres at db\.local:5433: something else$/, /tx debug/],
    ];
    for (const [err, message, hint] of cases) {
      const e = connectError(err, target);
      expect(e.code).toBe(TxCodes.ConnectionFailed);
      expect(e.message).toMatch(message);
      expect(e.hint ?? '').toMatch(hint);
      expect(e.cause).toBe(err);
    }
    const role = connectError(pgError('22023', 'role "x" does not exist'), { ...target, role: 'x' });
    expect(role.message).toBe(`cannot set role 'x': role "x" does not exist`);
    expect(connectError(pgError('42501', 'permission denied to set role "x"'), { ...target, role: 'x' }).hint).toContain('GRANT x TO alice');
  });

  it('retries only transient failures', () => {
    expect(isTransientConnectError(pgError('ECONNREFUSED'))).toBe(true);
    expect(isTransientConnectError(pgError('57P03'))).toBe(true);
    expect(isTransientConnectError(pgError('28P01'))).toBe(false);
    expect(isTransientConnectError(pgError('3D000'))).toBe(false);
  });
});

describe('postgres query errors', () => {
  it('keeps the message, adds detail and the line of the position, and passes the hint on', () => {
    const e = queryError(pgError('42703', 'column "nope" does not exist', { position: '17', hint: 'Perhaps you meant "note".', detail: 'more' }), 'select 1,\n  2, nope\nfrom t');
    expect(e.code).toBe(TxCodes.DatabaseError);
    expect(e.message).toBe('column "nope" does not exist\nDETAIL: more\nLINE 2: 2, nope');
    expect(e.hint).toBe('Perhaps you meant "note".');
    expect(isCancelError(pgError('57014'))).toBe(true);
  });
});
