/**
 * Python's datetime types as dbt templates see them (modules.datetime, run_started_at, query
 * results): date, datetime (naive or aware), time and timedelta, with Python's str()/repr(),
 * arithmetic, comparisons, isoformat/strftime/isocalendar and astimezone. A value keeps its
 * wall clock as whole days since 1970-01-01 plus microseconds of the day, so every year from
 * 1 to 9999 is exact; time zones are in py-timezone.ts.
 */
import { TxCodes, TxError } from '../errors/tx-error.js';
import { PY_REPR, PyTuple, mkFloat } from './py-types.js';
import { UTC, formatOffset, type TzInfo } from './py-timezone.js';
import { strftime, type StrftimeFields } from './py-strftime.js';
import { splitArgs } from './py-values.js';

export const DAY_US = 86_400_000_000;
const p2 = (n: number, w = 2) => String(n).padStart(w, '0');

function valueError(message: string): TxError {
  return new TxError({ code: TxCodes.TemplateRender, message: `ValueError: ${message}` });
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

export function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const monthDays = (y: number, m: number) => [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 31;

/** Validates a calendar date as datetime.date() does; returns its day number. */
export function checkedDays(y: number, m: number, d: number): number {
  for (const [v, what] of [[y, 'year'], [m, 'month'], [d, 'day']] as const) {
    if (!Number.isInteger(v)) throw new TxError({ code: TxCodes.TemplateRender, message: `TypeError: '${what}' must be an integer` });
  }
  if (y < 1 || y > 9999) throw valueError(`year ${y} is out of range`);
  if (m < 1 || m > 12) throw valueError('month must be in 1..12');
  if (d < 1 || d > monthDays(y, m)) throw valueError('day is out of range for month');
  return daysFromCivil(y, m, d);
}

export function checkedTime(h: number, mi: number, s: number, us: number): number {
  if (h < 0 || h > 23) throw valueError('hour must be in 0..23');
  if (mi < 0 || mi > 59) throw valueError('minute must be in 0..59');
  if (s < 0 || s > 59) throw valueError('second must be in 0..59');
  if (us < 0 || us > 999_999) throw valueError('microsecond must be in 0..999999');
  return ((h * 60 + mi) * 60 + s) * 1_000_000 + us;
}

/** ISO year, week and weekday of a day number. */
function isoCalendar(days: number): [number, number, number] {
  const weekday = (((days + 3) % 7) + 7) % 7; // Monday 0
  const thursday = days - weekday + 3;
  const [year] = civilFromDays(thursday);
  const week = Math.floor((thursday - daysFromCivil(year, 1, 1)) / 7) + 1;
  return [year, week, weekday + 1];
}

export class TimeDelta {
  readonly micros: number;
  constructor(micros: number) {
    this.micros = Math.round(micros);
  }
  get days(): number { return Math.floor(this.micros / DAY_US); }
  get seconds(): number { return Math.floor((this.micros - this.days * DAY_US) / 1_000_000); }
  get microseconds(): number { return ((this.micros % 1_000_000) + 1_000_000) % 1_000_000; }
  total_seconds(): unknown { return mkFloat(this.micros / 1_000_000); }
  valueOf(): number { return this.micros; }
  __add__(o: unknown): unknown { return o instanceof TimeDelta ? new TimeDelta(this.micros + o.micros) : o instanceof PyDate ? o.__add__(this) : undefined; }
  __radd__(o: unknown): unknown { return this.__add__(o); }
  __sub__(o: unknown): unknown { return o instanceof TimeDelta ? new TimeDelta(this.micros - o.micros) : undefined; }
  __bool__(): boolean { return this.micros !== 0; }
  toString(): string {
    const d = this.days;
    const s = this.seconds;
    const t = `${Math.floor(s / 3600)}:${p2(Math.floor(s / 60) % 60)}:${p2(s % 60)}${this.microseconds ? '.' + p2(this.microseconds, 6) : ''}`;
    return d ? `${d} day${Math.abs(d) === 1 ? '' : 's'}, ${t}` : t;
  }
  [PY_REPR](): string {
    const parts = [['days', this.days], ['seconds', this.seconds], ['microseconds', this.microseconds]].filter(([, v]) => v !== 0);
    return `datetime.timedelta(${parts.map(([k, v]) => `${k}=${v}`).join(', ')})`;
  }
}

/** datetime.date; PyDateTime extends it as Python's datetime extends date. */
export class PyDate {
  constructor(readonly days: number) {}
  private get ymd(): [number, number, number] { return civilFromDays(this.days); }
  get year(): number { return this.ymd[0]; }
  get month(): number { return this.ymd[1]; }
  get day(): number { return this.ymd[2]; }
  weekday(): number { return (((this.days + 3) % 7) + 7) % 7; }
  isoweekday(): number { return this.weekday() + 1; }
  isocalendar(): unknown { return isoCalendarTuple(isoCalendar(this.days)); }
  toordinal(): number { return this.days + 719163; }
  isoformat(): string { return `${p2(this.year, 4)}-${p2(this.month)}-${p2(this.day)}`; }
  ctime(): string { return this.strftime('%a %b %e %H:%M:%S %Y'); }
  strftime(fmt: unknown): string { return strftime(String(fmt), this.fields()); }
  replace(...args: unknown[]): PyDate {
    const { kw } = splitArgs(args);
    const [y, m, d] = this.ymd;
    return new PyDate(checkedDays(num(kw['year'], y), num(kw['month'], m), num(kw['day'], d)));
  }
  protected fields(): StrftimeFields {
    const [year, month, day] = this.ymd;
    return {
      year, month, day, hour: 0, minute: 0, second: 0, microsecond: 0, weekday: this.weekday(),
      yday: this.days - daysFromCivil(year, 1, 1) + 1, iso: isoCalendar(this.days), utcoffset: '', tzname: '', epoch: this.days * 86400,
    };
  }
  __add__(o: unknown): unknown {
    return o instanceof TimeDelta ? new PyDate(this.days + Math.floor(o.micros / DAY_US)) : undefined;
  }
  __radd__(o: unknown): unknown { return this.__add__(o); }
  __sub__(o: unknown): unknown {
    if (o instanceof TimeDelta) return new PyDate(this.days - Math.floor(o.micros / DAY_US));
    if (o instanceof PyDate && !(o instanceof PyDateTime)) return new TimeDelta((this.days - o.days) * DAY_US);
    return undefined;
  }
  valueOf(): number { return this.days * DAY_US; }
  toString(): string { return this.isoformat(); }
  toJSON(): string { return this.isoformat(); }
  [PY_REPR](): string { return `datetime.date(${this.year}, ${this.month}, ${this.day})`; }
}

/** datetime.time. */
export class PyTime {
  constructor(readonly us: number, readonly tzinfo: TzInfo | null = null) {}
  get hour(): number { return Math.floor(this.us / 3_600_000_000); }
  get minute(): number { return Math.floor(this.us / 60_000_000) % 60; }
  get second(): number { return Math.floor(this.us / 1_000_000) % 60; }
  get microsecond(): number { return this.us % 1_000_000; }
  isoformat(): string {
    const frac = this.microsecond ? '.' + p2(this.microsecond, 6) : '';
    const off = this.tzinfo ? formatOffset(this.tzinfo.offsetAt(0)) : '';
    return `${p2(this.hour)}:${p2(this.minute)}:${p2(this.second)}${frac}${off}`;
  }
  strftime(fmt: unknown): string {
    const [year, month, day] = [1900, 1, 1];
    return strftime(String(fmt), {
      year, month, day, hour: this.hour, minute: this.minute, second: this.second, microsecond: this.microsecond, weekday: 0, yday: 1,
      iso: [1900, 1, 1], utcoffset: this.tzinfo ? formatOffset(this.tzinfo.offsetAt(0), '') : '', tzname: this.tzinfo?.nameAt(0) ?? '', epoch: 0,
    });
  }
  valueOf(): number { return this.us; }
  toString(): string { return this.isoformat(); }
  toJSON(): string { return this.isoformat(); }
  [PY_REPR](): string { return `datetime.time(${timeArgs(this.hour, this.minute, this.second, this.microsecond)}${tzArg(this.tzinfo)})`; }
}

function timeArgs(h: number, mi: number, s: number, us: number): string {
  return `${h}, ${mi}${us ? `, ${s}, ${us}` : s ? `, ${s}` : ''}`;
}

function tzArg(tz: TzInfo | null): string {
  return tz ? `, tzinfo=${tz[PY_REPR]()}` : '';
}

/** datetime.datetime: a wall clock (days + microseconds of the day) and an optional tzinfo. */
export class PyDateTime extends PyDate {
  constructor(days: number, readonly us: number, readonly tzinfo: TzInfo | null = null) {
    super(days);
  }

  /** From wall-clock microseconds since the epoch (may be negative or past a day boundary). */
  static fromWall(wallMicros: number, tz: TzInfo | null): PyDateTime {
    const days = Math.floor(wallMicros / DAY_US);
    return new PyDateTime(days, wallMicros - days * DAY_US, tz);
  }

  /** The UTC instant in microseconds, for an aware value (a naive one is read as UTC). */
  get instant(): number {
    return this.wall - this.offsetMinutes() * 60_000_000;
  }
  get wall(): number { return this.days * DAY_US + this.us; }
  get hour(): number { return Math.floor(this.us / 3_600_000_000); }
  get minute(): number { return Math.floor(this.us / 60_000_000) % 60; }
  get second(): number { return Math.floor(this.us / 1_000_000) % 60; }
  get microsecond(): number { return this.us % 1_000_000; }

  private offsetMinutes(): number {
    return this.tzinfo ? this.tzinfo.offsetForWall(this.wall) : 0;
  }

  date(): PyDate { return new PyDate(this.days); }
  time(): PyTime { return new PyTime(this.us); }
  timetz(): PyTime { return new PyTime(this.us, this.tzinfo); }
  utcoffset(): TimeDelta | null { return this.tzinfo ? new TimeDelta(this.offsetMinutes() * 60_000_000) : null; }
  tzname(): string | null { return this.tzinfo ? this.tzinfo.nameAt(this.instant) : null; }
  timestamp(): unknown { return mkFloat(this.instant / 1_000_000); }

  astimezone(tz?: unknown): PyDateTime {
    const target = (tz ?? null) as TzInfo | null;
    // A naive value is read as UTC (Python would use the machine's zone, which tx never reads).
    if (!target) return this.tzinfo ? this : new PyDateTime(this.days, this.us, UTC);
    const instant = this.instant;
    return PyDateTime.fromWall(instant + target.offsetAt(instant) * 60_000_000, target);
  }

  override replace(...args: unknown[]): PyDateTime {
    const { kw } = splitArgs(args);
    const tz = 'tzinfo' in kw ? ((kw['tzinfo'] as TzInfo | null) ?? null) : this.tzinfo;
    const days = checkedDays(num(kw['year'], this.year), num(kw['month'], this.month), num(kw['day'], this.day));
    return new PyDateTime(days, checkedTime(num(kw['hour'], this.hour), num(kw['minute'], this.minute), num(kw['second'], this.second), num(kw['microsecond'], this.microsecond)), tz);
  }

  override isoformat(sep: unknown = 'T'): string {
    const frac = this.microsecond ? '.' + p2(this.microsecond, 6) : '';
    const off = this.tzinfo ? formatOffset(this.offsetMinutes()) : '';
    return `${super.isoformat()}${String(sep)}${p2(this.hour)}:${p2(this.minute)}:${p2(this.second)}${frac}${off}`;
  }

  protected override fields(): StrftimeFields {
    return {
      ...super.fields(), hour: this.hour, minute: this.minute, second: this.second, microsecond: this.microsecond,
      utcoffset: this.tzinfo ? formatOffset(this.offsetMinutes(), '') : '', tzname: this.tzname() ?? '', epoch: Math.floor(this.instant / 1_000_000),
    };
  }

  override __add__(o: unknown): unknown {
    return o instanceof TimeDelta ? PyDateTime.fromWall(this.wall + o.micros, this.tzinfo) : undefined;
  }
  override __sub__(o: unknown): unknown {
    if (o instanceof TimeDelta) return PyDateTime.fromWall(this.wall - o.micros, this.tzinfo);
    if (o instanceof PyDateTime) return new TimeDelta(this.tzinfo && o.tzinfo ? this.instant - o.instant : this.wall - o.wall);
    return undefined;
  }
  override valueOf(): number { return this.tzinfo ? this.instant : this.wall; }
  override toString(): string { return this.isoformat(' '); }
  override toJSON(): string { return this.isoformat(); }
  override [PY_REPR](): string {
    return `datetime.datetime(${this.year}, ${this.month}, ${this.day}, ${timeArgs(this.hour, this.minute, this.second, this.microsecond)}${tzArg(this.tzinfo)})`;
  }
}

function isoCalendarTuple([year, week, weekday]: [number, number, number]): unknown {
  const t = Object.setPrototypeOf([year, week, weekday], IsoCalendarDate.prototype) as IsoCalendarDate;
  return Object.defineProperties(t, { year: { value: year }, week: { value: week }, weekday: { value: weekday } });
}

/** date.isocalendar(): a named tuple. */
class IsoCalendarDate extends PyTuple<number> {
  [PY_REPR](): string {
    return `datetime.IsoCalendarDate(year=${this[0]}, week=${this[1]}, weekday=${this[2]})`;
  }
}

function num(v: unknown, dflt: number): number {
  return typeof v === 'number' ? v : dflt;
}
