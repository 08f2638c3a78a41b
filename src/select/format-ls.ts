import { TxCodes, TxError } from '../errors/tx-error.js';
import type { GraphMember } from '../graph/types.js';
import type { Manifest } from '../parse/manifest-types.js';
import { pyJsonDumps } from './py-json.js';

export type LsOutput = 'name' | 'path' | 'json' | 'selector';

/** The keys `dbt ls --output json` prints when --output-keys is not given. */
export const LS_DEFAULT_JSON_KEYS: readonly string[] = [
  'alias', 'name', 'package_name', 'depends_on', 'tags', 'config', 'resource_type', 'source_name', 'original_file_path', 'unique_id',
];

/**
 * dbt prints keys in its dataclass field order (node.to_dict()), whatever order the keys were
 * asked in. These mirror manifest v12 for nodes and sources; keys not listed follow in object order.
 */
const NODE_KEY_ORDER = [
  'database', 'schema', 'name', 'resource_type', 'package_name', 'path', 'original_file_path', 'unique_id', 'fqn',
  'alias', 'checksum', 'config', 'tags', 'description', 'columns', 'meta', 'group', 'docs', 'patch_path', 'build_path',
  'unrendered_config', 'created_at', 'config_call_dict', 'relation_name', 'raw_code', 'language', 'refs', 'sources',
  'metrics', 'root_path', 'depends_on', 'compiled_path', 'compiled', 'compiled_code', 'extra_ctes_injected', 'extra_ctes',
  'contract', 'access', 'constraints', 'version', 'latest_version', 'deprecation_date', 'column_name', 'file_key_name',
  'attached_node', 'test_metadata',
];
const SOURCE_KEY_ORDER = [
  'database', 'schema', 'name', 'resource_type', 'package_name', 'path', 'original_file_path', 'unique_id', 'fqn',
  'source_name', 'source_description', 'loader', 'identifier', 'quoting', 'loaded_at_field', 'freshness', 'external',
  'description', 'columns', 'meta', 'source_meta', 'tags', 'config', 'patch_path', 'unrendered_config', 'relation_name',
  'created_at',
];
/** tx-only bookkeeping that dbt's node has no field for. */
const INTERNAL_KEYS = new Set(['abs_path', 'ref_locs', 'source_locs', 'loc']);

/** dbt's `search_name`: what `--output name` prints. */
function searchName(node: GraphMember): string {
  if (node.resource_type === 'source') return `${node.source_name}.${node.name}`;
  if (node.resource_type === 'model' && node.version != null) return `${node.name}.v${node.version}`;
  return node.name;
}

/** What `--output selector` prints: a string that selects exactly this node again. */
function selectorOf(node: GraphMember): string {
  if (node.resource_type === 'source') return `source:${node.package_name}.${node.source_name}.${node.name}`;
  if (node.resource_type === 'exposure') return `exposure:${node.package_name}.${node.name}`;
  if (node.resource_type === 'unit_test') return `unit_test:${node.package_name}.${node.model}.${node.name}`;
  return node.fqn.join('.');
}

function jsonOf(node: GraphMember, keys: ReadonlySet<string>): string {
  const record = node as unknown as Record<string, unknown>;
  const order = node.resource_type === 'source' ? SOURCE_KEY_ORDER : NODE_KEY_ORDER;
  const all = [...order.filter((k) => k in record), ...Object.keys(record).filter((k) => !order.includes(k))];
  const out: Record<string, unknown> = {};
  for (const k of all) {
    if (!keys.has(k) || INTERNAL_KEYS.has(k)) continue;
    let v = record[k];
    // dbt's seeds depend on macros only (MacroDependsOn has no `nodes`).
    if (k === 'depends_on' && node.resource_type === 'seed') v = { macros: node.depends_on.macros };
    out[k] = v;
  }
  return pyJsonDumps(out);
}

/**
 * Lines of `dbt ls` output for the given ids, in dbt's order (sorted unique_id).
 * Ids missing from the manifest are an internal error: selection only returns manifest ids.
 */
export function formatLs(ids: Iterable<string>, manifest: Manifest, output: LsOutput, outputKeys?: readonly string[]): string[] {
  const keys = new Set(outputKeys !== undefined && outputKeys.length > 0 ? outputKeys : LS_DEFAULT_JSON_KEYS);
  return [...ids].sort().map((id) => {
    const node: GraphMember | undefined = manifest.nodes[id] ?? manifest.sources[id] ?? manifest.unit_tests[id] ?? manifest.exposures[id];
    if (node === undefined) {
      throw new TxError({ code: TxCodes.Internal, message: `ls: selected id ${id} is not in the manifest` });
    }
    switch (output) {
      case 'name':
        return searchName(node);
      case 'path':
        return node.original_file_path;
      case 'selector':
        return selectorOf(node);
      case 'json':
        return jsonOf(node, keys);
    }
  });
}
