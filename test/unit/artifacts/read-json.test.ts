import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJsonArtifact } from '../../../src/artifacts/read-json.js';
import { TxError } from '../../../src/errors/tx-error.js';

describe('readJsonArtifact', () => {
  it('parses a file, and reports one that is not JSON as a usage error at the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tx-read-json-'));
    writeFileSync(join(dir, 'ok.json'), '{"results": []}');
    writeFileSync(join(dir, 'bad.json'), '{"results": [');
    expect(readJsonArtifact(join(dir, 'ok.json'))).toEqual({ results: [] });
    let err: unknown;
    try {
      readJsonArtifact(join(dir, 'bad.json'), '--state: ');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TxError);
    expect((err as TxError).message).toContain(`--state: ${join(dir, 'bad.json')} is not valid JSON`);
    expect((err as TxError).loc?.file).toBe(join(dir, 'bad.json'));
  });
});
