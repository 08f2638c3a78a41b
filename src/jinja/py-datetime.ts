/**
 * The parts of Python's datetime/pytz that dbt projects use: datetime (UTC or naive),
 * date, timedelta, timezone.utc, strftime/strptime/isoformat. Non-UTC zones are not modelled.
 */
import { mkFloat } from './py-types.js';
import { argOf, splitArgs } from './py-values.js';

const p2 = (n: number, w = 2) => String(n).padStart(w, '0');
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export class TzInfo {
  constructor(readonly zone: string) {}
  toString(): string {
    return this.zone;
  }
}
export const UTC = new TzInfo('UTC');

export class TimeDelta {
  readonly micros: number;
  constructor(micros: number) {
    this.micros = Math.round(micros);
  }
  get days(): number { return Math.floor(this.micros / 86_400_000_000); }
  get seconds(): number { return Math.floor((this.micros - this.days * 86_400_000_000) / 1_000_000); }
  get microseconds(): number { return this.micros % 1_000_000; }
  total_seconds(): unknown { return mkFloat(this.micros / 1_000_000); }
  valueOf(): number { return this.micros; }
  toString(): string {
    const d = this.days;
    const s = this.seconds;
    const t = `${Math.floor(s / 3600)}:${p2(Math.floor(s / 60) % 60)}:${p2(s % 60)}${this.microseconds ? '.' + p2(this.microseconds, 6) : ''}`;
    return d ? `${d} day${Math.abs(d) === 1 ? '' : 's'}, ${t}` : t;
  }
}

/** A datetime stored as microseconds since the epoch of its wall clock, plus an optional tz. */
export class PyDateTime {
  constructor(readonly micros: number, readonly tzinfo: TzInfo | null, readonly dateOnly = false) {}
  private get d(): Date { return new Date(Math.floor(this.micros / 1000)); }
  get year(): number { return this.d.getUTCFullYear(); }
  get month(): number { return this.d.getUTCMonth() + 1; }
  get day(): number { return this.d.getUTCDate(); }
  get hour(): number { return this.d.getUTCHours(); }
  get minute(): number { return this.d.getUTCMinutes(); }
  get second(): number { return this.d.getUTCSeconds(); }
  get microsecond(): number { return ((this.micros % 1_000_000) + 1_000_000) % 1_000_000; }
  weekday(): number { return (this.d.getUTCDay() + 6) % 7; }
  isoweekday(): number { return this.weekday() + 1; }
  date(): PyDateTime { return new PyDateTime(Math.floor(this.micros / 86_400_000_000) * 86_400_000_000, null, true); }
  timestamp(): unknown { return mkFloat(this.micros / 1_000_000); }
  astimezone(tz?: TzInfo): PyDateTime { return new PyDateTime(this.micros, tz ?? UTC, this.dateOnly); }
  replace(...args: unknown[]): PyDateTime {
    const { kw } = splitArgs(args);
    const f = (k: string, v: number) => (typeof kw[k] === 'number' ? (kw[k] as number) : v);
    const tz = 'tzinfo' in kw ? ((kw['tzinfo'] as TzInfo | null) ?? null) : this.tzinfo;
    return makeDateTime(f('year', this.year), f('month', this.month), f('day', this.day), f('hour', this.hour), f('minute', this.minute), f('second', this.second), f('microsecond', this.microsecond), tz, this.dateOnly);
  }
  isoformat(sep = 'T'): string {
    if (this.dateOnly) return `${p2(this.year, 4)}-${p2(this.month)}-${p2(this.day)}`;
    const frac = this.microsecond ? '.' + p2(this.microsecond, 6) : '';
    return `${p2(this.year, 4)}-${p2(this.month)}-${p2(this.day)}${sep}${p2(this.hour)}:${p2(this.minute)}:${p2(this.second)}${frac}${this.tzinfo ? '+00:00' : ''}`;
  }
  strftime(fmt: string): string {
    return fmt.replace(/%([a-zA-Z%])/g, (_m, c: string) => {
      switch (c) {
        case 'Y': return p2(this.year, 4);
        case 'y': return p2(this.year % 100);
        case 'm': return p2(this.month);
        case 'd': return p2(this.day);
        case 'H': return p2(this.hour);
        case 'I': return p2(this.hour % 12 || 12);
        case 'p': return this.hour < 12 ? 'AM' : 'PM';
        case 'M': return p2(this.minute);
        case 'S': return p2(this.second);
        case 'f': return p2(this.microsecond, 6);
        case 'j': return p2(Math.floor((Date.UTC(this.year, this.month - 1, this.day) - Date.UTC(this.year, 0, 1)) / 86_400_000) + 1, 3);
        case 'a': return (DAYS[this.weekday()] ?? '').slice(0, 3);
        case 'A': return DAYS[this.weekday()] ?? '';
        case 'b': return (MONTHS[this.month - 1] ?? '').slice(0, 3);
        case 'B': return MONTHS[this.month - 1] ?? '';
        case 'w': return String((this.weekday() + 1) % 7);
        case 'z': return this.tzinfo ? '+0000' : '';
        case 'Z': return this.tzinfo ? 'UTC' : '';
        case '%': return '%';
        default: return '%' + c;
      }
    });
  }
  __add__(o: unknown): PyDateTime { return o instanceof TimeDelta ? new PyDateTime(this.micros + o.micros, this.tzinfo, this.dateOnly) : this; }
  __sub__(o: unknown): unknown {
    if (o instanceof TimeDelta) return new PyDateTime(this.micros - o.micros, this.tzinfo, this.dateOnly);
    if (o instanceof PyDateTime) return new TimeDelta(this.micros - o.micros);
    return undefined;
  }
  valueOf(): number { return this.micros; }
  toString(): string { return this.isoformat(' '); }
  toJSON(): string { return this.isoformat(); }
}

