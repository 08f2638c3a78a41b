/**
 * The fast path of seed type inference: one streaming pass over the file's bytes, no row arrays
 * and (for plain ASCII fields) no strings. Each column keeps agate's testers (seed-infer.ts's
 * ColumnTester); a column every tester has rejected is text and is no longer examined, and a
 * field the byte checks cannot decide exactly (a quoted field, non-ASCII bytes, an ISO datetime)
 * is decoded and given to the same tester as the slow path would. Testers only ever narrow, so a
 * field seen twice changes nothing: a field cut by the end of a chunk is simply read again.
 */
import { closeSync, openSync, readSync } from 'node:fs';

export interface Tester {
  number: boolean;
  decimals: boolean;
  wide: boolean;
  date: boolean;
  datetime: boolean;
  iso: boolean;
  boolean: boolean;
  /** What the values need on the load (see SeedValueShape). */
  nullWords: boolean;
  padded: boolean;
  grouped: boolean;
  upper: boolean;
  /** The slow path: agate's rules on the decoded field. */
  see(raw: string): void;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;
const COMMA = 44;
const INT32_MAX = 2147483647;
const CHUNK = 8 << 20;

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
/** What String.prototype.trim removes among ASCII bytes. */
const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** The index after `min`..`max` digits at b[i], or -1. */
function digitsEnd(b: Uint8Array, i: number, e: number, min: number, max: number): number {
  let j = i;
  while (j < e && j - i < max && isDigit(b[j]!)) j++;
  return j - i >= min ? j : -1;
}

function valueOf(b: Uint8Array, i: number, end: number): number {
  let v = 0;
  for (let j = i; j < end; j++) v = v * 10 + (b[j]! - 48);
  return v;
}

const d2 = (b: Uint8Array, i: number): number => (isDigit(b[i]!) && isDigit(b[i + 1]!) ? (b[i]! - 48) * 10 + (b[i + 1]! - 48) : -1);

/** `Y-M-D` (4-digit year, 1–2 digit month and day), valid; returns the index after it, or -1. */
function datePart(b: Uint8Array, s: number, e: number): number {
  // The usual layout, YYYY-MM-DD, read at fixed offsets.
  if (e - s >= 10 && b[s + 4] === 45 && b[s + 7] === 45 && (e - s === 10 || !isDigit(b[s + 10]!))) {
    const hi = d2(b, s);
    const lo = d2(b, s + 2);
    const m = d2(b, s + 5);
    const d = d2(b, s + 8);
    if (hi >= 0 && lo >= 0 && m >= 0 && d >= 0) {
      const y = hi * 100 + lo;
      return y < 1 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m) ? -1 : s + 10;
    }
  }
  const ye = digitsEnd(b, s, e, 4, 4);
  if (ye < 0 || b[ye] !== 45) return -1;
  const me = digitsEnd(b, ye + 1, e, 1, 2);
  if (me < 0 || b[me] !== 45) return -1;
  const de = digitsEnd(b, me + 1, e, 1, 2);
  if (de < 0) return -1;
  const y = valueOf(b, s, ye);
  const m = valueOf(b, ye + 1, me);
  const d = valueOf(b, me + 1, de);
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return -1;
  return de;
}

function isDate(b: Uint8Array, s: number, e: number): boolean {
  return datePart(b, s, e) === e;
}

/** `Y-M-D H:M:S` with 1–2 digit time parts in range. */
function isDateTime(b: Uint8Array, s: number, e: number): boolean {
  const i = datePart(b, s, e);
  if (i < 0 || b[i] !== 32) return false;
  // The usual layout, HH:MM:SS, read at fixed offsets.
  if (e - i === 9 && b[i + 3] === 58 && b[i + 6] === 58) {
    const h = d2(b, i + 1);
    const mi = d2(b, i + 4);
    const sec = d2(b, i + 7);
    if (h >= 0 && mi >= 0 && sec >= 0) return h <= 23 && mi <= 59 && sec <= 59;
  }
  const he = digitsEnd(b, i + 1, e, 1, 2);
  if (he < 0 || b[he] !== 58 || valueOf(b, i + 1, he) > 23) return false;
  const me = digitsEnd(b, he + 1, e, 1, 2);
  if (me < 0 || b[me] !== 58 || valueOf(b, he + 1, me) > 59) return false;
  const se = digitsEnd(b, me + 1, e, 1, 2);
  return se === e && valueOf(b, me + 1, se) <= 59;
}

