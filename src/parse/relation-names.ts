/**
 * database / schema / alias of a node, through dbt's generate_*_name macros so a
 * project's override wins. The built-in versions depend only on their arguments and
 * the target, so their results are memoised per argument: 10,000 models with three
 * custom schemas render the macro three times, not 10,000.
 */
import type { TxJinja, MacroFn } from '../jinja/tx-jinja.js';
import type { NodeConfig } from './manifest-types.js';

export interface RelationNames {
  database: string | null;
  schema: string;
  alias: string;
}

export interface RelationNamer {
  names(node: Record<string, unknown>, config: NodeConfig, scope: Record<string, unknown>): RelationNames;
}

export function createRelationNamer(jinja: TxJinja, rootPackage: string, defaultDatabase: string | null): RelationNamer {
  const resolve = (name: string) => {
    const fn = jinja.resolveMacro(name, rootPackage);
    if (!fn) throw new Error(`internal macro ${name} is missing from templates/`);
    const def = jinja.macros().find((m) => m.name === name && m.packageName === rootPackage);
    return { fn, builtin: def === undefined };
  };
  const schemaMacro = resolve('generate_schema_name');
  const aliasMacro = resolve('generate_alias_name');
  const dbMacro = resolve('generate_database_name');
  const memo = new Map<string, string>();

  const call = (m: { fn: MacroFn; builtin: boolean }, key: string, args: unknown[], scope: Record<string, unknown>): string => {
    const memoKey = m.builtin ? key : undefined;
    if (memoKey !== undefined) {
      const hit = memo.get(memoKey);
      if (hit !== undefined) return hit;
    }
    const out = String(jinja.callMacro(m.fn, args, {}, scope) ?? '').trim();
    if (memoKey !== undefined) memo.set(memoKey, out);
    return out;
  };

  return {
    names(node, config, scope) {
      const customSchema = (config.schema ?? null) as string | null;
      const customDb = (config.database ?? null) as string | null;
      const customAlias = (config.alias ?? null) as string | null;
      const schema = call(schemaMacro, `s:${customSchema}`, [customSchema, node], scope);
      const database = call(dbMacro, `d:${customDb}`, [customDb, node], scope);
      // The built-in alias depends on the node's name and version too.
      const alias = call(aliasMacro, `a:${customAlias}:${String(node['name'])}:${String(node['version'] ?? '')}`, [customAlias, node], scope);
      return { schema, alias, database: database === '' || database === 'None' ? defaultDatabase : database };
    },
  };
}
