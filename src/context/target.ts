/** The `target` object templates see: the resolved output of profiles.yml, secrets removed. */
export interface TargetInfo {
  name: string;
  profile_name: string;
  type: string;
  schema: string;
  database: string | null;
  threads: number;
  [key: string]: unknown;
}

/** Builds `target` from resolved credentials, dropping every key the adapter marks secret. */
export function targetInfo(
  profileName: string,
  targetName: string,
  creds: Record<string, unknown>,
  secretKeys: readonly string[],
): TargetInfo {
  const safe: Record<string, unknown> = {};
  const secret = new Set(secretKeys);
  for (const [k, v] of Object.entries(creds)) if (!secret.has(k)) safe[k] = v;
  return {
    ...safe,
    name: targetName,
    target_name: targetName,
    profile_name: profileName,
    type: String(creds['type']),
    schema: String(creds['schema']),
    database: (creds['database'] as string | null | undefined) ?? null,
    threads: Number(creds['threads'] ?? 1),
  };
}
