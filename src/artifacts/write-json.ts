import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';

/**
 * Serialises an artifact. Key order is the builder's insertion order (the builders emit
 * dbt's field order and sort every id-keyed map), so the bytes are stable run to run.
 * With `sortKeys`, object keys are sorted recursively instead (for ad-hoc objects).
 */
export function stringifyArtifact(obj: unknown, opts: { sortKeys?: boolean; indent?: number } = {}): string {
  const replacer = opts.sortKeys
    ? (_key: string, value: unknown): unknown => {
        if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
        const out: Record<string, unknown> = {};
        for (const k of Object.keys(value).sort()) out[k] = (value as Record<string, unknown>)[k];
        return out;
      }
    : undefined;
  // dbt writes artifacts compact (one line); indent is for humans debugging.
  return JSON.stringify(obj, replacer, opts.indent);
}

/**
 * Writes JSON via a temp file in the same directory and a rename, so a crash or Ctrl-C
 * never leaves a half-written artifact for the next `--state` comparison to choke on.
 */
export function writeJsonArtifact(path: string, obj: unknown, opts: { sortKeys?: boolean; indent?: number } = {}): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, stringifyArtifact(obj, opts));
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
