import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CsvCopyInput } from '../../../adapters/postgres/csv-stream.js';

async function through(chunks: string[]): Promise<string> {
  const out: Buffer[] = [];
  const t = Readable.from(chunks.map((c) => Buffer.from(c, 'utf8'))).pipe(new CsvCopyInput());
  for await (const b of t) out.push(b as Buffer);
  return Buffer.concat(out).toString('utf8');
}

describe('COPY input preparation', () => {
  it('drops the BOM and blank lines outside quotes, keeps CRLF and quoted line breaks', async () => {
    expect(await through(['\ufeffa,b\n\n1,2\n\n\n'])).toBe('a,b\n1,2\n');
    expect(await through(['\r\na,b\r\n\r\n1,2\r\n'])).toBe('a,b\r\n1,2\r\n');
    expect(await through(['a\n"x\n\ny",""\n\nz\n'])).toBe('a\n"x\n\ny",""\nz\n');
  });

  it('is independent of chunk boundaries (quotes, CRLF and multi-byte characters split across chunks)', async () => {
    const text = '\ufeffh1,h2\r\n"q, ""uo\r\n\r\nted""",ü€\r\n\r\n😀,"x"\n\n\nlast,1';
    const want = await through([text]);
    expect(want).toBe('h1,h2\r\n"q, ""uo\r\n\r\nted""",ü€\r\n😀,"x"\nlast,1');
    const bytes = Buffer.from(text, 'utf8');
    for (let cut = 1; cut < bytes.length; cut++) {
      const out: Buffer[] = [];
      const t = Readable.from([bytes.subarray(0, cut), bytes.subarray(cut)]).pipe(new CsvCopyInput());
      for await (const b of t) out.push(b as Buffer);
      expect(Buffer.concat(out).toString('utf8'), `cut at ${cut}`).toBe(want);
    }
  });
});
