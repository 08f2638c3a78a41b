/**
 * `--state DIR`: the artifacts of an earlier invocation, each read once and only when asked for:
 * manifest.json (contracts, state:, defer), run_results.json for `result:`, and
 * tx_state.json (vars each node read) when the earlier run was tx's.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadPreviousManifest, type PreviousManifest } from '../artifacts/state.js';
import { readJsonArtifact } from '../artifacts/read-json.js';
import { readFingerprints, type Fingerprints } from './fingerprints.js';
import { TxError, TxCodes } from '../errors/tx-error.js';

export interface PreviousResult {
  unique_id: string;
  status: string;
}

export class PreviousState {
  private results?: PreviousResult[];
  private fingerprintsRead = false;
  private fingerprintsValue: Fingerprints | undefined;

  private manifestValue: PreviousManifest | undefined;

  private constructor(
    private readonly cwd: string,
    /** As given (--state), for messages. */
    private readonly given: string,
    /** Absolute path of the state folder. */
    readonly dir: string,
  ) {}

  /** The state folder `dir` (relative to `cwd`); each artifact is read when first asked for. */
  static load(cwd: string, dir: string): PreviousState {
    return new PreviousState(cwd, dir, resolve(cwd, dir));
  }

  /** `<dir>/manifest.json`; a usage error when it is missing or not a manifest. */
  get manifest(): PreviousManifest {
    return (this.manifestValue ??= loadPreviousManifest(this.cwd, this.given));
  }

  /** The previous run's results (`result:` selection); a usage error when the folder has no run_results.json. */
  runResults(): PreviousResult[] {
    if (this.results) return this.results;
    const path = join(this.dir, 'run_results.json');
    if (!existsSync(path)) {
      throw new TxError({ code: TxCodes.Usage, message: `result: selection needs ${path}`, hint: 'keep target/run_results.json of the run you compare with in the --state folder' });
    }
    const raw = readJsonArtifact(path, '--state: ');
    const list = (raw as { results?: unknown }).results;
    this.results = Array.isArray(list)
      ? list.flatMap((r) => (r && typeof r === 'object' && typeof (r as PreviousResult).unique_id === 'string' ? [{ unique_id: (r as PreviousResult).unique_id, status: String((r as PreviousResult).status) }] : []))
      : [];
    return this.results;
  }

  /** tx_state.json of that run, if it left one. */
  fingerprints(): Fingerprints | undefined {
    if (!this.fingerprintsRead) {
      this.fingerprintsValue = readFingerprints(this.dir);
      this.fingerprintsRead = true;
    }
    return this.fingerprintsValue;
  }
}
