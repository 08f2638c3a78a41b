import { describe, expect, it } from 'vitest';
import { renderDescriptions } from '../../../src/parse/docs.js';
import { TxJinja } from '../../../src/jinja/tx-jinja.js';
import { Diagnostics } from '../../../src/errors/diagnostics.js';
import type { Manifest, ManifestNode, MacroNode } from '../../../src/parse/manifest-types.js';

describe('renderDescriptions', () => {
  it("reports a package's doc() error at the package's properties file, not the root project's", () => {
    const node = {
      unique_id: 'model.pkg.m', package_name: 'pkg', description: "{{ doc('missing') }}", columns: {},
      patch_path: 'pkg://models/schema.yml', abs_path: '/proj/dbt_packages/pkg/models/m.sql',
    } as unknown as ManifestNode;
    const macro = { unique_id: 'macro.pkg.mac', package_name: 'pkg', description: "{{ doc('gone') }}", patch_path: 'pkg://macros/macros.yml' } as unknown as MacroNode;
    const manifest = { nodes: { [node.unique_id]: node }, sources: {}, macros: { [macro.unique_id]: macro }, docs: {} } as unknown as Manifest;
    const diagnostics = new Diagnostics();
    const rootDirs: Record<string, string> = { proj: '/proj', pkg: '/proj/dbt_packages/pkg' };
    renderDescriptions(manifest, new TxJinja({ rootPackage: 'proj', adapterType: 'duckdb' }), { rootDirOf: (p) => rootDirs[p]!, varFor: () => () => null }, diagnostics);
    expect(diagnostics.all.map((d) => d.loc?.file)).toEqual(['/proj/dbt_packages/pkg/models/schema.yml', '/proj/dbt_packages/pkg/macros/macros.yml']);
  });
});
