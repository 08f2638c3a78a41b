/**
 * Warehouse values kept exact for templates (run_query, statement results): a decimal as its
 * text (`1.50`, not the JS number 1.5), a date, and a timestamp with its microseconds. An
 * adapter returns them when a query runs with `ExecuteOptions.exact`; everything else stays a
 * plain JS value. src/context/agate-values.ts turns them into dbt's Python values.
 */

/** A value that is its warehouse text; the subclasses say which kind it is. */
abstract class SqlText {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** A fixed-point number as the warehouse prints it: `-12.50`. */
export class SqlDecimal extends SqlText {}

/** A calendar date: `2024-01-02`. */
export class SqlDate extends SqlText {}

/**
 * A timestamp as wall-clock text `2024-01-02 03:04:05[.ffffff]`; `offset` (`+00:00`) when the
 * warehouse type has a time zone (the text is then the time at that offset), else null.
 */
export class SqlTimestamp {
  constructor(
    readonly text: string,
    readonly offset: string | null,
  ) {}
  toString(): string {
    return this.offset === null ? this.text : this.text + this.offset;
  }
}

/** A time of day `03:04:05[.ffffff]`. */
export class SqlTime extends SqlText {}

const TZ_TEXT = /^(.*?)([+-]\d{2})(?::?(\d{2}))?$/;

/** `2024-01-02 03:04:05.5+02` (as drivers print timestamps with time zone) → SqlTimestamp. */
export function timestampWithZone(text: string): SqlTimestamp {
  const m = TZ_TEXT.exec(text.trim());
  if (!m || !/\d{2}:\d{2}/.test(m[1] ?? '')) return new SqlTimestamp(text.replace('T', ' '), null);
  return new SqlTimestamp((m[1] ?? '').replace('T', ' '), `${m[2]}:${m[3] ?? '00'}`);
}
