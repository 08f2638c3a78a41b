/**
 * Python tzinfo objects: datetime.timezone.utc, fixed offsets (datetime.timezone(timedelta)),
 * pytz.utc, and named IANA zones (pytz.timezone('Europe/Paris')) whose offsets come from
 * Intl, so daylight saving time follows the same tz database Python reads.
 */
import { TxCodes, TxError } from '../errors/tx-error.js';
import { PY_REPR } from './py-types.js';

const MINUTE_US = 60_000_000;

/** `+02:00` / `-05:30` for an offset in minutes (sep '' gives `+0200`). */
export function formatOffset(minutes: number, sep = ':'): string {
  const sign = minutes < 0 ? '-' : '+';
  const m = Math.abs(minutes);
  return `${sign}${String(Math.floor(m / 60)).padStart(2, '0')}${sep}${String(m % 60).padStart(2, '0')}`;
}

export abstract class TzInfo {
  /** The zone's offset from UTC, in minutes, at a UTC instant (microseconds since the epoch). */
  abstract offsetAt(utcMicros: number): number;
  /** tzname() at a UTC instant. */
  abstract nameAt(utcMicros: number): string;
  abstract toString(): string;
  abstract [PY_REPR](): string;

  /** The offset that applies to a wall-clock time in this zone (the earlier one when ambiguous). */
  offsetForWall(wallMicros: number): number {
    const first = this.offsetAt(wallMicros);
    const second = this.offsetAt(wallMicros - first * MINUTE_US);
    return second;
  }
  /** pytz: attach this zone to a naive datetime (its wall clock unchanged). */
  localize(dt: unknown): unknown {
    return (dt as { replace(...a: unknown[]): unknown }).replace({ tzinfo: this, __keywords: true });
  }
  /** pytz: a datetime already converted is already normal. */
  normalize(dt: unknown): unknown {
    return (dt as { astimezone(tz: unknown): unknown }).astimezone(this);
  }
}

/** A constant offset: datetime.timezone.utc, datetime.timezone(timedelta(hours=2)), pytz.utc. */
export class FixedTz extends TzInfo {
  constructor(
    readonly minutes: number,
    private readonly style: 'datetime' | 'pytz' = 'datetime',
    private readonly label?: string,
  ) {
    super();
  }
  get zone(): string | undefined {
    return this.style === 'pytz' ? 'UTC' : undefined;
  }
  offsetAt(): number {
    return this.minutes;
  }
  nameAt(): string {
    return this.label ?? (this.minutes === 0 ? 'UTC' : `UTC${formatOffset(this.minutes)}`);
  }
  toString(): string {
    return this.nameAt();
  }
  [PY_REPR](): string {
    if (this.style === 'pytz') return '<UTC>';
    return this.minutes === 0 ? 'datetime.timezone.utc' : `datetime.timezone(datetime.timedelta(seconds=${this.minutes * 60}))`;
  }
}

export const UTC = new FixedTz(0);
export const PYTZ_UTC = new FixedTz(0, 'pytz');

/** datetime.timezone(timedelta(minutes=m)): timezone.utc itself for a zero offset, as in Python. */
export function fixedOffset(minutes: number): FixedTz {
  return minutes === 0 ? UTC : new FixedTz(minutes);
}

/** A UTC offset as written after a time (`Z`, `+05`, `+0530`, `-05:30`); UTC when unreadable. */
export function offsetTz(text: string): FixedTz {
  if (/^z$/i.test(text)) return UTC;
  const m = /^([+-])(\d\d?)(?::?(\d\d))?$/.exec(text);
  return fixedOffset(m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) : 0);
}

const PART_KEYS = ['year', 'month', 'day', 'hour', 'minute', 'second'] as const;

/** An IANA zone; offsets from Intl.DateTimeFormat (one formatter per zone object). */
export class NamedTz extends TzInfo {
  private readonly fmt: Intl.DateTimeFormat;
  private readonly names: Intl.DateTimeFormat;

  constructor(readonly zone: string) {
    super();
    try {
      this.fmt = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
      this.names = new Intl.DateTimeFormat('en-GB', { timeZone: zone, timeZoneName: 'short' });
    } catch {
      throw new TxError({ code: TxCodes.TemplateRender, message: `UnknownTimeZoneError: '${zone}'` });
    }
  }

  offsetAt(utcMicros: number): number {
    const ms = Math.floor(utcMicros / 1000);
    const at = Math.floor(ms / 1000) * 1000;
    const parts: Record<string, number> = {};
    for (const p of this.fmt.formatToParts(new Date(at))) if ((PART_KEYS as readonly string[]).includes(p.type)) parts[p.type] = Number(p.value);
    const wall = Date.UTC(parts['year'] ?? 1970, (parts['month'] ?? 1) - 1, parts['day'] ?? 1, parts['hour'] ?? 0, parts['minute'] ?? 0, parts['second'] ?? 0);
    return Math.round((wall - at) / 60_000);
  }

  nameAt(utcMicros: number): string {
    const part = this.names.formatToParts(new Date(Math.floor(utcMicros / 1000))).find((p) => p.type === 'timeZoneName');
    const name = part?.value ?? this.zone;
    // Intl spells zones without an abbreviation as GMT+1; Python's tz database says +01.
    const m = /^(?:GMT|UTC)([+-])(\d{1,2})(?::(\d{2}))?$/.exec(name);
    if (m) return `${m[1]}${(m[2] ?? '').padStart(2, '0')}${m[3] && m[3] !== '00' ? m[3] : ''}`;
    return name === 'GMT' && this.zone !== 'GMT' && this.zone !== 'Europe/London' ? 'UTC' : name;
  }

  toString(): string {
    return this.zone;
  }

  [PY_REPR](): string {
    return `<DstTzInfo '${this.zone}'>`;
  }
}

/** pytz.timezone(name): UTC is pytz.utc itself, anything else a named zone. */
export function pytzTimezone(name: string): TzInfo {
  return name === 'UTC' || name === 'utc' ? PYTZ_UTC : new NamedTz(name);
}
