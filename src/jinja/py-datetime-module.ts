/**
 * The `datetime` and `pytz` modules of dbt's `modules`: constructors and class methods
 * (now, utcnow, today, strptime, fromisoformat, fromtimestamp, combine, ...), timezone() and
 * pytz.timezone() with localize(). "Now" comes from the invocation's clock; naive "local" times
 * are UTC, since tx never reads the machine's time zone.
 */
import { TxCodes, TxError } from '../errors/tx-error.js';
import { DAY_US, PyDate, PyDateTime, PyTime, TimeDelta, checkedDays, checkedTime, daysFromCivil } from './py-datetime.js';
import { PYTZ_UTC, UTC, fixedOffset, offsetTz, pytzTimezone, type TzInfo } from './py-timezone.js';
import { MONTH_NAMES, DAY_NAMES } from './py-strftime.js';
import { argOf, splitArgs } from './py-values.js';

type A = { pos: unknown[]; kw: Record<string, unknown> };

const n = (a: A, i: number, k: string, d?: number): number => {
  const v = argOf(a, i, k, d);
  if (v === undefined) throw new TxError({ code: TxCodes.TemplateRender, message: `TypeError: function missing required argument '${k}' (pos ${i + 1})` });
  return Number(v);
};

export function fromDate(d: Date, tz: TzInfo | null): PyDateTime {
  const instant = d.getTime() * 1000;
  return PyDateTime.fromWall(instant + (tz ? tz.offsetAt(instant) : 0) * 60_000_000, tz);
}

function badFormat(s: string, fmt: string): TxError {
  return new TxError({ code: TxCodes.TemplateRender, message: `ValueError: time data '${s}' does not match format '${fmt}'` });
}

const NAME_RE = (names: string[]) => `(${names.map((x) => `${x}|${x.slice(0, 3)}`).join('|')})`;

/** datetime.strptime for the directives dbt projects use; %z gives an aware value. */
function strptime(s: string, fmt: string): PyDateTime {
  const order: string[] = [];
  let re = '^';
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i] ?? '';
    if (c !== '%' || i + 1 >= fmt.length) {
      re += /\s/.test(c) ? '\\s*' : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      continue;
    }
    const k = fmt[++i] ?? '';
    if (k === '%') { re += '%'; continue; }
    order.push(k);
    switch (k) {
      case 'Y': re += '(\\d{4})'; break;
      case 'f': re += '(\\d{1,6})'; break;
      case 'z': re += '(Z|[+-]\\d{2}:?\\d{2})'; break;
      case 'b': case 'B': re += NAME_RE(MONTH_NAMES); break;
      case 'a': case 'A': re += NAME_RE(DAY_NAMES); break;
      case 'p': re += '(AM|PM|am|pm)'; break;
      case 'Z': re += '(UTC|GMT|[A-Z]{2,5})?'; break;
      case 'j': re += '(\\d{1,3})'; break;
      default: re += '(\\d{1,2})';
    }
  }
  const m = new RegExp(re + '$', 'i').exec(s);
  if (!m) throw badFormat(s, fmt);
  const v: Record<string, string> = {};
  order.forEach((k, i) => (v[k] = m[i + 1] ?? ''));
  const year = v['Y'] !== undefined ? Number(v['Y']) : v['y'] !== undefined ? (Number(v['y']) < 69 ? 2000 : 1900) + Number(v['y']) : 1900;
  const monthName = v['b'] ?? v['B'];
  const month = v['m'] !== undefined ? Number(v['m']) : monthName ? MONTH_NAMES.findIndex((x) => x.slice(0, 3).toLowerCase() === monthName.slice(0, 3).toLowerCase()) + 1 : 1;
  let days: number;
  if (v['j'] !== undefined && v['m'] === undefined && v['d'] === undefined) days = daysFromCivil(year, 1, 1) + Number(v['j']) - 1;
  else days = checkedDays(year, month, v['d'] !== undefined ? Number(v['d']) : 1);
  let hour = Number(v['H'] ?? v['I'] ?? 0);
  if (v['I'] !== undefined && v['p']) hour = (hour % 12) + (v['p'].toLowerCase() === 'pm' ? 12 : 0);
  const us = checkedTime(hour, Number(v['M'] ?? 0), Number(v['S'] ?? 0), Number((v['f'] ?? '0').padEnd(6, '0')));
  return new PyDateTime(days, us, v['z'] !== undefined ? offsetTz(v['z']) : null);
}

