/**
 * Hooks as dbt reads them from a `pre-hook` / `post-hook` config or `on-run-start` /
 * `on-run-end` (dbt's get_hook_dict): a dict is taken as it is; a string holding a JSON
 * object with `sql` (what `before_begin()` / `after_commit()` render) is parsed; any other
 * string is SQL that runs inside the node's transaction.
 */

export interface HookConfig {
  /** The SQL template, rendered when the hook runs. */
  sql: string;
  /** Inside the node's transaction (dbt's default), or outside it: before BEGIN / after COMMIT. */
  transaction: boolean;
  /** Position in the merged list, 0-based. */
  index: number;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function fromDict(d: Record<string, unknown>, index: number): HookConfig {
  const sql = d['sql'];
  return { sql: sql === undefined || sql === null ? '' : String(sql), transaction: d['transaction'] !== false, index };
}

export function hookConfig(entry: unknown, index: number): HookConfig {
  if (isRecord(entry)) return fromDict(entry, index);
  const text = entry === undefined || entry === null ? '' : String(entry);
  const trimmed = text.trim();
  if (trimmed.startsWith('{') && trimmed.endsWith('}')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (isRecord(parsed) && 'sql' in parsed) return fromDict(parsed, index);
    } catch {
      // Not JSON: SQL that happens to start with a brace.
    }
  }
  return { sql: text, transaction: true, index };
}

/** A config value (string, dict or list of them) as dbt's list of hooks. */
export function hookConfigs(value: unknown): HookConfig[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return list.map((h, i) => hookConfig(h, i));
}
