/**
 * Warehouse metadata through the REST API, as dbt-bigquery reads it: datasets.list for
 * schemas, tables.list (one paged listing per dataset) for relations, tables.get for columns
 * and statistics. A dataset or table that does not exist reads as empty, never as an error.
 */
import type { BigQuery, Table } from '@google-cloud/bigquery';
import type { CatalogRelation, RelationInfo, RelationRef, RelationType, SchemaRef, WarehouseColumn } from '../../src/adapter/types.js';
import { apiError, isNotFound } from './errors.js';
import { fieldTypeName, type FieldSchema } from './values.js';

/** datasets.list / tables.list page size (the API's maximum is 1000). */
const MAX_PAGE = 1000;

/** BigQuery's table types → tx's relation types. */
export function relationType(t: string | null | undefined): RelationType {
  switch (t) {
    case 'VIEW':
      return 'view';
    case 'MATERIALIZED_VIEW':
      return 'materialized_view';
    case 'EXTERNAL':
      return 'external';
    default:
      // TABLE, SNAPSHOT, CLONE
      return 'table';
  }
}

interface Paged<T> {
  items: T[];
  next: string | null;
}

async function allPages<T>(page: (token: string | undefined) => Promise<Paged<T>>): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  do {
    const p = await page(token);
    out.push(...p.items);
    token = p.next ?? undefined;
  } while (token);
  return out;
}

interface TableListEntry {
  tableReference?: { projectId?: string; datasetId?: string; tableId?: string };
  type?: string;
}

export class Metadata {
  constructor(
    private readonly client: BigQuery,
    /** The project a relation without a database lives in. */
    private readonly defaultProject: string,
    private readonly pageSize: number = MAX_PAGE,
  ) {}

  private project(database: string | null): string {
    return database !== null && database !== '' ? database : this.defaultProject;
  }

  async listSchemas(database: string | null): Promise<string[]> {
    const projectId = this.project(database);
    try {
      const ids = await allPages(async (pageToken) => {
        const [datasets, next] = await this.client.getDatasets({ projectId, autoPaginate: false, maxResults: Math.min(this.pageSize, MAX_PAGE), pageToken });
        return { items: datasets.map((d) => d.id ?? ''), next: (next as { pageToken?: string } | null)?.pageToken ?? null };
      });
      return ids.filter((id) => id !== '').sort();
    } catch (e) {
      throw apiError(e, `listing the datasets of project '${projectId}'`);
    }
  }

  async listRelations(ref: SchemaRef): Promise<RelationInfo[]> {
    const projectId = this.project(ref.database);
    const dataset = this.client.dataset(ref.schema, { projectId });
    try {
      const tables = await allPages(async (pageToken) => {
        const [, next, resp] = await dataset.getTables({ autoPaginate: false, maxResults: Math.min(this.pageSize, MAX_PAGE), pageToken });
        const items = ((resp as { tables?: TableListEntry[] } | undefined)?.tables ?? []);
        return { items, next: (next as { pageToken?: string } | null)?.pageToken ?? null };
      });
      return tables
        .map((t) => ({
          database: t.tableReference?.projectId ?? projectId,
          schema: t.tableReference?.datasetId ?? ref.schema,
          identifier: t.tableReference?.tableId ?? '',
          type: relationType(t.type),
        }))
        .sort((a, b) => (a.identifier < b.identifier ? -1 : a.identifier > b.identifier ? 1 : 0));
    } catch (e) {
      if (isNotFound(e)) return [];
      throw apiError(e, `listing the tables of dataset '${projectId}.${ref.schema}'`);
    }
  }

  private table(rel: RelationRef): Table {
    return this.client.dataset(rel.schema, { projectId: this.project(rel.database) }).table(rel.identifier);
  }

  /** tables.get; null when the table does not exist. */
  async tableMetadata(rel: RelationRef): Promise<Record<string, unknown> | null> {
    try {
      const [meta] = await this.table(rel).getMetadata();
      return meta as Record<string, unknown>;
    } catch (e) {
      if (isNotFound(e)) return null;
      throw apiError(e, `reading table ${this.project(rel.database)}.${rel.schema}.${rel.identifier}`);
    }
  }

  async getColumns(rel: RelationRef): Promise<WarehouseColumn[]> {
    const meta = await this.tableMetadata(rel);
    const fields = ((meta?.['schema'] as { fields?: FieldSchema[] } | undefined)?.fields ?? []);
    return fields.map((f) => ({ name: f.name, dataType: fieldTypeName(f) }));
  }

  /** Every relation of a dataset with its columns and statistics (catalog.json). */
  async catalog(ref: SchemaRef): Promise<CatalogRelation[]> {
    const relations = await this.listRelations(ref);
    const out: CatalogRelation[] = [];
    for (const r of relations) {
      const meta = await this.tableMetadata(r);
      if (meta === null) continue;
      const fields = ((meta['schema'] as { fields?: FieldSchema[] } | undefined)?.fields ?? []);
      const isView = r.type === 'view' || r.type === 'materialized_view';
      const numeric = (k: string): number | null => (isView || meta[k] === undefined ? null : Number(meta[k]));
      out.push({
        database: r.database,
        schema: r.schema,
        identifier: r.identifier,
        tableType: String(meta['type'] ?? 'TABLE').toLowerCase(),
        comment: typeof meta['description'] === 'string' ? meta['description'] : null,
        owner: null,
        rowCount: numeric('numRows'),
        bytes: numeric('numBytes'),
        columns: fields.map((f, i) => ({ name: f.name, index: i + 1, dataType: fieldTypeName(f), comment: f.description ?? null })),
      });
    }
    return out;
  }
}
