/**
 * tx's own generic tests (unique, not_null, accepted_values, relationships, unless the project
 * overrides them) produce SQL of a known shape, so only their syntax is parsed; their columns are
 * checked from their arguments: `column_name` against the tested node, relationships' `field`
 * against the node `to` names. The finding points at the test's YAML entry. This keeps thousands
 * of small tests nearly free to analyse.
 */
import type { Manifest, ManifestNode } from '../parse/manifest-types.js';
import type { Finding, Shape } from './shape.js';
import { TxCodes } from '../errors/tx-error.js';
import { didYouMeanHint } from '../util/did-you-mean.js';

const BUILTIN = new Set(['unique', 'not_null', 'accepted_values', 'relationships']);
const IDENT = /^(?:[A-Za-z_][A-Za-z0-9_$]*|"[^"]+"|`[^`]+`)$/;

/** A predicate: is this node a built-in generic test no project or package macro overrides? */
export function builtinTests(manifest: Manifest, adapter: string): (node: ManifestNode) => boolean {
  const overridden = new Set<string>();
  for (const m of Object.values(manifest.macros)) {
    if (m.package_name === 'dbt') continue;
    const base = m.name.replace(new RegExp(`^(default|${adapter})__`), '');
    if (base.startsWith('test_')) overridden.add(base.slice(5));
  }
  return (node) => {
    const meta = node.resource_type === 'test' ? node.test_metadata : undefined;
    return meta !== undefined && (meta.namespace === null || meta.namespace === 'dbt') && BUILTIN.has(meta.name) && !overridden.has(meta.name);
  };
}

const unquote = (s: string): string => (/^["`]/.test(s) ? s.slice(1, -1) : s);

function check(column: unknown, shape: Shape | null, nodeId: string, what: string): Finding[] {
  if (typeof column !== 'string' || !IDENT.test(column) || !shape || shape.open) return [];
  const name = unquote(column);
  if (shape.columns.some((c) => c.name.toLowerCase() === name.toLowerCase())) return [];
  return [{
    code: TxCodes.ColumnNotFound, severity: 'error', at: -1,
    message: `${what}'${name}' is not a column of ${nodeId.split('.')[0]} '${nodeId.split('.').pop()}'`,
    hint: didYouMeanHint(name, shape.columns.map((c) => c.name)) ?? `its columns: ${shape.columns.map((c) => c.name).slice(0, 12).join(', ')}`,
  }];
}

export function checkBuiltinTest(node: ManifestNode, shapeOf: (id: string) => Shape | null): Finding[] {
  if (node.resource_type !== 'test' || !node.test_metadata || !node.attached_node) return [];
  const kwargs = node.test_metadata.kwargs;
  const out = check(kwargs['column_name'] ?? node.column_name, shapeOf(node.attached_node), node.attached_node, '');
  if (node.test_metadata.name === 'relationships') {
    const others = node.depends_on.nodes.filter((d) => d !== node.attached_node);
    if (others.length === 1) out.push(...check(kwargs['field'], shapeOf(others[0]!), others[0]!, 'field '));
  }
  return out;
}