/** datetime.fromisoformat (Python 3.11's accepted forms for dates and times). */
function fromisoformat(s: string): PyDateTime | PyDate {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})(?:[T ](\d{2})(?::?(\d{2})(?::?(\d{2})(?:[.,](\d{1,6})\d*)?)?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/.exec(s.trim());
  if (!m) throw new TxError({ code: TxCodes.TemplateRender, message: `ValueError: Invalid isoformat string: '${s}'` });
  const x = (i: number) => Number(m[i] ?? 0);
  const days = checkedDays(x(1), x(2), x(3));
  if (m[4] === undefined) return new PyDate(days);
  const tz = m[8] ? offsetTz(m[8]) : null;
  return new PyDateTime(days, checkedTime(x(4), x(5), x(6), Number((m[7] ?? '0').padEnd(6, '0'))), tz);
}

function tzOf(a: A, i: number, k: string): TzInfo | null {
  return (argOf(a, i, k, null) as TzInfo | null) ?? null;
}

export function datetimeModule(now: () => Date): Record<string, unknown> {
  const datetime = Object.assign(
    (...args: unknown[]) => {
      const a = splitArgs(args);
      const days = checkedDays(n(a, 0, 'year'), n(a, 1, 'month'), n(a, 2, 'day'));
      return new PyDateTime(days, checkedTime(n(a, 3, 'hour', 0), n(a, 4, 'minute', 0), n(a, 5, 'second', 0), n(a, 6, 'microsecond', 0)), tzOf(a, 7, 'tzinfo'));
    },
    {
      now: (...args: unknown[]) => fromDate(now(), tzOf(splitArgs(args), 0, 'tz')),
      utcnow: () => fromDate(now(), null),
      today: () => fromDate(now(), null),
      strptime: (s: unknown, f: unknown) => strptime(String(s), String(f)),
      fromisoformat: (s: unknown) => {
        const v = fromisoformat(String(s));
        return v instanceof PyDateTime ? v : new PyDateTime(v.days, 0, null);
      },
      fromtimestamp: (...args: unknown[]) => {
        const a = splitArgs(args);
        return fromDate(new Date(n(a, 0, 'timestamp') * 1000), tzOf(a, 1, 'tz'));
      },
      utcfromtimestamp: (ts: unknown) => fromDate(new Date(Number(ts) * 1000), null),
      combine: (...args: unknown[]) => {
        const a = splitArgs(args);
        const d = argOf(a, 0, 'date') as PyDate;
        const t = argOf(a, 1, 'time') as PyTime;
        return new PyDateTime(d.days, t.us, 'tzinfo' in a.kw ? tzOf(a, 2, 'tzinfo') : t.tzinfo);
      },
      min: new PyDateTime(checkedDays(1, 1, 1), 0),
      max: new PyDateTime(checkedDays(9999, 12, 31), DAY_US - 1),
    },
  );
  const date = Object.assign(
    (...args: unknown[]) => {
      const a = splitArgs(args);
      return new PyDate(checkedDays(n(a, 0, 'year'), n(a, 1, 'month'), n(a, 2, 'day')));
    },
    {
      today: () => fromDate(now(), null).date(),
      fromisoformat: (s: unknown) => {
        const v = fromisoformat(String(s));
        return new PyDate(v.days);
      },
      fromordinal: (o: unknown) => new PyDate(Number(o) - 719163),
      fromtimestamp: (ts: unknown) => fromDate(new Date(Number(ts) * 1000), null).date(),
      min: new PyDate(checkedDays(1, 1, 1)),
      max: new PyDate(checkedDays(9999, 12, 31)),
    },
  );
  const time = (...args: unknown[]) => {
    const a = splitArgs(args);
    return new PyTime(checkedTime(n(a, 0, 'hour', 0), n(a, 1, 'minute', 0), n(a, 2, 'second', 0), n(a, 3, 'microsecond', 0)), tzOf(a, 4, 'tzinfo'));
  };
  const timedelta = (...args: unknown[]) => {
    const a = splitArgs(args);
    const x = (i: number, k: string) => Number(argOf(a, i, k, 0));
    return new TimeDelta(x(0, 'days') * 86_400e6 + x(1, 'seconds') * 1e6 + x(2, 'microseconds') + x(3, 'milliseconds') * 1e3 + x(4, 'minutes') * 60e6 + x(5, 'hours') * 3600e6 + x(6, 'weeks') * 7 * 86_400e6);
  };
  const timezone = Object.assign(
    (offset: unknown) => {
      return fixedOffset(offset instanceof TimeDelta ? offset.micros / 60_000_000 : 0);
    },
    { utc: UTC },
  );
  return { datetime, date, time, timedelta, timezone, MINYEAR: 1, MAXYEAR: 9999 };
}

export function pytzModule(): Record<string, unknown> {
  return { utc: PYTZ_UTC, UTC: PYTZ_UTC, timezone: (name: unknown) => pytzTimezone(String(name)) };
}
