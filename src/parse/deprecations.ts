/**
 * dbt's check_for_model_deprecations, after parsing: a model past its deprecation_date is a
 * warning (DeprecatedModel), and so is every model that refs one (DeprecatedReference) or one
 * whose date is still ahead (UpcomingReferenceDeprecation). `now` comes from the invocation.
 */
import type { Manifest, ModelNode } from './manifest-types.js';
import { TxError, TxCodes } from '../errors/tx-error.js';

export function isPastDeprecation(node: Pick<ModelNode, 'deprecation_date'>, now: Date): boolean {
  return node.deprecation_date !== null && Date.parse(node.deprecation_date) < now.getTime();
}

export function deprecationWarnings(manifest: Manifest, now: Date): TxError[] {
  const out: TxError[] = [];
  const models = Object.values(manifest.nodes).filter((n): n is ModelNode => n.resource_type === 'model');
  const children = new Map<string, ModelNode[]>();
  for (const m of models) for (const parent of m.depends_on.nodes) children.set(parent, [...(children.get(parent) ?? []), m]);
  for (const node of models) {
    if (node.deprecation_date === null) continue;
    const past = isPastDeprecation(node, now);
    const version = node.version === null ? '' : `.v${String(node.version)}`;
    const loc = { file: node.abs_path, line: 0, col: 0 };
    if (past) {
      out.push(new TxError({
        code: TxCodes.ModelDeprecated, severity: 'warn', loc,
        message: `Model ${node.name}${version} has passed its deprecation date of ${node.deprecation_date}. This model should be disabled or removed.`,
      }));
    }
    for (const child of children.get(node.unique_id) ?? []) {
      const newer = node.version !== null && String(node.version) !== String(node.latest_version);
      const ref = `{{ ref('${node.name}', v='${String(node.latest_version)}') }}`;
      const message = past
        ? `While compiling '${child.name}': Found a reference to ${node.package_name}.${node.name}${version}, which was deprecated on '${node.deprecation_date}'. ${newer ? `A new version of '${node.name}' is available. Migrate now: ${ref}.` : ''}`
        : `While compiling '${child.name}': Found a reference to ${node.package_name}.${node.name}${version}, which is slated for deprecation on '${node.deprecation_date}'. ${newer ? `A new version of '${node.name}' is available. Try it out: ${ref}.` : ''}`;
      out.push(new TxError({ code: TxCodes.ModelDeprecated, severity: 'warn', loc: { file: child.abs_path, line: 0, col: 0 }, message: message.trimEnd() }));
    }
  }
  return out;
}
