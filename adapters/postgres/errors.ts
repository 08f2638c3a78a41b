/**
 * Driver errors → TxError. Connection failures get a one-line explanation and a hint (what
 * `tx debug` prints); query failures keep Postgres' message plus its detail/hint/position.
 */
import { TxCodes, TxError } from '../../src/errors/tx-error.js';

/** The fields of pg's DatabaseError and Node's system errors that we read. */
interface DriverErrorFields {
  code?: unknown;
  message?: unknown;
  detail?: unknown;
  hint?: unknown;
  position?: unknown;
  hostname?: unknown;
}

export interface ConnectTarget {
  host: string;
  port: number;
  user: string;
  database: string;
  role?: string | null;
}

function fields(e: unknown): DriverErrorFields {
  return e !== null && typeof e === 'object' ? (e as DriverErrorFields) : {};
}

export function driverCode(e: unknown): string {
  const c = fields(e).code;
  return typeof c === 'string' ? c : '';
}

function messageOf(e: unknown): string {
  const m = fields(e).message;
  return typeof m === 'string' ? m : String(e);
}

/** Connection errors worth retrying: the server may come up, or the network recover. */
export function isTransientConnectError(e: unknown): boolean {
  return ['ECONNREFUSED', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'EAI_AGAIN', '57P03'].includes(driverCode(e))
    || /timeout expired|Connection terminated due to connection timeout/i.test(messageOf(e));
}

/** A failure to connect (or to set up the session), explained in one line with a hint. */
export function connectError(e: unknown, t: ConnectTarget): TxError {
  const code = driverCode(e);
  const where = `${t.host}:${t.port}`;
  const raw = messageOf(e);
  const explain = (message: string, hint: string): TxError =>
    new TxError({ code: TxCodes.ConnectionFailed, message, hint, cause: e });
  switch (code) {
    case '28P01':
      return explain(`password authentication failed for user '${t.user}' on ${where}`,
        "check 'password' (or 'pass') in profiles.yml; env_var() keeps it out of the file");
    case '28000':
      return explain(`the server at ${where} refused user '${t.user}' for database '${t.database}': ${raw}`,
        "check 'user', and that pg_hba.conf allows this user, database and host");
    case '3D000':
      return explain(`database '${t.database}' does not exist on ${where}`,
        `create it (createdb ${t.database}) or fix 'dbname' in profiles.yml`);
    case '42501':
      return explain(`user '${t.user}' lacks a permission needed to connect${t.role ? ` or to set role '${t.role}'` : ''}: ${raw}`,
        `grant it (e.g. GRANT CONNECT ON DATABASE ${t.database} TO ${t.user}${t.role ? `; GRANT ${t.role} TO ${t.user}` : ''})`);
    case '22023':
    case '42704':
      if (t.role) return explain(`cannot set role '${t.role}': ${raw}`, "check 'role' in profiles.yml, and that the user is a member of it");
      break;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return explain(`unknown host '${t.host}': the name does not resolve`, "check 'host' in profiles.yml (e.g. localhost or the server's address)");
    case 'ECONNREFUSED':
      return explain(`connection refused by ${where}: nothing is listening there`,
        "check that Postgres is running and 'host'/'port' are right (the default port is 5432)");
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
      return explain(`cannot reach ${where} (${code})`, 'check the host, the network and any firewall; raise connect_timeout for slow links');
    case '53300':
      return explain(`${where} has no free connection slots: ${raw}`, "lower 'threads', or raise max_connections on the server");
    case '57P03':
      return explain(`the server at ${where} is starting up or shutting down`, 'try again in a moment');
  }
  if (/timeout expired|connection timeout/i.test(raw)) {
    return explain(`timed out connecting to ${where}`, "check host and port, or raise 'connect_timeout' in profiles.yml");
  }
  if (/does not support SSL/i.test(raw)) {
    return explain(`the server at ${where} does not accept SSL connections`, "set sslmode: disable (or prefer) in profiles.yml");
  }
  if (/no pg_hba\.conf entry/i.test(raw)) {
    return explain(`the server at ${where} does not allow this connection: ${raw}`, 'add a pg_hba.conf entry, or use sslmode: require if the entry is hostssl');
  }
  return explain(`cannot connect to Postgres at ${where}: ${raw}`, 'run `tx debug` to check the profile');
}

/** A failing statement: Postgres' message, with its detail, hint and position when given. */
export function queryError(e: unknown, sql: string): TxError {
  const f = fields(e);
  const parts = [messageOf(e)];
  if (typeof f.detail === 'string' && f.detail !== '') parts.push(`DETAIL: ${f.detail}`);
  const pos = typeof f.position === 'string' ? Number(f.position) : NaN;
  if (Number.isInteger(pos) && pos > 0) {
    const before = sql.slice(0, pos - 1);
    const line = before.split('\n').length;
    const text = sql.split('\n')[line - 1] ?? '';
    parts.push(`LINE ${line}: ${text.trim()}`);
  }
  return new TxError({
    code: TxCodes.DatabaseError,
    message: parts.join('\n'),
    hint: typeof f.hint === 'string' && f.hint !== '' ? f.hint : undefined,
    cause: e,
  });
}

export function cancelledError(cause?: unknown): TxError {
  return new TxError({ code: TxCodes.Cancelled, message: 'query cancelled', cause });
}

/** Postgres reports a cancelled statement as 57014 (query_canceled). */
export function isCancelError(e: unknown): boolean {
  return driverCode(e) === '57014';
}
