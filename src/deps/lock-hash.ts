/**
 * package-lock.yml's sha1_hash exactly as dbt computes it (task/deps.py _create_sha1_hash), so a
 * lock written by dbt is reused by tx and the other way round: each root package entry becomes
 * its dataclass's to_dict() — the rendered fields with their defaults, plus `unrendered` (the
 * entry as written) — dumped as Python's json.dumps(sort_keys=True); the dumps are sorted,
 * joined by newlines and hashed.
 */
import { createHash } from 'node:crypto';
import { jsonDumps } from '../jinja/py-json.js';

type Dict = Record<string, unknown>;
const isDict = (v: unknown): v is Dict => v !== null && typeof v === 'object' && !Array.isArray(v);

/** One entry's to_dict(); `render` renders strings holding Jinja (env_var). */
function packageDict(raw: Dict, render: (v: unknown) => unknown): Dict {
  const r = (k: string, dflt: unknown = null): unknown => (k in raw ? render(raw[k]) : dflt);
  if ('local' in raw) return { local: r('local'), unrendered: raw };
  if ('tarball' in raw) return { tarball: r('tarball'), name: r('name'), unrendered: raw };
  if ('git' in raw) return { git: r('git'), revision: r('revision'), 'warn-unpinned': r('warn-unpinned', r('warn_unpinned')), subdirectory: r('subdirectory'), unrendered: raw };
  if ('private' in raw) return { private: r('private'), provider: r('provider'), revision: r('revision'), 'warn-unpinned': r('warn-unpinned', r('warn_unpinned')), subdirectory: r('subdirectory'), unrendered: raw };
  return { package: r('package'), version: r('version'), install_prerelease: r('install_prerelease', r('install-prerelease', false)), unrendered: raw };
}

export function lockHash(entries: readonly unknown[], render: (v: unknown) => unknown): string {
  const dumps = entries.filter(isDict).map((e) => jsonDumps(packageDict(e, render), true)).sort();
  return createHash('sha1').update(dumps.join('\n'), 'utf8').digest('hex');
}
