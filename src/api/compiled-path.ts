/**
 * Where a node's compiled (or run) SQL is written, from the target directory alone: shared by
 * compile.ts and the static-analysis worker, which has no Session.
 */
import { join, posix } from 'node:path';
import type { ManifestNode } from '../parse/manifest-types.js';

/**
 * target/<kind>/<package>/<file>. Several nodes from one file (generic tests in a YAML
 * file) go below it: models/schema.yml/unique_orders_id.sql, as dbt writes them.
 */
export function compiledFilePath(targetDir: string, node: Pick<ManifestNode, 'package_name' | 'original_file_path' | 'path'>, kind: 'compiled' | 'run'): string {
  const oneToOne = posix.basename(node.path) === posix.basename(node.original_file_path);
  return join(targetDir, kind, node.package_name, oneToOne ? node.original_file_path : posix.join(node.original_file_path, node.path));
}
