/**
 * dbt's `same_*` comparisons, on manifest entries as written to manifest.json (the current
 * node is serialised the same way), so a tx manifest and a dbt manifest compare alike. Pure.
 *
 * Configs are compared as written (`unrendered_config`), not as resolved: a config computed from
 * an environment variable or the target (`+schema: "{{ env_var('S') }}"`, generate_schema_name)
 * is the same in CI and in production, so it does not mark a node modified.
 */
type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const rec = (v: unknown): Rec => (isRec(v) ? v : {});

/** Python `==` on JSON values: deep, key order ignored. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (isRec(a) && isRec(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && jsonEqual(a[k], b[k]));
  }
  // Python compares 1 == 1.0 equal; JSON numbers already are.
  return false;
}

/** Config keys dbt leaves out of config comparison (they belong to the relation, or are metadata). */
const NOT_COMPARED = new Set(['alias', 'schema', 'database', 'tags', 'group']);
/** The only keys dbt compares for tests (TestConfig.same_contents). */
const TEST_MODIFIERS = ['severity', 'where', 'limit', 'fail_calc', 'warn_if', 'error_if', 'store_failures', 'store_failures_as', 'sql_header'];

function sameKey(a: Rec, b: Rec, key: string): boolean {
  const inA = Object.prototype.hasOwnProperty.call(a, key);
  const inB = Object.prototype.hasOwnProperty.call(b, key);
  if (!inA && !inB) return true;
  return inA && inB && jsonEqual(a[key], b[key]);
}

/** dbt's NodeConfig.same_contents / TestConfig.same_contents on the unrendered configs. */
export function sameConfig(cur: Rec, old: Rec): boolean {
  const a = rec(cur['unrendered_config']);
  const b = rec(old['unrendered_config']);
  if (cur['resource_type'] === 'test') return TEST_MODIFIERS.every((k) => sameKey(a, b, k));
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if (!NOT_COMPARED.has(k) && !sameKey(a, b, k)) return false;
  return true;
}

/** The file's contents (a seed's checksum; a SQL node's raw code). */
export function sameBody(cur: Rec, old: Rec): boolean {
  if (cur['resource_type'] === 'seed') return jsonEqual(cur['checksum'], old['checksum']);
  return cur['raw_code'] === old['raw_code'];
}

/** database / schema / alias as configured (not as generate_*_name resolved them for a target). */
export function sameDatabaseRepresentation(cur: Rec, old: Rec): boolean {
  if (cur['resource_type'] === 'source') return ['database', 'schema', 'identifier'].every((k) => (cur[k] ?? null) === (old[k] ?? null));
  const a = rec(cur['unrendered_config']);
  const b = rec(old['unrendered_config']);
  return ['database', 'schema', 'alias'].every((k) => jsonEqual(a[k] ?? null, b[k] ?? null));
}

/** Descriptions only matter when persist_docs writes them into the warehouse. */
export function samePersistedDescription(cur: Rec, old: Rec): boolean {
  const persist = rec(rec(cur['config'])['persist_docs']);
  if (persist['relation'] === true && cur['description'] !== old['description']) return false;
  if (persist['columns'] === true) {
    const descs = (cols: unknown) => Object.fromEntries(Object.entries(rec(cols)).map(([k, c]) => [k, rec(c)['description'] ?? '']));
    if (!jsonEqual(descs(cur['columns']), descs(old['columns']))) return false;
  }
  return true;
}

/** dbt's same_contract: unchanged when neither enforces a contract, or both do with one checksum. */
export function sameContract(cur: Rec, old: Rec): boolean {
  const a = rec(cur['contract']);
  const b = rec(old['contract']);
  if (a['enforced'] !== true && b['enforced'] !== true) return true;
  return a['enforced'] === true && b['enforced'] === true && a['checksum'] === b['checksum'];
}

/** A model's latest_version, access and deprecation_date (they change what refs resolve to). */
function sameRefRepresentation(cur: Rec, old: Rec): boolean {
  return ['latest_version', 'access', 'deprecation_date'].every((k) => jsonEqual(cur[k] ?? null, old[k] ?? null));
}

function sameSource(cur: Rec, old: Rec): boolean {
  return (
    sameDatabaseRepresentation(cur, old) &&
    jsonEqual(cur['fqn'], old['fqn']) &&
    sameConfig(cur, old) &&
    jsonEqual(cur['quoting'] ?? {}, old['quoting'] ?? {}) &&
    jsonEqual(cur['freshness'] ?? null, old['freshness'] ?? null) &&
    (cur['loaded_at_field'] ?? null) === (old['loaded_at_field'] ?? null) &&
    jsonEqual(cur['external'] ?? null, old['external'] ?? null)
  );
}

function sameExposure(cur: Rec, old: Rec): boolean {
  const deps = (r: Rec) => [...((rec(r['depends_on'])['nodes'] as string[] | undefined) ?? [])].sort();
  return (
    ['fqn', 'type', 'owner', 'maturity', 'url', 'description', 'label'].every((k) => jsonEqual(cur[k] ?? null, old[k] ?? null)) &&
    jsonEqual(deps(cur), deps(old)) &&
    sameConfig(cur, old)
  );
}

/** dbt's same_contents (without macros: see state-checks.ts). `old` undefined: a new node, never the same. */
export function sameContents(cur: Rec, old: Rec | undefined): boolean {
  if (old === undefined) return false;
  switch (cur['resource_type']) {
    case 'source':
      return sameSource(cur, old);
    case 'exposure':
      return sameExposure(cur, old);
    case 'unit_test':
      return jsonEqual(cur['checksum'], old['checksum']) && jsonEqual(cur['fqn'], old['fqn']);
  }
  return (
    sameBody(cur, old) &&
    sameConfig(cur, old) &&
    samePersistedDescription(cur, old) &&
    jsonEqual(cur['fqn'], old['fqn']) &&
    sameDatabaseRepresentation(cur, old) &&
    sameContract(cur, old) &&
    (cur['resource_type'] !== 'model' || sameRefRepresentation(cur, old))
  );
}