export function makeDateTime(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, us = 0, tz: TzInfo | null = null, dateOnly = false): PyDateTime {
  return new PyDateTime(Date.UTC(y, mo - 1, d, h, mi, s) * 1000 + us, tz, dateOnly);
}

export function fromDate(d: Date, tz: TzInfo | null): PyDateTime {
  return new PyDateTime(d.getTime() * 1000, tz);
}

function strptime(s: string, fmt: string): PyDateTime {
  const parts: Record<string, number> = { Y: 1900, m: 1, d: 1, H: 0, M: 0, S: 0, f: 0 };
  let re = '^';
  const order: string[] = [];
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i];
    if (c === '%' && i + 1 < fmt.length) {
      const k = fmt[++i] ?? '';
      if (k === '%') { re += '%'; continue; }
      order.push(k);
      re += k === 'Y' ? '(\\d{4})' : k === 'f' ? '(\\d{1,6})' : k === 'z' ? '([+-]\\d{2}:?\\d{2}|Z)' : '(\\d{1,2})';
    } else re += (c ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  const m = new RegExp(re + '$').exec(s);
  if (!m) throw new Error(`time data '${s}' does not match format '${fmt}'`);
  order.forEach((k, i) => { parts[k] = k === 'f' ? Number((m[i + 1] ?? '0').padEnd(6, '0')) : Number(m[i + 1]); });
  if ('y' in parts) parts['Y'] = 2000 + (parts['y'] ?? 0);
  return makeDateTime(parts['Y'] ?? 1900, parts['m'] ?? 1, parts['d'] ?? 1, parts['H'], parts['M'], parts['S'], parts['f']);
}

function fromisoformat(s: string): PyDateTime {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(s.trim());
  if (!m) throw new Error(`Invalid isoformat string: '${s}'`);
  const n = (i: number) => Number(m[i] ?? 0);
  return makeDateTime(n(1), n(2), n(3), n(4), n(5), n(6), Number((m[7] ?? '0').padEnd(6, '0')), m[8] ? UTC : null, m[4] === undefined);
}

export function datetimeModule(now: () => Date): Record<string, unknown> {
  const tzArg = (args: unknown[]) => (argOf(splitArgs(args), 0, 'tz', null) as TzInfo | null);
  const datetime = Object.assign(
    (...args: unknown[]) => {
      const a = splitArgs(args);
      const n = (i: number, k: string, d: number) => Number(argOf(a, i, k, d));
      return makeDateTime(n(0, 'year', 1970), n(1, 'month', 1), n(2, 'day', 1), n(3, 'hour', 0), n(4, 'minute', 0), n(5, 'second', 0), n(6, 'microsecond', 0), (argOf(a, 7, 'tzinfo', null) as TzInfo | null) ?? null);
    },
    {
      now: (...args: unknown[]) => fromDate(now(), tzArg(args)),
      utcnow: () => fromDate(now(), null),
      today: () => fromDate(now(), null),
      strptime: (s: unknown, f: unknown) => strptime(String(s), String(f)),
      fromisoformat: (s: unknown) => fromisoformat(String(s)),
      fromtimestamp: (ts: unknown, ...rest: unknown[]) => new PyDateTime(Number(ts) * 1_000_000, tzArg(rest)),
    },
  );
  const date = Object.assign((y: number, m: number, d: number) => makeDateTime(y, m, d, 0, 0, 0, 0, null, true), {
    today: () => fromDate(now(), null).date(),
    fromisoformat: (s: unknown) => fromisoformat(String(s)).date(),
  });
  const timedelta = (...args: unknown[]) => {
    const a = splitArgs(args);
    const n = (i: number, k: string) => Number(argOf(a, i, k, 0));
    const us = n(0, 'days') * 86_400e6 + n(1, 'seconds') * 1e6 + n(2, 'microseconds') + n(3, 'milliseconds') * 1e3 + n(4, 'minutes') * 60e6 + n(5, 'hours') * 3600e6 + n(6, 'weeks') * 7 * 86_400e6;
    return new TimeDelta(us);
  };
  return { datetime, date, timedelta, timezone: { utc: UTC }, MINYEAR: 1, MAXYEAR: 9999 };
}

export const pytzModule = { utc: UTC, UTC, timezone: (name: unknown) => (String(name).toUpperCase() === 'UTC' ? UTC : new TzInfo(String(name))) };
