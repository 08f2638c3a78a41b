/**
 * The `adapter` object templates see at compile time. Introspection (get_relation,
 * get_columns_in_relation) answers "nothing known" here: compile is pure and reads no
 * warehouse (introspecting models arrive with the recorded-answers renderer).
 */
import type { TxJinja } from '../jinja/tx-jinja.js';
import type { Dialect } from '../adapter/types.js';
import { splitArgs } from './call-args.js';

export function createAdapterObject(jinja: TxJinja, dialect: Dialect, adapterType: string): Record<string, unknown> {
  return {
    dispatch: (...raw: unknown[]) => {
      const { args, kwargs } = splitArgs(raw);
      const ns = (args[1] ?? kwargs['macro_namespace'] ?? undefined) as string | undefined;
      return jinja.dispatch(String(args[0]), ns ?? undefined);
    },
    quote: (id: unknown) => dialect.quoteIdent(String(id)),
    quote_as_configured: (id: unknown) => dialect.quoteIdent(String(id)),
    type: () => adapterType,
    get_relation: () => null,
    load_relation: () => null,
    get_columns_in_relation: () => [],
    list_relations_without_caching: () => [],
    get_missing_columns: () => [],
    expand_target_column_types: () => '',
    already_exists: () => false,
    check_schema_exists: () => false,
  };
}
