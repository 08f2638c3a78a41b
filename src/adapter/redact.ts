/**
 * Credentials redaction for logs and artifacts: an adapter's secretKeys are hidden at the top
 * level, and any nested key that looks secret (e.g. DuckDB `settings.s3_secret_access_key`).
 */
import type { TargetCredentials } from './types.js';

const SECRET_NAME = /secret|password|passwd|token|key/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

function redactNested(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(redactNested);
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
    out[k] = isSecretName(k) && (typeof val !== 'object' || val === null) ? '***' : redactNested(val);
  }
  return out;
}

export function redactCredentials(creds: TargetCredentials, secretKeys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(creds)) {
    out[k] = secretKeys.includes(k) ? '***' : k === 'type' || k === 'schema' || k === 'database' ? v : redactNested(v);
  }
  return out;
}
