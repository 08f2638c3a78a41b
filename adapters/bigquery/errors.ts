/**
 * SDK and auth errors → TxError, and which of them are worth retrying. BigQuery reports a
 * failure as an HTTP status plus `errors[].reason` (API calls) or as a finished job's
 * `status.errorResult` ({reason, message, location}); both are read here.
 */
import { TxCodes, TxError } from '../../src/errors/tx-error.js';

/** One entry of BigQuery's ErrorProto. */
export interface ErrorProto {
  reason?: string;
  message?: string;
  location?: string;
}

interface ErrorFields {
  code?: unknown;
  message?: unknown;
  errors?: unknown;
  reason?: unknown;
  response?: unknown;
}

function fields(e: unknown): ErrorFields {
  return e !== null && typeof e === 'object' ? (e as ErrorFields) : {};
}

export function messageOf(e: unknown): string {
  const m = fields(e).message;
  return typeof m === 'string' && m !== '' ? m : String(e);
}

/** HTTP status of an ApiError, or a Node system error code ('ECONNREFUSED'). */
export function errorCode(e: unknown): number | string | null {
  const c = fields(e).code;
  return typeof c === 'number' || typeof c === 'string' ? c : null;
}

/** The reasons BigQuery gave, from an ApiError's errors[] or a job's errorResult. */
export function reasonsOf(e: unknown): string[] {
  const f = fields(e);
  const out: string[] = [];
  if (typeof f.reason === 'string') out.push(f.reason);
  if (Array.isArray(f.errors)) {
    for (const x of f.errors) {
      const r = fields(x).reason;
      if (typeof r === 'string') out.push(r);
    }
  }
  return out;
}

/** dbt-bigquery's retryable failures: server errors, rate limits, dropped connections. */
const RETRYABLE_REASONS = new Set([
  'backendError', 'internalError', 'rateLimitExceeded', 'jobRateLimitExceeded', 'jobBackendError', 'jobInternalError',
]);
const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);
const RETRYABLE_SYSTEM = new Set(['ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ECONNREFUSED', 'EAI_AGAIN', 'ENOTFOUND', 'ESOCKETTIMEDOUT', 'UND_ERR_SOCKET']);

export function isRetryable(e: unknown): boolean {
  if (e instanceof TxError) return false;
  const code = errorCode(e);
  if (typeof code === 'number' && RETRYABLE_STATUS.has(code)) return true;
  if (typeof code === 'string' && RETRYABLE_SYSTEM.has(code)) return true;
  if (reasonsOf(e).some((r) => RETRYABLE_REASONS.has(r))) return true;
  // Transport failures surface from the HTTP client without a code on some paths.
  return /socket hang up|ECONNRESET|network timeout|fetch failed/i.test(messageOf(e));
}

export function isNotFound(e: unknown): boolean {
  return errorCode(e) === 404 || reasonsOf(e).includes('notFound');
}

export function cancelledError(cause?: unknown): TxError {
  return new TxError({ code: TxCodes.Cancelled, message: 'query cancelled', cause });
}

/** Hints for reasons a statement can fail with, in BigQuery's words. */
const REASON_HINTS: Record<string, string> = {
  accessDenied: 'the credentials lack a BigQuery permission for this statement (e.g. roles/bigquery.dataEditor on the dataset, roles/bigquery.jobUser on the execution project)',
  bytesBilledLimitExceeded: 'the query would bill more than maximum_bytes_billed: raise it in profiles.yml or make the query scan less',
  quotaExceeded: 'a BigQuery quota was reached; wait, or ask for a higher quota',
  responseTooLarge: 'the result is too large to return: select fewer rows or columns',
};

/** A finished job's errorResult (and its other errors) as one message, BigQuery's wording kept. */
export function jobError(result: ErrorProto, all: readonly ErrorProto[], jobId: string): TxError {
  if (result.reason === 'stopped') return cancelledError(result);
  const extra = all.map((x) => x.message).filter((m): m is string => typeof m === 'string' && m !== result.message);
  const message = [result.message ?? 'the job failed', ...extra].join('\n');
  const hint = result.reason === undefined ? undefined : REASON_HINTS[result.reason];
  return new TxError({ code: TxCodes.DatabaseError, message: `${message} (job ${jobId}, reason: ${result.reason ?? 'unknown'})`, hint, cause: result });
}

