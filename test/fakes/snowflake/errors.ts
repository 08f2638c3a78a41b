/** Snowflake-shaped errors the fake returns: code, SQL state and message as the service words them. */

export class SfError extends Error {
  constructor(
    readonly code: string,
    readonly sqlState: string,
    message: string,
  ) {
    super(message);
  }
}

export const noWarehouse = (): SfError =>
  new SfError('000606', '57P03', "No active warehouse selected in the current session.  Select an active warehouse with the 'use warehouse' command.\n");

export const noSchema = (verb: string): SfError =>
  new SfError('090106', '22000', `Cannot perform ${verb}. This session does not have a current schema. Call 'USE SCHEMA', or use a qualified name.`);

export const notFound = (what: string): SfError =>
  new SfError('002003', '02000', `SQL compilation error:\n${what} does not exist or not authorized.`);

export const cancelled = (): SfError => new SfError('000604', '57014', 'SQL execution canceled');

/** A DuckDB error as Snowflake would have reported the same mistake. */
export function fromDuckDB(e: unknown): SfError {
  const msg = e instanceof Error ? e.message : String(e);
  const first = msg.split('\n')[0] ?? msg;
  let m: RegExpExecArray | null;
  if ((m = /^Catalog Error: (?:Table|View|Table or view) with name (\S+) does not exist/.exec(first))) {
    return new SfError('002003', '42S02', `SQL compilation error:\nObject '${m[1]}' does not exist or not authorized.`);
  }
  if ((m = /^Catalog Error: Schema with name (\S+) does not exist/.exec(first))) {
    return new SfError('002003', '02000', `SQL compilation error:\nSchema '${m[1]}' does not exist or not authorized.`);
  }
  if ((m = /^Binder Error: Referenced column "?([^"\s]+)"? not found/.exec(first))) {
    return new SfError('000904', '42000', `SQL compilation error: error line 1 at position 0\ninvalid identifier '${m[1]}'`);
  }
  if (/^Parser Error/.test(first)) return new SfError('001003', '42000', `SQL compilation error:\n${first.replace(/^Parser Error: /, '')}`);
  if (/^Conversion Error/.test(first)) return new SfError('100038', '22018', first.replace(/^Conversion Error: /, ''));
  if (/division by zero/i.test(first)) return new SfError('100051', '22012', 'Division by zero');
  if (/^INTERRUPT/.test(first)) return cancelled();
  return new SfError('000603', 'XX000', `SQL execution internal error: ${first}`);
}
