import { describe, expect, it } from 'vitest';
import { hasCode, splitStatements } from '../../../adapters/snowflake/split.js';
import { connectError, isCancelError, isTransientConnectError, queryError, sfCode } from '../../../adapters/snowflake/errors.js';
import { TxCodes } from '../../../src/errors/tx-error.js';

describe('snowflake statement splitting', () => {
  it('splits at top-level semicolons only', () => {
    expect(splitStatements('select 1; select 2;')).toEqual(['select 1', 'select 2']);
    expect(splitStatements("select 'a;b', \"c;d\" from t; select 'it\\'s;' , 'x'';y'")).toEqual(["select 'a;b', \"c;d\" from t", "select 'it\\'s;' , 'x'';y'"]);
    expect(splitStatements('create function f() returns int as $$ 1; 2 $$; select 1')).toEqual(['create function f() returns int as $$ 1; 2 $$', 'select 1']);
    expect(splitStatements('-- a comment; still a comment\nselect 1 /* ; */')).toEqual(['-- a comment; still a comment\nselect 1 /* ; */']);
  });

  it('drops statements holding only comments or blanks', () => {
    expect(splitStatements('  ;\n-- nothing here;\n;')).toEqual([]);
    expect(splitStatements('use warehouse w;\n\ncreate table t as (select 1);\n')).toEqual(['use warehouse w', 'create table t as (select 1)']);
    expect(hasCode('/* x */ -- y')).toBe(false);
    expect(hasCode('/* x */ select')).toBe(true);
  });
});

describe('snowflake errors', () => {
  const target = { account: 'acct', user: 'me', role: 'analyst', warehouse: 'wh', database: 'db', url: 'https://acct.snowflakecomputing.com' };

  it('explains login failures in one line with a hint', () => {
    const bad = connectError({ code: 390100, message: 'Incorrect username or password was specified.' }, target);
    expect(bad.code).toBe(TxCodes.ConnectionFailed);
    expect(bad.message).toBe("incorrect username or password for user 'me' on account 'acct'");
    expect(bad.hint).toContain("'password'");
    expect(connectError({ code: '390189', message: 'Role...' }, target).message).toBe("role 'analyst' does not exist or is not granted to user 'me'");
    expect(connectError({ code: 390144, message: 'JWT token is invalid.' }, target).message).toContain('key-pair authentication failed');
    const account = connectError({ code: 401002, message: 'Request to Snowflake failed.', response: { status: 403 } }, target);
    expect(account.message).toBe("account 'acct' was not found at https://acct.snowflakecomputing.com (HTTP 403)");
    expect(account.hint).toContain("check 'account'");
    expect(connectError({ code: 401001, message: 'getaddrinfo ENOTFOUND x', cause: { code: 'ENOTFOUND' } }, target).message).toContain('cannot resolve');
    expect(connectError({ code: 401001, message: 'connect ECONNREFUSED 127.0.0.1:1', cause: { code: 'ECONNREFUSED' } }, target).message).toContain('connection refused');
  });

  it('tells transient failures from permanent ones', () => {
    expect(isTransientConnectError({ code: 401001, cause: { code: 'ECONNRESET' } })).toBe(true);
    expect(isTransientConnectError({ code: 401002, response: { status: 503 } })).toBe(true);
    expect(isTransientConnectError({ code: 401002, response: { status: 403 } })).toBe(false);
    expect(isTransientConnectError({ code: 390100 })).toBe(false);
  });

  it('keeps statement errors as dbt-snowflake prints them', () => {
    const e = queryError({ code: '002003', sqlState: '42S02', message: "SQL compilation error:\nObject 'X' does not exist or not authorized.", data: { queryId: 'q1' } }, 'select * from x');
    expect(e.code).toBe(TxCodes.DatabaseError);
    expect(e.message).toBe("002003 (42S02): SQL compilation error:\nObject 'X' does not exist or not authorized.");
    expect(e.hint).toContain('grant');
    expect(queryError({ code: 606, sqlState: '57P03', message: 'No active warehouse selected' }, 'x').hint).toContain("'warehouse'");
    expect(sfCode({ code: 2003 })).toBe('002003');
    expect(isCancelError({ code: '000604' })).toBe(true);
  });
});
