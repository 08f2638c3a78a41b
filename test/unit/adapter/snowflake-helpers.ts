/** Unit-test helpers for the Snowflake adapter: templates/default + templates/snowflake through the real Jinja engine. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { snowflakeDialect } from '../../../adapters/snowflake/dialect.js';
import { Relation } from '../../../src/adapter/relation.js';
import type { RelationRef } from '../../../src/adapter/types.js';
import { createAdapterObject } from '../../../src/context/adapter-object.js';
import { resolveScope } from '../../../src/context/node-scope.js';
import { TxJinja } from '../../../src/jinja/tx-jinja.js';
import { templatesDir } from '../../../src/util/package-root.js';

export type MacroCall = (name: string, args: unknown[], kwargs?: Record<string, unknown>) => string;

export const sfRel = (ref: RelationRef, type: 'table' | 'view' | null = 'table'): Relation => Relation.create(snowflakeDialect, ref, type);

/** Renders macros as a snowflake session does, for a node with `config` and relation `self`. */
/** `extra` shadows scope members (e.g. a snapshot's adapter.get_hard_deletes_behavior). */
export function sfTemplates(config: Record<string, unknown> = {}, self?: Relation, model: Record<string, unknown> = {}, extra: (adapter: Record<string, unknown>) => Record<string, unknown> = () => ({})): MacroCall {
  const jinja = new TxJinja({ rootPackage: 'proj', adapterType: 'snowflake' });
  for (const folder of ['default', 'snowflake']) {
    const dir = join(templatesDir(), folder);
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.sql')).sort()) {
      jinja.addMacroFile('dbt', join(dir, f), readFileSync(join(dir, f), 'utf8'));
    }
  }
  const base = {
    adapter: createAdapterObject(jinja, snowflakeDialect, 'snowflake'),
    target: { schema: 'public', database: 'analytics', type: 'snowflake', warehouse: 'transforming' },
    exceptions: {
      raise_compiler_error: (m: unknown) => { throw new Error(String(m)); },
      raise_not_implemented: (m: unknown) => { throw new Error(String(m)); },
    },
  };
  const scope = Object.assign(
    resolveScope({ this: self ?? null, model, var: () => null }, { config, ref: () => { throw new Error('no ref'); }, source: () => { throw new Error('no source'); } }),
    base,
  );
  Object.assign(scope, extra(base.adapter));
  return (name, args, kwargs = {}) => {
    const fn = jinja.resolveMacro(name, 'dbt');
    if (!fn) throw new Error(`no macro ${name}`);
    const out = jinja.callMacro(fn, args, kwargs, scope);
    return typeof out === 'string' ? out.trim() : (out as never);
  };
}