/** A statement that failed before or while it ran (the API refused the job, or the job failed). */
export function queryError(e: unknown): TxError {
  if (e instanceof TxError) return e;
  const reasons = reasonsOf(e);
  const hint = reasons.map((r) => REASON_HINTS[r]).find((h) => h !== undefined)
    ?? (errorCode(e) === 401 ? "the credentials were rejected: run `tx debug` to check the profile's method and key" : undefined);
  return new TxError({
    code: TxCodes.DatabaseError,
    message: `${messageOf(e)}${reasons.length > 0 ? ` (reason: ${reasons.join(', ')})` : ''}`,
    hint,
    cause: e,
  });
}

/** A failing API call during a query (not a connection problem). */
export function apiError(e: unknown, what: string): TxError {
  if (e instanceof TxError) return e;
  const reasons = reasonsOf(e);
  return new TxError({
    code: TxCodes.DatabaseError,
    message: `${what}: ${messageOf(e)}${reasons.length > 0 ? ` (reason: ${reasons.join(', ')})` : ''}`,
    cause: e,
  });
}

export interface ConnectTarget {
  method: string;
  project: string;
  executionProject: string;
  endpoint: string;
  keyfile: string | null;
  impersonate: string | null;
}

/** A failure to authenticate or to reach BigQuery, explained in one line with what to do. */
export function connectError(e: unknown, t: ConnectTarget): TxError {
  if (e instanceof TxError) return e;
  const raw = messageOf(e);
  const code = errorCode(e);
  const explain = (message: string, hint: string): TxError => new TxError({ code: TxCodes.ConnectionFailed, message, hint, cause: e });
  if (t.impersonate !== null && /unable to impersonate/i.test(raw)) {
    return explain(`cannot impersonate ${t.impersonate}: ${raw.replace(/^unable to impersonate:\s*/i, '')}`,
      'the account the profile authenticates as needs roles/iam.serviceAccountTokenCreator on that service account');
  }
  if (/Could not load the default credentials/i.test(raw)) {
    return explain('no Google credentials found for method oauth (application default credentials)',
      'run `gcloud auth application-default login`, or set method: service-account with a keyfile in profiles.yml');
  }
  if (code === 'ENOENT' && t.keyfile !== null) {
    return explain(`cannot read the service account keyfile '${t.keyfile}'`, "check 'keyfile' in profiles.yml (relative paths start at the project directory)");
  }
  if (typeof code !== 'number' && /DECODER|PEM|private key|asn1|invalid key/i.test(raw)) {
    return explain(`the service account key of method ${t.method} is not a valid private key: ${raw}`,
      'use the JSON key file downloaded from the Google Cloud console unchanged');
  }
  if (/invalid_grant|invalid_client|unauthorized_client/i.test(raw)) {
    return explain(`Google refused the OAuth credentials (${raw})`,
      "refresh_token, client_id or client_secret is wrong or revoked: create new ones, or use another method");
  }
  if (code === 401 || /UNAUTHENTICATED|Request had invalid authentication credentials|invalid_token/i.test(raw)) {
    return explain(`BigQuery rejected the credentials of method ${t.method}: ${raw}`,
      'the token or key is expired, revoked or for another account; check the profile\'s credentials');
  }
  if (code === 403 || reasonsOf(e).includes('accessDenied')) {
    return explain(`access denied on project '${t.executionProject}': ${raw}`,
      `grant the account roles/bigquery.jobUser on '${t.executionProject}' (and data access on '${t.project}'), or set execution_project`);
  }
  if (code === 404 || reasonsOf(e).includes('notFound')) {
    return explain(`BigQuery does not know project '${t.executionProject}': ${raw}`, "check 'project' (and 'execution_project') in profiles.yml: it is the project id, not its name");
  }
  if (typeof code === 'string' && ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET'].includes(code)) {
    return explain(`cannot reach BigQuery at ${t.endpoint} (${code})`, 'check the network, a proxy, or api_endpoint in profiles.yml');
  }
  return explain(`cannot connect to BigQuery (method ${t.method}, project '${t.executionProject}'): ${raw}`, 'run `tx debug` to check the profile');
}