/** agate's Number on the field with group separators (commas) dropped; updates the tester. */
function seeNumber(t: Tester, b: Uint8Array, s: number, e: number): void {
  let i = s;
  const next = (): number => {
    while (i < e && b[i] === COMMA) {
      t.grouped = true;
      i++;
    }
    return i < e ? b[i]! : -1;
  };
  let c = next();
  if (c === 43 || c === 45) { i++; c = next(); }
  let intDigits = 0;
  let value = 0;
  while (isDigit(c)) { intDigits++; value = value * 10 + (c - 48); i++; c = next(); }
  let dot = false;
  let fracDigits = 0;
  if (c === 46) {
    dot = true;
    i++;
    c = next();
    while (isDigit(c)) { fracDigits++; i++; c = next(); }
  }
  if (intDigits === 0 && fracDigits === 0) { t.number = false; return; }
  let exp = false;
  if (c === 101 || c === 69) {
    exp = true;
    i++;
    c = next();
    if (c === 43 || c === 45) { i++; c = next(); }
    let expDigits = 0;
    while (isDigit(c)) { expDigits++; i++; c = next(); }
    if (expDigits === 0) { t.number = false; return; }
  }
  if (c !== -1) { t.number = false; return; }
  // `12.` is an integer to agate; `1.5`, `.5` and `1e3` are not.
  if (exp || (dot && !(intDigits > 0 && fracDigits === 0))) t.decimals = true;
  else if (value > INT32_MAX) t.wide = true;
}

const TRUE = [116, 114, 117, 101];
const FALSE = [102, 97, 108, 115, 101];

/** 'true' or 'false' in any case, group separators (commas) dropped. */
function seeBoolean(t: Tester, b: Uint8Array, s: number, e: number): void {
  let k = 0;
  let word: number[] | null = null;
  for (let i = s; i < e; i++) {
    const c = b[i]!;
    if (c === COMMA) {
      t.grouped = true;
      continue;
    }
    if (c >= 65 && c <= 90) t.upper = true;
    const lower = c | 0x20;
    if (word === null) word = lower === 116 ? TRUE : lower === 102 ? FALSE : null;
    if (word === null || k >= word.length || word[k] !== lower) {
      t.boolean = false;
      return;
    }
    k++;
  }
  if (word === null || k !== word.length) t.boolean = false;
}

function isNullBytes(b: Uint8Array, s: number, e: number): boolean {
  return s === e || (e - s === 4 && (b[s]! | 0x20) === 110 && (b[s + 1]! | 0x20) === 117 && (b[s + 2]! | 0x20) === 108 && (b[s + 3]! | 0x20) === 108);
}

const settled = (t: Tester): boolean => !t.number && !t.date && !t.datetime && !t.iso && !t.boolean;

/** Whether a field starting with byte `c` could be blank or a 'null' spelling (which must then be checked). */
const maybeNullish = (c: number): boolean => isSpace(c) || c >= 0x80 || (c | 0x20) === 110 || c === QUOTE;

function nullishText(raw: string): boolean {
  if (raw === '') return false;
  const v = raw.trim().toLowerCase();
  return v === '' || v === 'null';
}

/** One unquoted field, b[s, e): decided from the bytes when they are plain ASCII (`ascii`). */
function seeField(t: Tester, b: Uint8Array, s: number, e: number, ascii: boolean): void {
  if (settled(t)) {
    // A text column: only blanks and 'null' spellings still matter (the load's null test).
    if (!t.nullWords && s < e && maybeNullish(b[s]!) && nullishText(Buffer.from(b.buffer, b.byteOffset + s, e - s).toString('utf8'))) t.nullWords = true;
    return;
  }
  if (!ascii) {
    t.see(Buffer.from(b.buffer, b.byteOffset + s, e - s).toString('utf8'));
    return;
  }
  if (s === e) return;
  const raw = e - s;
  if (isSpace(b[s]!)) while (s < e && isSpace(b[s]!)) s++;
  if (e > s && isSpace(b[e - 1]!)) while (e > s && isSpace(b[e - 1]!)) e--;
  if (isNullBytes(b, s, e)) {
    t.nullWords = true;
    return;
  }
  if (e - s !== raw) t.padded = true;
  if (t.number) seeNumber(t, b, s, e);
  if (t.date && !isDate(b, s, e)) t.date = false;
  if (t.datetime && !isDateTime(b, s, e)) t.datetime = false;
  // The ISO form needs `YYYY-MM-DDT…`: anything else is decided here, the rest by the regex.
  if (t.iso) {
    if (e - s > 10 && b[s + 10] === 84 && b[s + 4] === 45 && b[s + 7] === 45) t.see(Buffer.from(b.buffer, b.byteOffset + s, e - s).toString('latin1'));
    else t.iso = false;
  }
  if (t.boolean) seeBoolean(t, b, s, e);
}

/**
 * A quoted field starting at b[s] (a quote): its decoded text, as csv.ts reads it (doubled quotes
 * are one, text after the closing quote is kept), and the index after it; null when the field
 * does not end before `n` and more input may follow.
 */
function quotedField(b: Uint8Array, s: number, n: number, d: number, final: boolean): [string, number] | null {
  const end = skipQuoted(b, s, n, d, final);
  if (end < 0) return null;
  // A quote byte never occurs inside a UTF-8 sequence, so the quotes can be undone on the decoded text.
  const t = Buffer.from(b.buffer, b.byteOffset + s + 1, end - s - 1).toString('utf8');
  let out = '';
  let i = 0;
  for (;;) {
    const q = t.indexOf('"', i);
    if (q < 0) return [out + t.slice(i), end];
    out += t.slice(i, q);
    if (t.charCodeAt(q + 1) !== QUOTE) return [out + t.slice(q + 1), end];
    out += '"';
    i = q + 2;
  }
}

