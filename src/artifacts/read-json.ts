import { readFileSync } from 'node:fs';
import { TxError, TxCodes } from '../errors/tx-error.js';

/** An artifact file's parsed JSON; a usage error at the file when it cannot be read as JSON. */
export function readJsonArtifact(path: string, messagePrefix = ''): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new TxError({ code: TxCodes.Usage, message: `${messagePrefix}${path} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`, loc: { file: path, line: 0, col: 0 } });
  }
}
