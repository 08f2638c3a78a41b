/**
 * strftime as CPython on glibc formats: every C89/C99 directive Python documents (%a %A %b %B
 * %c %d %f %H %I %j %m %M %p %S %U %w %W %x %X %y %Y %z %Z %G %u %V %e %C %D %F %T %R %h %n %t
 * %s %k %l %P) and glibc's `-` flag (`%-d`: no padding).
 */

export interface StrftimeFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  microsecond: number;
  /** Monday 0 … Sunday 6. */
  weekday: number;
  /** 1-based day of the year. */
  yday: number;
  iso: [number, number, number];
  /** `+0100`, or '' for naive values. */
  utcoffset: string;
  tzname: string;
  /** Seconds since the epoch (%s). */
  epoch: number;
}

export const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const pad = (n: number, w: number, c = '0') => String(n).padStart(w, c);

function directive(f: StrftimeFields, c: string): string | undefined {
  const sunday0 = (f.weekday + 1) % 7;
  switch (c) {
    case 'a': return (DAY_NAMES[f.weekday] ?? '').slice(0, 3);
    case 'A': return DAY_NAMES[f.weekday] ?? '';
    case 'b': case 'h': return (MONTH_NAMES[f.month - 1] ?? '').slice(0, 3);
    case 'B': return MONTH_NAMES[f.month - 1] ?? '';
    case 'c': return `${directive(f, 'a')} ${directive(f, 'b')} ${pad(f.day, 2, ' ')} ${directive(f, 'X')} ${f.year}`;
    case 'C': return pad(Math.floor(f.year / 100), 2);
    case 'd': return pad(f.day, 2);
    case 'D': return `${pad(f.month, 2)}/${pad(f.day, 2)}/${pad(f.year % 100, 2)}`;
    case 'e': return pad(f.day, 2, ' ');
    case 'f': return pad(f.microsecond, 6);
    case 'F': return `${pad(f.year, 4)}-${pad(f.month, 2)}-${pad(f.day, 2)}`;
    case 'G': return pad(f.iso[0], 4);
    case 'H': return pad(f.hour, 2);
    case 'I': return pad(f.hour % 12 || 12, 2);
    case 'j': return pad(f.yday, 3);
    case 'k': return pad(f.hour, 2, ' ');
    case 'l': return pad(f.hour % 12 || 12, 2, ' ');
    case 'm': return pad(f.month, 2);
    case 'M': return pad(f.minute, 2);
    case 'n': return '\n';
    case 'p': return f.hour < 12 ? 'AM' : 'PM';
    case 'P': return f.hour < 12 ? 'am' : 'pm';
    case 'R': return `${pad(f.hour, 2)}:${pad(f.minute, 2)}`;
    case 's': return String(f.epoch);
    case 'S': return pad(f.second, 2);
    case 't': return '\t';
    case 'T': case 'X': return `${pad(f.hour, 2)}:${pad(f.minute, 2)}:${pad(f.second, 2)}`;
    case 'u': return String(f.weekday + 1);
    case 'U': return pad(Math.floor((f.yday - 1 + 7 - sunday0) / 7), 2);
    case 'V': return pad(f.iso[1], 2);
    case 'w': return String(sunday0);
    case 'W': return pad(Math.floor((f.yday - 1 + 7 - f.weekday) / 7), 2);
    case 'x': return `${pad(f.month, 2)}/${pad(f.day, 2)}/${pad(f.year % 100, 2)}`;
    case 'y': return pad(f.year % 100, 2);
    case 'Y': return String(f.year);
    case 'z': return f.utcoffset;
    case 'Z': return f.tzname;
    case '%': return '%';
    default: return undefined;
  }
}

export function strftime(fmt: string, f: StrftimeFields): string {
  return fmt.replace(/%(-?)([a-zA-Z%])/g, (m, flag: string, c: string) => {
    const v = directive(f, c);
    if (v === undefined) return m;
    return flag === '-' ? v.replace(/^[0 ]+(?=.)/, '') : v;
  });
}
