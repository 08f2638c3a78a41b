/**
 * tx's own generic tests (unique, not_null, accepted_values, relationships, unless the project
 * overrides them) produce SQL of a known shape, so only their syntax is parsed; their columns are
 * checked from their arguments: `column_name` against the tested node, relationships' `field`
 * against the node `to` names. The finding points at the test's YAML entry. This keeps thousands
 * of small tests nearly free to analyse: when every argument that reaches the SQL is a plain
 * identifier (and no `where` config or overridden get_where_subquery adds SQL), tx's templates
 * generated all of it, so it is not even parsed (sqlFromIdentifiers).
 */
import type { Manifest, ManifestNode } from '../parse/manifest-types.js';
import type { Finding, Shape } from './shape.js';
import { TxCodes } from '../errors/tx-error.js';
import { didYouMeanHint } from '../util/did-you-mean.js';

const BUILTIN = new Set(['unique', 'not_null', 'accepted_values', 'relationships']);
const IDENT = /^(?:[A-Za-z_][A-Za-z0-9_$]*|"[^"]+"|`[^`]+`)$/;

/** A predicate: is this node a built-in generic test no project or package macro overrides? */
export function builtinTests(manifest: Manifest, adapter: string): (node: ManifestNode) => boolean {
  const overridden = overriddenMacros(manifest, adapter);
  return (node) => {
    const meta = node.resource_type === 'test' ? node.test_metadata : undefined;
    return meta !== undefined && (meta.namespace === null || meta.namespace === 'dbt') && BUILTIN.has(meta.name) && !overridden.has(`test_${meta.name}`);
  };
}

/** dbt macro names (without `default__`/`<adapter>__`) a project or package defines. */
function overriddenMacros(manifest: Manifest, adapter: string): Set<string> {
  const out = new Set<string>();
  const prefix = new RegExp(`^(default|${adapter})__`);
  for (const m of Object.values(manifest.macros)) if (m.package_name !== 'dbt') out.add(m.name.replace(prefix, ''));
  return out;
}

/** A value accepted_values quotes into the SQL without any quote or escape inside it. */
const plainValue = (v: unknown): boolean => typeof v === 'number' || typeof v === 'boolean' || (typeof v === 'string' && !/['\\]/.test(v));
const plainIdent = (v: unknown): boolean => v === undefined || (typeof v === 'string' && IDENT.test(v));

/**
 * A predicate over built-in tests (builtinTests): is all of the test's SQL tx's own template text
 * around plain identifiers and relations? Then it cannot fail to parse and is not parsed: a
 * `where` config, an expression for a column, accepted_values' unquoted or quote-bearing values,
 * or a project's own get_where_subquery each put user SQL in it.
 */
export function sqlFromIdentifiers(manifest: Manifest, adapter: string): (node: ManifestNode) => boolean {
  const overridden = overriddenMacros(manifest, adapter);
  if (overridden.has('get_where_subquery')) return () => false;
  return (node) => {
    if (node.resource_type !== 'test' || !node.test_metadata) return false;
    const meta = node.test_metadata;
    const where = node.config['where'];
    if (where !== undefined && where !== null && where !== '') return false;
    const k = meta.kwargs;
    if (!plainIdent(k['column_name'] ?? node.column_name ?? undefined)) return false;
    if (meta.name === 'relationships') return plainIdent(k['field']);
    if (meta.name === 'accepted_values') return k['quote'] !== false && Array.isArray(k['values']) && k['values'].every(plainValue);
    return true;
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
