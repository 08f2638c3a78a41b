/**
 * What a build left in the fake Snowflake (database ANALYTICS, schemas <BASE>, <BASE>_*) in the
 * shape pg-compare.ts gives the DuckDB build, so the two compare relation by relation and row by
 * row. Names are folded to lower case (Snowflake stores them in upper case).
 */
import type { FakeSnowflake } from '../fakes/snowflake/server.js';
import type { RelationRows } from './pg-compare.js';

function normalise(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number') return Number.isFinite(v) ? Number(v.toPrecision(12)) : String(v);
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(normalise);
  return v;
}

export async function fakeRelationRows(fake: FakeSnowflake, base: string, ignore: readonly string[] = []): Promise<RelationRows[]> {
  const upper = base.toUpperCase();
  const rels = await fake.admin(`select table_schema, table_name, table_type from information_schema.tables
    where table_catalog = 'ANALYTICS' and (table_schema = '${upper}' or table_schema like '${upper}\\_%' escape '\\') order by 1, 2`);
  const out: RelationRows[] = [];
  for (const r of rels) {
    const [schema, name] = [String(r['table_schema']), String(r['table_name'])];
    const rows = await fake.admin(`select * from "ANALYTICS"."${schema}"."${name}"`);
    const cols = (await fake.admin(`select column_name from information_schema.columns where table_catalog = 'ANALYTICS'
      and table_schema = '${schema}' and table_name = '${name}' order by ordinal_position`)).map((c) => String(c['column_name']));
    const columns = cols.filter((c) => !ignore.includes(c.toLowerCase())).sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));
    out.push({
      key: `${schema.slice(upper.length).toLowerCase()}.${name.toLowerCase()}`,
      type: r['table_type'] === 'VIEW' ? 'view' : 'table',
      columns: columns.map((c) => c.toLowerCase()),
      rows: rows.map((row) => JSON.stringify(columns.map((c) => normalise(row[c])))).sort(),
    });
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : 1));
}
