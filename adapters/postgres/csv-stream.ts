/**
 * Prepares a seed file for COPY: drops a UTF-8 byte order mark and blank lines outside quoted
 * fields. tx's CSV reader (which infers the column types) skips blank lines; COPY would read
 * one as a row of missing fields. Works on bytes: `"`, CR and LF never occur inside a UTF-8
 * multi-byte sequence, so chunk boundaries cannot split anything that matters.
 */
import { Transform, type TransformCallback } from 'node:stream';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export class CsvCopyInput extends Transform {
  private inQuotes = false;
  private lineStart = true;
  private first = true;
  private head: Buffer = Buffer.alloc(0);
  /** The last byte kept was the CR of a line end: an LF right after it completes CRLF. */
  private keptCR = false;

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    let buf = chunk;
    if (this.first) {
      // The 3-byte BOM may itself arrive split: hold the first bytes until there are three.
      buf = this.head.length > 0 ? Buffer.concat([this.head, buf]) : buf;
      if (buf.length < 3 && BOM.subarray(0, buf.length).equals(buf)) {
        this.head = buf;
        done();
        return;
      }
      this.first = false;
      this.head = Buffer.alloc(0);
      if (buf.subarray(0, 3).equals(BOM)) buf = buf.subarray(3);
    }
    this.scan(buf);
    done();
  }

  override _flush(done: TransformCallback): void {
    // A file shorter than a BOM.
    if (this.first && this.head.length > 0) this.scan(this.head);
    done();
  }

  private scan(buf: Buffer): void {
    const keep: Buffer[] = [];
    let from = 0;
    for (let i = 0; i < buf.length; i++) {
      const b = buf[i];
      if (this.lineStart && !this.inQuotes && (b === LF || b === CR)) {
        if (b === LF && this.keptCR) {
          this.keptCR = false;
          continue;
        }
        // A line ending at the start of a line: part of a blank line, drop it.
        if (i > from) keep.push(buf.subarray(from, i));
        from = i + 1;
        continue;
      }
      if (b === QUOTE) this.inQuotes = !this.inQuotes;
      this.lineStart = !this.inQuotes && (b === LF || b === CR);
      this.keptCR = this.lineStart && b === CR;
    }
    if (from === 0) this.push(buf);
    else {
      if (from < buf.length) keep.push(buf.subarray(from));
      if (keep.length > 0) this.push(Buffer.concat(keep));
    }
  }
}
