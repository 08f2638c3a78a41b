/** Pure pieces of the BigQuery adapter: REST rows → values, type names, adapter_response. */
import { describe, expect, it } from 'vitest';
import { adapterResponse, formatBytes, formatRows } from '../../../adapters/bigquery/response.js';
import { decodeRows, fieldTypeName } from '../../../adapters/bigquery/values.js';
import { isRetryable, jobError } from '../../../adapters/bigquery/errors.js';
import { isTransactionControl, needsSession, unreplaceableTable } from '../../../adapters/bigquery/connection.js';
import { TxCodes } from '../../../src/errors/tx-error.js';

describe('REST rows and schemas', () => {
  it('decode every scalar encoding, arrays and records', () => {
    const fields = [
      { name: 'i', type: 'INTEGER' }, { name: 'big', type: 'INT64' }, { name: 'f', type: 'FLOAT' }, { name: 'inf', type: 'FLOAT64' },
      { name: 'n', type: 'NUMERIC' }, { name: 'b', type: 'BOOLEAN' }, { name: 'by', type: 'BYTES' }, { name: 'd', type: 'DATE' },
      { name: 'dt', type: 'DATETIME' }, { name: 'ts', type: 'TIMESTAMP' }, { name: 'tsf', type: 'TIMESTAMP' }, { name: 't', type: 'TIME' },
      { name: 'a', type: 'INTEGER', mode: 'REPEATED' }, { name: 'r', type: 'RECORD', fields: [{ name: 'x', type: 'STRING' }] }, { name: 'nul', type: 'STRING' },
    ];
    const row = { f: [
      { v: '7' }, { v: '9223372036854775807' }, { v: '1.5' }, { v: 'Infinity' }, { v: '12.340000000' }, { v: 'true' }, { v: 'AP8=' },
      { v: '0999-12-31' }, { v: '2024-01-02T03:04:05.123456' }, { v: '1704164645678000' }, { v: '1704164645.5' }, { v: '01:02:03' },
      { v: [{ v: '1' }, { v: '2' }] }, { v: { f: [{ v: 'y' }] } }, { v: null },
    ] };
    const [values] = decodeRows(fields, [row]);
    const d = new Date(Date.UTC(2000, 11, 31));
    d.setUTCFullYear(999);
    expect(values).toEqual([
      7, 9223372036854775807n, 1.5, Infinity, 12.34, true, Buffer.from([0, 255]), d,
      new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 123)), new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678)), new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 500)),
      '01:02:03', [1, 2], { x: 'y' }, null,
    ]);
  });

  it('name types as DDL spells them', () => {
    expect(fieldTypeName({ name: 'a', type: 'INTEGER' })).toBe('INT64');
    expect(fieldTypeName({ name: 'a', type: 'NUMERIC', precision: '10', scale: '2' })).toBe('NUMERIC(10, 2)');
    expect(fieldTypeName({ name: 'a', type: 'STRING', maxLength: '20', mode: 'REPEATED' })).toBe('ARRAY<STRING(20)>');
    expect(fieldTypeName({ name: 'a', type: 'RECORD', fields: [{ name: 'b', type: 'BOOLEAN' }, { name: 'c', type: 'FLOAT', mode: 'REPEATED' }] })).toBe('STRUCT<b BOOL, c ARRAY<FLOAT64>>');
  });
});

describe('adapter_response', () => {
  it("formats as dbt-bigquery's message", () => {
    expect(formatBytes(0)).toBe('0.0 Bytes');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(5 * 1024 ** 3)).toBe('5.0 GiB');
    expect(formatRows(6)).toBe('6.0');
    expect(formatRows(1500)).toBe('1.5k');
    const facts = { jobReference: { jobId: 'j1', projectId: 'p', location: 'EU' }, statistics: { totalSlotMs: '40', query: { statementType: 'CREATE_TABLE_AS_SELECT', totalBytesProcessed: '2048', totalBytesBilled: '10485760' } } };
    expect(adapterResponse(facts, 6)).toEqual({
      _message: 'CREATE TABLE (6.0 rows, 2.0 KiB processed)', code: 'CREATE TABLE', rows_affected: 6, bytes_processed: 2048,
      bytes_billed: 10485760, slot_ms: 40, location: 'EU', project_id: 'p', job_id: 'j1',
    });
    expect(adapterResponse({ statistics: { query: { statementType: 'SCRIPT', totalBytesProcessed: '10' } } }, null)['_message']).toBe('SCRIPT (10.0 Bytes processed)');
  });
});

describe('connection rules', () => {
  it('know which statements need a session, are no-ops, or replace an unreplaceable table', () => {
    expect(needsSession('create temporary table `x` (a string)')).toBe(true);
    expect(needsSession('-- build\ncreate or replace temp table `x__dbt_tmp` as (select 1)')).toBe(true);
    expect(needsSession('create or replace table `p`.`d`.`t` as (select 1)')).toBe(false);
    expect(['begin transaction', 'BEGIN', 'commit;', 'rollback'].every(isTransactionControl)).toBe(true);
    expect(isTransactionControl('commit_log')).toBe(false);
    const err = new Error('Cannot replace a table with a different partitioning spec. Instead, DROP the table');
    expect(unreplaceableTable('-- build the table\ncreate or replace table `p`.`d`.`t`\npartition by d as (select 1)', err)).toBe('`p`.`d`.`t`');
    expect(unreplaceableTable('create or replace table `p`.`d`.`t` as (select 1)', new Error('other'))).toBeNull();
  });

  it('retry what BigQuery says is transient, and nothing else', () => {
    expect(isRetryable({ code: 503, message: 'x' })).toBe(true);
    expect(isRetryable({ code: 403, errors: [{ reason: 'rateLimitExceeded' }] })).toBe(true);
    expect(isRetryable({ code: 'ECONNRESET' })).toBe(true);
    expect(isRetryable({ reason: 'backendError' })).toBe(true);
    expect(isRetryable({ code: 400, errors: [{ reason: 'invalidQuery' }] })).toBe(false);
    expect(isRetryable({ code: 403, errors: [{ reason: 'accessDenied' }] })).toBe(false);
    expect(jobError({ reason: 'stopped', message: 'cancelled' }, [], 'j').code).toBe(TxCodes.Cancelled);
    const e = jobError({ reason: 'invalidQuery', message: 'Syntax error: Unexpected keyword FROM at [1:8]' }, [], 'j9');
    expect(e.message).toBe('Syntax error: Unexpected keyword FROM at [1:8] (job j9, reason: invalidQuery)');
  });
});
