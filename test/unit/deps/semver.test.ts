import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dbtVersionAllowed, parseConstraints, pickVersion } from '../../../src/deps/semver.js';
import { lockHash } from '../../../src/deps/lock-hash.js';
import { readPackagesFile } from '../../../src/deps/package-specs.js';

describe('hub version ranges (dbt semantics)', () => {
  const available = ['0.9.0', '1.0.0', '1.1.0', '1.1.1', '1.2.0-rc1', '2.0.0'];
  it('picks the highest version meeting every constraint', () => {
    expect(pickVersion(available, parseConstraints(['>=1.0.0', '<2.0.0']), false)).toBe('1.1.1');
    expect(pickVersion(available, parseConstraints('>=1.0.0,<1.1.0'), false)).toBe('1.0.0');
    expect(pickVersion(available, parseConstraints('1.1.0'), false)).toBe('1.1.0');
    expect(pickVersion(available, parseConstraints('>2.0.0'), false)).toBeNull();
  });
  it('skips pre-releases unless asked for or pinned', () => {
    expect(pickVersion(available, parseConstraints(['>1.1.1', '<2.0.0']), false)).toBeNull();
    expect(pickVersion(available, parseConstraints(['>1.1.1', '<2.0.0']), true)).toBe('1.2.0-rc1');
    expect(pickVersion(available, parseConstraints('1.2.0-rc1'), false)).toBe('1.2.0-rc1');
  });
  it('rejects what is not a version', () => {
    expect(() => parseConstraints('>=banana')).toThrow(/not a version range/);
  });
});

describe('dbt deps details', () => {
  it('a range naming a pre-release admits pre-releases', () => {
    expect(pickVersion(['1.0.0', '1.1.0-a1', '1.1.0-b2'], parseConstraints('>=1.1.0-a1'), false)).toBe('1.1.0-b2');
  });
  it("honours a hub version's require_dbt_version", () => {
    expect(dbtVersionAllowed(['>=1.3.0', '<2.0.0'], '1.10.0')).toBe(true);
    expect(dbtVersionAllowed('>=1.11.0', '1.10.0')).toBe(false);
    expect(dbtVersionAllowed(undefined, '1.10.0')).toBe(true);
    expect(dbtVersionAllowed(['<1.0.0'], '1.10.0')).toBe(false);
  });
  it('hashes packages.yml entries as dbt does', () => {
    // Reference: dbt's _create_sha1_hash over these entries' to_dict() (computed with Python's json).
    const entries = [{ package: 'dbt-labs/dbt_utils', version: ['>=1.0.0', '<2.0.0'] }, { local: '../x' }, { git: 'https://g/x.git', revision: 'v1' }];
    expect(lockHash(entries, (v) => v)).toBe('f8464ba52b4af5c0ced6d04e2316c7e5ce1545bd');
  });
  it('refuses packages in both packages.yml and dependencies.yml', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tx-deps-'));
    writeFileSync(join(dir, 'packages.yml'), 'packages:\n  - local: ../a\n');
    writeFileSync(join(dir, 'dependencies.yml'), 'packages:\n  - local: ../b\n');
    expect(() => readPackagesFile(dir, (v) => v)).toThrow(/cannot be specified in both packages.yml and dependencies.yml/);
    writeFileSync(join(dir, 'dependencies.yml'), 'projects:\n  - name: other\n');
    expect(readPackagesFile(dir, (v) => v)?.specs).toHaveLength(1);
    rmSync(dir, { recursive: true, force: true });
  });
});
