/**
 * dbt writes Python `datetime.isoformat()` plus "Z": microsecond precision, UTC.
 * JS dates carry milliseconds, so the last three digits are always 000.
 */
export function dbtTimestamp(d: Date): string {
  return d.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}
