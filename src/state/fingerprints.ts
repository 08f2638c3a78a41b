/**
 * target/tx_state.json: what tx's state comparison needs that manifest.json has no field for
 * (dbt's manifest schema forbids extra keys): for each node, the vars its parse render read and
 * a digest of each value. Written beside the manifest; read back from `--state DIR` when
 * present, so a changed var marks the nodes that read it modified.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Manifest } from '../parse/manifest-types.js';

export const FINGERPRINTS_FILE = 'tx_state.json';
export const FINGERPRINTS_SCHEMA = 'tx_state/v1';

export interface Fingerprints {
  metadata: { tx_schema: string };
  /** unique_id → var name → digest of the value the node read. */
  vars: Record<string, Record<string, string>>;
}

export function buildFingerprints(manifest: Manifest): Fingerprints {
  const vars: Record<string, Record<string, string>> = {};
  for (const id of Object.keys(manifest.nodes).sort()) {
    const read = manifest.nodes[id]!.vars_read;
    if (read && Object.keys(read).length > 0) vars[id] = read;
  }
  return { metadata: { tx_schema: FINGERPRINTS_SCHEMA }, vars };
}

/** The fingerprints in `dir`, or undefined when that run left none (a dbt target/, or an older tx). */
export function readFingerprints(dir: string): Fingerprints | undefined {
  const path = join(dir, FINGERPRINTS_FILE);
  if (!existsSync(path)) return undefined;
  try {
    const raw = JSON.parse(readFileSync(path, 'utf8')) as Partial<Fingerprints>;
    if (raw.metadata?.tx_schema !== FINGERPRINTS_SCHEMA || typeof raw.vars !== 'object' || raw.vars === null) return undefined;
    return raw as Fingerprints;
  } catch {
    return undefined;
  }
}
