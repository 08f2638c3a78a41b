import { it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { TxJinja } from '../../../src/jinja/tx-jinja.js';
it('ns', () => {
  const j = new TxJinja({ rootPackage: 'proj', adapterType: 'duckdb' });
  for (const d of ['default', 'duckdb']) for (const f of readdirSync(`templates/${d}`)) j.addMacroFile('dbt', `/t/${d}/${f}`, readFileSync(`templates/${d}/${f}`, 'utf8'));
  const ns = j.packageNamespace('dbt');
  const missing = j.macros().filter((m) => !(m.name in ns) || typeof ns[m.name] !== 'function').map((m) => m.name);
  console.log('count', j.macros().length, 'missing', missing);
  for (const n of ['create_view_as', 'get_drop_sql', 'default__make_temp_relation']) {
    try { console.log(n, j.renderString(`{{ dbt.${n} is defined }}`, '/p/m.sql', {})); } catch (e) { console.log(n, String(e)); }
  }
});
