/**
 * The source tables the incremental, snapshots and microbatch fixtures read, and how each test
 * changes them between runs: one script, run on DuckDB by the fixture's own test and on Postgres by
 * the parity test (test/conformance/postgres-fixtures.test.ts), which rewrites the `raw` schema.
 * Plain SQL both engines read alike.
 */

export const INCREMENTAL_SETUP = [
  'create schema raw',
  'create table raw.orders (id integer, region varchar, status varchar, amount integer, note varchar, updated_at timestamp)',
  `insert into raw.orders values
  (1, 'eu', 'new', 10, 'n1', timestamp '2024-01-05'),
  (2, 'us', 'new', 20, 'n2', timestamp '2024-01-06'),
  (3, 'eu', 'old', 30, 'n3', timestamp '2023-12-31')`,
  'create table raw.wide (id integer, a integer, b varchar)',
  "insert into raw.wide values (1, 10, 'b1'), (2, 20, 'b2')",
  'create table raw.wide_add (id integer, a integer)',
  'insert into raw.wide_add values (1, 10), (2, 20)',
  'create table raw.fragile (id integer, amount integer)',
  'insert into raw.fragile values (1, 5)',
];

/** Between the first and the second run: an update, a new row, columns added, a table reshaped. */
export const INCREMENTAL_CHANGE = [
  "update raw.orders set status = 'paid', amount = 11, note = 'n1b', updated_at = timestamp '2024-02-01' where id = 1",
  "insert into raw.orders values (4, 'eu', 'new', 40, 'n4', timestamp '2024-02-02')",
  'alter table raw.wide_add add column c varchar',
  "insert into raw.wide_add values (3, 30, 'c3')",
  'drop table raw.wide',
  'create table raw.wide (id integer, a varchar, c varchar)',
  "insert into raw.wide values (1, '10', 'c1'), (2, '20', 'c2'), (3, '30', 'c3')",
];

/** Makes `fragile` fail half-way: a new column to append, then a value that does not cast. */
export const INCREMENTAL_BREAK = [
  'drop table raw.fragile',
  'create table raw.fragile (id integer, amount varchar, note varchar)',
  "insert into raw.fragile values (1, '5', 'x'), (2, 'oops', 'y')",
];

export const SNAPSHOT_T1 = '2024-01-01 00:00:00';
export const SNAPSHOT_T2 = '2024-02-01 00:00:00';

export const SNAPSHOT_SETUP = [
  'create schema raw',
  'create table raw.customers (id integer, region varchar, name varchar, tier varchar, code varchar, updated_at timestamp)',
  `insert into raw.customers values (1, 'eu', 'ada', 'gold', '1', timestamp '${SNAPSHOT_T1}'),
        (2, 'us', 'bob', 'silver', '1', timestamp '${SNAPSHOT_T1}'), (3, 'eu', 'cy', 'bronze', '1', timestamp '${SNAPSHOT_T1}')`,
];

export const SNAPSHOT_CHANGE = [
  `update raw.customers set name = 'ADA', updated_at = timestamp '${SNAPSHOT_T2}' where id = 1`,
  'delete from raw.customers where id = 2',
  `insert into raw.customers values (4, 'us', 'dee', 'gold', '1', timestamp '${SNAPSHOT_T2}')`,
  // Changes a checked column without touching updated_at: only the check strategy sees it.
  "update raw.customers set tier = 'silver' where id = 3",
];

export const SNAPSHOT_ADD_COLUMN = ['alter table raw.customers add column email varchar', "update raw.customers set email = name || '@x.org'"];

export const SNAPSHOT_BREAK = ['alter table raw.customers add column extra integer', "update raw.customers set code = 'bad', updated_at = timestamp '2024-03-01' where id = 1"];

export const MICROBATCH_SETUP = [
  'create schema raw',
  'create table raw.users (id integer, name varchar)',
  "insert into raw.users values (1, 'ada'), (2, 'bob')",
  'create table raw.events (id integer, user_id integer, ts timestamp, payload varchar)',
  `insert into raw.events values
        (1, 1, timestamp '2024-01-01 10:00:00', '10'),
        (2, 2, timestamp '2024-01-02 09:00:00', 'oops'),
        (3, 1, timestamp '2024-01-03 23:59:59', '30'),
        (4, 1, timestamp '2024-01-04 00:00:00', '40'),
        (5, 2, timestamp '2025-06-01 00:00:00', '50')`,
];
