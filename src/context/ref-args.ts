import type { RefCall } from '../parse/manifest-types.js';
import { splitArgs } from './call-args.js';
import { TxError, TxCodes } from '../errors/tx-error.js';

/** ref('name'), ref('package', 'name'), ref('name', v=2) / version=2 → RefCall. */
export function parseRefArgs(raw: unknown[]): RefCall {
  const { args, kwargs } = splitArgs(raw);
  const version = (kwargs['version'] ?? kwargs['v'] ?? null) as string | number | null;
  if (args.length === 1) return { name: String(args[0]), package: null, version };
  if (args.length === 2) return { name: String(args[1]), package: String(args[0]), version };
  throw new TxError({
    code: TxCodes.TemplateRender,
    message: `ref() takes 1 or 2 arguments (got ${args.length})`,
    hint: "use ref('model') or ref('package', 'model')",
  });
}

/** source('source_name', 'table_name') → the pair. */
export function parseSourceArgs(raw: unknown[]): [string, string] {
  const { args } = splitArgs(raw);
  if (args.length !== 2) {
    throw new TxError({
      code: TxCodes.TemplateRender,
      message: `source() takes exactly 2 arguments (got ${args.length})`,
      hint: "use source('source_name', 'table_name')",
    });
  }
  return [String(args[0]), String(args[1])];
}
