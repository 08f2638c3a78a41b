/**
 * Result values the way the DuckDB adapter returns them, so run_query() and tests see the same
 * JS values everywhere: integers as numbers when safe (bigint beyond 2^53; the SDK hands them
 * over as big-integer objects so none is rounded), dates and
 * timestamps as plain Dates (the SDK's SfDate subclass carries formatting state), the rest as
 * the SDK parsed them (strings, numbers, booleans, parsed VARIANT JSON, Buffers).
 */

/** The big-integer objects the SDK returns for integers when asked for exact ones. */
function bigIntegerOf(v: object): bigint | null {
  const value = (v as { value?: unknown }).value;
  if (typeof value === 'bigint') return value;
  return /^(Small|Big|Native)Integer$/.test(v.constructor?.name ?? '') ? BigInt(String(v)) : null;
}

export function toJs(v: unknown): unknown {
  if (v !== null && typeof v === 'object' && !(v instanceof Date) && !Buffer.isBuffer(v) && !Array.isArray(v)) {
    const big = bigIntegerOf(v);
    if (big !== null) return toJs(big);
  }
  if (typeof v === 'bigint') {
    return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(v) : v;
  }
  if (v instanceof Date) return new Date(v.getTime());
  return v;
}

/** Bound parameters as the SDK takes them: scalars as they are, anything else as its text. */
export function toBind(v: unknown): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Date) return v.toISOString();
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}
