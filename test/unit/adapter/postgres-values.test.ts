import { describe, expect, it } from 'vitest';
import { OID, parseDate, parseInt8, parseNumeric, parseTimestamp, typeParsers } from '../../../adapters/postgres/values.js';

describe('postgres result values', () => {
  it('reads bigint, numeric, date and timestamp as the DuckDB adapter returns them', () => {
    expect(parseInt8('42')).toBe(42);
    expect(parseInt8('-9007199254740993')).toBe(-9007199254740993n);
    expect(parseNumeric('12.50')).toBe(12.5);
    expect(parseNumeric('NaN')).toBeNaN();
    expect(parseDate('2024-02-29')).toEqual(new Date(Date.UTC(2024, 1, 29)));
    expect(parseDate('0044-03-15')).toEqual(new Date('0044-03-15T00:00:00Z'));
    expect(parseDate('infinity')).toBe('infinity');
    expect(parseDate('2000-01-01 BC')).toBe('2000-01-01 BC');
    expect(parseTimestamp('2024-01-02 03:04:05')).toEqual(new Date(Date.UTC(2024, 0, 2, 3, 4, 5)));
    expect(parseTimestamp('2024-01-02 03:04:05.1')).toEqual(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 100)));
    expect(parseTimestamp('2024-01-02 03:04:05.123456')).toEqual(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 123)));
    expect(parseTimestamp('-infinity')).toBe('-infinity');
  });

  it('overrides only those OIDs, in text format', () => {
    const fallback = (oid: number) => `default:${oid}`;
    const { getTypeParser } = typeParsers(fallback);
    expect(getTypeParser(OID.int8)).toBe(parseInt8);
    expect(getTypeParser(OID.date, 'text')).toBe(parseDate);
    expect(getTypeParser(OID.date, 'binary')).toBe(`default:${OID.date}`);
    expect(getTypeParser(25)).toBe('default:25');
  });
});