/**
 * The end of an unquoted field: the next delimiter, LF or CR, or n; bitwise-negated (negative)
 * when the field holds a byte outside ASCII.
 */
function fieldEnd(b: Uint8Array, i: number, n: number, d: number): number {
  let high = 0;
  for (; i < n; i++) {
    const c = b[i]!;
    if (c === d || c === LF || c === CR) break;
    high |= c;
  }
  return high >= 0x80 ? ~i : i;
}

/** Where a quoted field starting at b[s] ends (as quotedField), without decoding it; -1 if cut. */
function skipQuoted(b: Uint8Array, s: number, n: number, d: number, final: boolean): number {
  let i = s + 1;
  for (;;) {
    let q = i;
    while (q < n && b[q] !== QUOTE) q++;
    if (q === n) {
      if (!final) return -1;
      i = n;
      break;
    }
    if (q + 1 === n && !final) return -1;
    if (b[q + 1] === QUOTE) i = q + 2;
    else {
      i = q + 1;
      break;
    }
  }
  let j = i;
  while (j < n && b[j] !== d && b[j] !== LF && b[j] !== CR) j++;
  return j === n && !final ? -1 : j;
}

/** The header record's fields and the byte offset after it (a BOM and blank lines before it skipped). */
export function readSeedHeader(path: string, delimiter: number): { names: string[]; end: number } {
  const fd = openSync(path, 'r');
  try {
    let size = 1 << 16;
    for (;;) {
      const buf = Buffer.allocUnsafe(size);
      const got = readSync(fd, buf, 0, size, 0);
      const eof = got < size;
      const b = buf.subarray(0, got);
      let i = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
      const names: string[] = [];
      let complete = false;
      while (i < got) {
        if (b[i] === QUOTE) {
          const q = quotedField(b, i, got, delimiter, eof);
          if (!q) break;
          names.push(q[0]);
          i = q[1];
        } else {
          let end = i;
          while (end < got && b[end] !== delimiter && b[end] !== LF && b[end] !== CR) end++;
          if (end === got && !eof) break;
          names.push(b.toString('utf8', i, end));
          i = end;
        }
        if (i < got && b[i] === delimiter) {
          i++;
          if (i === got && eof) names.push('');
          continue;
        }
        if (i < got && b[i] === CR) i++;
        if (i < got && b[i] === LF) i++;
        // A blank line is no record (csv.ts): keep looking for the header.
        if (names.length === 1 && names[0] === '') {
          names.length = 0;
          continue;
        }
        complete = true;
        break;
      }
      if (complete || eof) return { names, end: i };
      size *= 4;
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Feeds every field after the header of `path` to `testers[column]` (fields of a column without
 * a tester, or past the last column, are skipped; missing ones are null, which no tester looks at). `headerEnd` is the byte
 * offset where the first data record starts.
 */
export function scanSeedTypes(path: string, headerEnd: number, delimiter: number, testers: readonly (Tester | undefined)[], chunkBytes = CHUNK): void {
  const fd = openSync(path, 'r');
  try {
    let buf = Buffer.allocUnsafe(chunkBytes);
    let filled = 0;
    let fileOffset = headerEnd;
    let col = 0;
    let eof = false;
    for (;;) {
      if (!eof) {
        if (filled === buf.length) {
          const bigger = Buffer.allocUnsafe(buf.length * 2);
          buf.copy(bigger, 0, 0, filled);
          buf = bigger;
        }
        const got = readSync(fd, buf, filled, buf.length - filled, fileOffset);
        fileOffset += got;
        filled += got;
        if (got === 0) eof = true;
      }
      const n = filled;
      let i = 0;
      let consumed = 0;
      while (i < n) {
        const t = testers[col];
        let end: number;
        if (buf[i] === QUOTE) {
          if (!t || (settled(t) && (t.nullWords || !maybeNullish(buf[i + 1] ?? 0)))) {
            end = skipQuoted(buf, i, n, delimiter, eof);
            if (end < 0) break;
          } else {
            const q = quotedField(buf, i, n, delimiter, eof);
            if (!q) break;
            t.see(q[0]);
            end = q[1];
          }
        } else {
          end = fieldEnd(buf, i, n, delimiter);
          const ascii = end >= 0;
          if (!ascii) end = ~end;
          if (end === n && !eof) break;
          if (t) seeField(t, buf, i, end, ascii);
        }
        i = end;
        if (i < n && buf[i] === delimiter) {
          i++;
          col++;
        } else {
          if (i < n && buf[i] === CR) {
            if (i + 1 === n && !eof) break;
            i++;
          }
          if (i < n && buf[i] === LF) i++;
          col = 0;
        }
        consumed = i;
      }
      // At the end of the input every field is complete (a cut field was accepted as it is).
      if (eof) return;
      // Keep the unfinished field for the next read.
      buf.copy(buf, 0, consumed, n);
      filled = n - consumed;
    }
  } finally {
    closeSync(fd);
  }
}
