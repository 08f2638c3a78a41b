/**
 * A small RFC 4180 CSV reader (quotes, doubled quotes, CRLF): whole texts for seed type
 * inference, and chunk by chunk (CsvChunkReader) for the batched-insert seed loader.
 */

interface Parsed {
  /** Characters fully consumed (the start of the first incomplete record when not final). */
  used: number;
  count: number;
}

/**
 * Parses records from `src`. When `final` is false, stops before a record that might continue
 * in the next chunk (an open quote, a field or CR at the very end) and reports where it began.
 */
function parse(src: string, d: number, final: boolean, onRow: (fields: string[]) => void): Parsed {
  const n = src.length;
  let i = 0;
  let count = 0;
  let row: string[] = [];
  let recStart = 0;
  const pending = (): Parsed => ({ used: recStart, count });
  while (i < n) {
    let field: string;
    if (src.charCodeAt(i) === 34 /* " */) {
      let out = '';
      i++;
      for (;;) {
        const q = src.indexOf('"', i);
        if (q < 0) {
          if (!final) return pending();
          out += src.slice(i);
          i = n;
          break;
        }
        out += src.slice(i, q);
        // A quote as the last character may be the first half of a doubled quote.
        if (q + 1 === n && !final) return pending();
        if (src.charCodeAt(q + 1) === 34) {
          out += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      // Text between a closing quote and the delimiter is kept, as lenient readers do.
      let j = i;
      while (j < n && src.charCodeAt(j) !== d && src[j] !== '\n' && src[j] !== '\r') j++;
      if (j === n && !final) return pending();
      field = out + src.slice(i, j);
      i = j;
    } else {
      let j = i;
      while (j < n && src.charCodeAt(j) !== d && src[j] !== '\n' && src[j] !== '\r') j++;
      if (j === n && !final) return pending();
      field = src.slice(i, j);
      i = j;
    }
    row.push(field);
    if (i < n && src.charCodeAt(i) === d) {
      i++;
      if (i === n) {
        if (!final) return pending();
        row.push('');
      }
      continue;
    }
    if (src[i] === '\r') {
      i++;
      // CR as the last character: an LF may follow in the next chunk.
      if (i === n && !final) return pending();
    }
    if (src[i] === '\n') i++;
    // Blank lines are skipped (a record of one empty field).
    if (!(row.length === 1 && row[0] === '')) {
      onRow(row);
      count++;
    }
    row = [];
    recStart = i;
  }
  return { used: n, count };
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Calls onRow for each record; the first record is the header. Returns the record count. */
export function readCsv(text: string, delimiter: string, onRow: (fields: string[]) => void): number {
  return parse(stripBom(text), delimiter.charCodeAt(0), true, onRow).count;
}

/** Feed text chunks in order; each call returns the records completed so far. */
export class CsvChunkReader {
  private rest = '';
  private started = false;
  private readonly d: number;

  constructor(delimiter: string) {
    this.d = delimiter.charCodeAt(0);
  }

  push(chunk: string): string[][] {
    let text = this.rest + chunk;
    if (!this.started && text.length > 0) {
      this.started = true;
      text = stripBom(text);
    }
    const rows: string[][] = [];
    const { used } = parse(text, this.d, false, (r) => rows.push(r));
    this.rest = text.slice(used);
    return rows;
  }

  /** The records left once the input has ended. */
  end(): string[][] {
    const rows: string[][] = [];
    parse(this.rest, this.d, true, (r) => rows.push(r));
    this.rest = '';
    return rows;
  }
}
