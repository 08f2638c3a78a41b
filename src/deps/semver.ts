/**
 * Version ranges of hub packages with dbt's semantics: a version spec is one string or a list
 * of strings, each `1.2.3` (exact) or an operator and a version (`>=1.0.0`, `<2.0.0`); all must
 * hold. Pre-releases are only chosen when asked for (`install-prerelease: true`).
 */
export interface SemVer {
  major: number;
  minor: number;
  patch: number;
  prerelease: string | null;
  raw: string;
}

const VERSION = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-?([0-9A-Za-z.-]+))?$/;

export function parseVersion(raw: string): SemVer | null {
  const m = VERSION.exec(raw.trim());
  if (!m) return null;
  return { major: Number(m[1]), minor: Number(m[2] ?? 0), patch: Number(m[3] ?? 0), prerelease: m[4] ?? null, raw: raw.trim() };
}

export function compareVersions(a: SemVer, b: SemVer): number {
  if (a.major !== b.major) return a.major - b.major;
  if (a.minor !== b.minor) return a.minor - b.minor;
  if (a.patch !== b.patch) return a.patch - b.patch;
  if (a.prerelease === b.prerelease) return 0;
  if (a.prerelease === null) return 1; // a release sorts after its pre-releases
  if (b.prerelease === null) return -1;
  return a.prerelease < b.prerelease ? -1 : 1;
}

export interface Constraint {
  op: '=' | '>=' | '<=' | '>' | '<';
  version: SemVer;
}

export function parseConstraints(spec: string | string[]): Constraint[] {
  const parts = (Array.isArray(spec) ? spec : [spec]).flatMap((s) => String(s).split(',')).map((s) => s.trim()).filter(Boolean);
  return parts.map((p) => {
    const m = /^(>=|<=|>|<|==|=)?\s*(.+)$/.exec(p)!;
    const version = parseVersion(m[2]!);
    if (!version) throw new Error(`'${p}' is not a version range (use e.g. ">=1.0.0" or "1.2.3")`);
    const op = (m[1] === '==' || m[1] === undefined ? '=' : m[1]) as Constraint['op'];
    return { op, version };
  });
}

export function satisfies(v: SemVer, constraints: readonly Constraint[]): boolean {
  return constraints.every(({ op, version }) => {
    const c = compareVersions(v, version);
    return op === '=' ? c === 0 : op === '>=' ? c >= 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c < 0;
  });
}

/**
 * The highest available version meeting every constraint, or null. Pre-releases are candidates
 * when asked for, or when a constraint names one (`>=1.1.0-a1`), as dbt's semver decides.
 */
export function pickVersion(available: readonly string[], constraints: readonly Constraint[], allowPrerelease: boolean): string | null {
  const prereleases = allowPrerelease || constraints.some((c) => c.version.prerelease !== null);
  const candidates = available
    .map(parseVersion)
    .filter((v): v is SemVer => v !== null && (prereleases || v.prerelease === null))
    .filter((v) => satisfies(v, constraints))
    .sort(compareVersions);
  return candidates.at(-1)?.raw ?? null;
}

/** A hub version's `require_dbt_version` (a string or a list of ranges) admits this dbt version. */
export function dbtVersionAllowed(require: unknown, dbtVersion: string): boolean {
  if (require === undefined || require === null || (Array.isArray(require) && require.length === 0) || require === '') return true;
  const v = parseVersion(dbtVersion);
  if (!v) return true;
  try {
    return satisfies(v, parseConstraints(Array.isArray(require) ? require.map(String) : String(require)));
  } catch {
    return true;
  }
}
