import { describe, expect, it } from 'vitest';
import { buildTree } from '../../../src/docs/browser/tree.js';
import { store } from './site-fixture.js';

interface F { label: string; folders: Map<string, F>; leaves: number[]; href?: string }

describe('project tree', () => {
  const s = store();
  const root = buildTree(s, 'project') as unknown as F;
  const names = (f: F): string[] => f.leaves.map((i) => s.nodes[i]!.n).sort();

  it('lists exposures under Exposures, by type, as dbt docs does', () => {
    expect([...root.folders.keys()]).toContain('Exposures');
    expect(names(root.folders.get('Exposures')!.folders.get('Dashboard')!)).toEqual(['dash']);
  });

  it('leaves out docs: {show: false} nodes', () => {
    expect(names(root.folders.get('p')!.folders.get('models')!.folders.get('staging')!)).toEqual(['a']);
  });

  it("links each source's folder to its source_list page", () => {
    expect(root.folders.get('p')!.folders.get('sources')!.folders.get('raw')!.href).toBe('#!/source_list/raw');
  });
});
