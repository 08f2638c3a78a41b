import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { browserEntry, bundleBrowserScript } from '../../../src/docs/bundle.js';
import { TxError } from '../../../src/errors/tx-error.js';

describe('bundleBrowserScript', () => {
  let dir: string;
  const file = (rel: string, text: string): string => {
    const p = join(dir, rel);
    mkdirSync(join(p, '..'), { recursive: true });
    writeFileSync(p, text);
    return p;
  };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tx-bundle-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('turns ES modules into one script: each module its own scope, imports resolved in order', () => {
    file('lib/a.js', "// a helper\nconst hidden = 2;\nexport function twice(x) {\n    return x * hidden;\n}\nexport const NAME = 'a</script>';\n//# sourceMappingURL=a.js.map\n");
    file('lib/b.js', "import { twice as double } from './a.js';\nconst hidden = 10;\nfunction add(x) { return double(x) + hidden; }\nexport { add };\n");
    const entry = file('main.js', "import { add } from './lib/b.js';\nimport * as a from './lib/a.js';\nglobalThis.__out = [add(1), a.NAME];\n");
    const script = bundleBrowserScript(entry);
    expect(script).not.toMatch(/<\/script|sourceMappingURL|a helper/);
    const g = globalThis as { __out?: unknown };
    new Function(script)();
    expect(g.__out).toEqual([12, 'a</script>']);
    delete g.__out;
  });

  it('refuses package imports and default exports, naming the file', () => {
    const bare = file('bare.js', "import { x } from 'graphology';\n");
    expect(() => bundleBrowserScript(bare)).toThrow(TxError);
    expect(() => bundleBrowserScript(bare)).toThrow(/'graphology' is not a relative module/);
    const def = file('def.js', 'export default 1;\n');
    expect(() => bundleBrowserScript(def)).toThrow(/default exports/);
    file('c1.js', "import { y } from './c2.js';\nexport const x = 1;\n");
    const cyc = file('c2.js', "import { x } from './c1.js';\nexport const y = 1;\n");
    expect(() => bundleBrowserScript(cyc)).toThrow(/import cycle/);
  });

  // tsc builds dist/ before the tests run (npm test); the site's real script must parse.
  it.skipIf(!existsSync(browserEntry()))('bundles the site script, small and parseable', () => {
    const script = bundleBrowserScript();
    expect(() => new Function(script)).not.toThrow();
    expect(script.length).toBeLessThan(150_000);
    expect(script).not.toMatch(/\bimport\s*\(|\brequire\(|['"]node:/);
  });
});
