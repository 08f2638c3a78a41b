/**
 * snowflake-sdk errors → TxError. A failed login gets one line saying what is wrong and a hint
 * (what `tx debug` prints); a failed statement keeps Snowflake's `code (sqlstate): message`,
 * as dbt-snowflake shows it.
 */
import { TxCodes, TxError } from '../../src/errors/tx-error.js';

interface ErrorFields {
  code?: unknown;
  sqlState?: unknown;
  message?: unknown;
  data?: { queryId?: unknown } | null;
  response?: { status?: unknown; statusCode?: unknown } | null;
  cause?: { code?: unknown; message?: unknown } | null;
}

export interface LoginTarget {
  account: string;
  user: string;
  role: string | null;
  warehouse: string | null;
  database: string;
  /** The URL the driver talks to. */
  url: string;
}

function fields(e: unknown): ErrorFields {
  return e !== null && typeof e === 'object' ? (e as ErrorFields) : {};
}

/** Snowflake's error code, six digits as Snowflake prints it ('002003'); driver codes as they are. */
export function sfCode(e: unknown): string {
  const c = fields(e).code;
  if (typeof c === 'number' || (typeof c === 'string' && /^\d+$/.test(c))) return String(c).padStart(6, '0');
  return typeof c === 'string' ? c : '';
}

function messageOf(e: unknown): string {
  const m = fields(e).message;
  return typeof m === 'string' ? m : String(e);
}

function httpStatus(e: unknown): number | null {
  const r = fields(e).response;
  const s = r?.status ?? r?.statusCode;
  return typeof s === 'number' ? s : null;
}

function networkCode(e: unknown): string {
  const c = fields(e).cause?.code;
  if (typeof c === 'string') return c;
  const m = /\b(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|EHOSTUNREACH)\b/.exec(messageOf(e));
  return m?.[1] ?? '';
}

export function queryIdOf(e: unknown): string | null {
  const q = fields(e).data?.queryId;
  return typeof q === 'string' && q !== '' ? q : null;
}

/** Worth another login attempt: the network or the service may recover. */
export function isTransientConnectError(e: unknown): boolean {
  if (['ECONNREFUSED', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'EAI_AGAIN'].includes(networkCode(e))) return true;
  const status = httpStatus(e);
  return status !== null && (status >= 500 || status === 429);
}

/** A failed login, explained in one line, with what to change. */
export function connectError(e: unknown, t: LoginTarget): TxError {
  if (e instanceof TxError) return e;
  const explain = (message: string, hint: string): TxError => new TxError({ code: TxCodes.ConnectionFailed, message, hint, cause: e });
  const code = sfCode(e);
  const raw = messageOf(e);
  switch (code) {
    case '390100':
      return explain(`incorrect username or password for user '${t.user}' on account '${t.account}'`,
        "check 'user' and 'password' in profiles.yml; env_var() keeps the password out of the file");
    case '390144':
    case '394304':
      return explain(`key-pair authentication failed for user '${t.user}': ${raw}`,
        `the public key registered for the user must match the private key (ALTER USER ${t.user} SET RSA_PUBLIC_KEY = '…')`);
    case '390189':
      return explain(`role '${t.role ?? ''}' does not exist or is not granted to user '${t.user}'`,
        `check 'role' in profiles.yml, or GRANT ROLE ${t.role ?? '<role>'} TO USER ${t.user}`);
    case '390201':
      return explain(`database '${t.database}' does not exist or role '${t.role ?? 'the default role'}' may not use it`,
        `check 'database' in profiles.yml, or GRANT USAGE ON DATABASE ${t.database} TO ROLE ${t.role ?? '<role>'}`);
    case '390303':
    case '390318':
      return explain(`the OAuth token was refused: ${raw}`, "refresh the token in 'token' (it expires)");
    case '390422':
      return explain(`a network policy refused this login: ${raw}`, 'ask an account administrator to allow this address');
  }
  const status = httpStatus(e);
  if (status === 403 || status === 404) {
    return explain(`account '${t.account}' was not found at ${t.url} (HTTP ${status})`,
      "check 'account': the account identifier, e.g. xy12345.eu-west-1 or myorg-myaccount");
  }
  switch (networkCode(e)) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return explain(`cannot resolve ${t.url}: unknown account or host`, "check 'account' (and 'host' if set) in profiles.yml");
    case 'ECONNREFUSED':
      return explain(`connection refused by ${t.url}: nothing is listening there`, "check 'host' and 'port' in profiles.yml");
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
      return explain(`cannot reach ${t.url}`, 'check the network, a proxy or a firewall; raise connect_timeout for slow links');
  }
  if (status !== null) return explain(`Snowflake answered HTTP ${status} at ${t.url}: ${raw}`, 'try again later; run `tx debug` to check the profile');
  return explain(`cannot connect to Snowflake account '${t.account}': ${code ? `${code}: ` : ''}${raw}`, 'run `tx debug` to check the profile');
}

/** Hints for statement errors users commonly hit. */
function queryHint(code: string): string | undefined {
  switch (code) {
    case '000606':
      return "set 'warehouse' in profiles.yml (or snowflake_warehouse on the model) to a warehouse the role may use";
    case '002003':
      return 'the object does not exist, or the role lacks a grant on it (SHOW GRANTS TO ROLE …)';
    case '003001':
      return 'the role lacks a privilege for this statement: GRANT it, or set another role in profiles.yml';
    default:
      return undefined;
  }
}

/** A failing statement, as dbt-snowflake prints it: `002003 (42S02): SQL compilation error: …`. */
export function queryError(e: unknown, sql: string): TxError {
  if (e instanceof TxError) return e;
  const code = sfCode(e);
  const state = fields(e).sqlState;
  const prefix = /^\d{6}$/.test(code) ? `${code}${typeof state === 'string' && state !== '' ? ` (${state})` : ''}: ` : '';
  const first = sql.trim().split('\n')[0] ?? '';
  return new TxError({
    code: TxCodes.DatabaseError,
    message: `${prefix}${messageOf(e)}`,
    hint: queryHint(code),
    cause: Object.assign(new Error(`${messageOf(e)} (query id ${queryIdOf(e) ?? 'unknown'}; statement: ${first.slice(0, 120)})`), { cause: e }),
  });
}

export function cancelledError(cause?: unknown): TxError {
  return new TxError({ code: TxCodes.Cancelled, message: 'query cancelled', cause });
}

/** Snowflake reports a cancelled statement as 000604 (SQL execution canceled). */
export function isCancelError(e: unknown): boolean {
  return sfCode(e) === '000604';
}
