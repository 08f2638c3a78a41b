/**
 * The fake's datasets and tables endpoints (list with pages, get, insert, delete), and the table
 * resource tables.get returns: schema, row count, and the partitioning, clustering and OPTIONS
 * the table was created with.
 */
import type { ServerResponse } from 'node:http';
import type { FakeEngine } from './engine.js';
import { apiError, send } from './http.js';

interface Request {
  res: ServerResponse;
  url: URL;
  body: Record<string, unknown>;
}

export async function datasets(c: Request, engine: FakeEngine, method: string, project: string, dataset?: string, sub?: string, table?: string): Promise<void> {
  const page = <T>(items: T[]): { items: T[]; next?: string } => {
    const start = Number(c.url.searchParams.get('pageToken') ?? 0);
    const max = Number(c.url.searchParams.get('maxResults') ?? 1000);
    return { items: items.slice(start, start + max), next: start + max < items.length ? String(start + max) : undefined };
  };
  if (!dataset) {
    if (method === 'POST') {
      const ref = (c.body['datasetReference'] ?? {}) as { datasetId?: string };
      if (await engine.hasDataset(project, ref.datasetId ?? '')) return apiError(c.res, 409, 'duplicate', `Already Exists: Dataset ${project}:${ref.datasetId}`);
      await engine.createDataset(project, ref.datasetId ?? '');
      return send(c.res, 200, { kind: 'bigquery#dataset', id: `${project}:${ref.datasetId}`, datasetReference: { projectId: project, datasetId: ref.datasetId }, location: 'US' });
    }
    const p = page(await engine.listDatasets(project));
    return send(c.res, 200, {
      kind: 'bigquery#datasetList',
      datasets: p.items.map((d) => ({ kind: 'bigquery#dataset', id: `${project}:${d}`, datasetReference: { projectId: project, datasetId: d }, location: 'US' })),
      ...(p.next ? { nextPageToken: p.next } : {}),
    });
  }
  if (!(await engine.hasDataset(project, dataset))) return apiError(c.res, 404, 'notFound', `Not found: Dataset ${project}:${dataset}`);
  if (!sub) {
    if (method === 'DELETE') {
      await engine.deleteDataset(project, dataset, c.url.searchParams.get('deleteContents') === 'true');
      c.res.writeHead(204).end();
      return;
    }
    return send(c.res, 200, { kind: 'bigquery#dataset', id: `${project}:${dataset}`, datasetReference: { projectId: project, datasetId: dataset }, location: 'US' });
  }
  if (sub !== 'tables') return apiError(c.res, 404, 'notFound', `Not found: ${c.url.pathname}`);
  if (!table) {
    const p = page(await engine.listTables(project, dataset));
    return send(c.res, 200, {
      kind: 'bigquery#tableList',
      tables: p.items.map((t) => ({ kind: 'bigquery#table', id: `${project}:${dataset}.${t.tableId}`, tableReference: { projectId: project, datasetId: dataset, tableId: t.tableId }, type: t.type })),
      totalItems: p.items.length,
      ...(p.next ? { nextPageToken: p.next } : {}),
    });
  }
  const info = await engine.tableInfo(project, dataset, table);
  if (!info) return apiError(c.res, 404, 'notFound', `Not found: Table ${project}:${dataset}.${table}`);
  if (method === 'DELETE') {
    await engine.deleteTable(project, dataset, table, info.type);
    c.res.writeHead(204).end();
    return;
  }
  send(c.res, 200, tableResource(project, dataset, table, info));
}

function tableResource(project: string, dataset: string, table: string, info: NonNullable<Awaited<ReturnType<FakeEngine['tableInfo']>>>): Record<string, unknown> {
  const x = info.extras;
  const opts = x?.options ?? {};
  const unquote = (v: string | undefined): string | undefined => v?.replace(/^'(.*)'$/s, '$1').replace(/^"(.*)"$/s, '$1');
  const labels = opts['labels'] ? Object.fromEntries([...opts['labels'].matchAll(/\(\s*'([^']*)'\s*,\s*'([^']*)'\s*\)/g)].map((m) => [m[1], m[2]])) : undefined;
  return {
    kind: 'bigquery#table',
    id: `${project}:${dataset}.${table}`,
    tableReference: { projectId: project, datasetId: dataset, tableId: table },
    type: info.type,
    schema: { fields: info.fields },
    ...(info.numRows !== null ? { numRows: String(info.numRows), numBytes: String(info.numRows * 64) } : {}),
    location: 'US',
    ...(x?.partitionBy ? { timePartitioning: { type: 'DAY', expression: x.partitionBy }, partitionExpression: x.partitionBy } : {}),
    ...(x?.clusterBy ? { clustering: { fields: x.clusterBy.map((f) => f.replace(/`/g, '')) } } : {}),
    ...(labels ? { labels } : {}),
    ...(opts['require_partition_filter'] ? { requirePartitionFilter: opts['require_partition_filter'] === 'true' } : {}),
    ...(opts['kms_key_name'] ? { encryptionConfiguration: { kmsKeyName: unquote(opts['kms_key_name']) } } : {}),
    ...(opts['description'] ? { description: unquote(opts['description']) } : {}),
    ...(opts['partition_expiration_days'] ? { partitionExpirationDays: opts['partition_expiration_days'] } : {}),
    ...(opts['expiration_timestamp'] ? { expirationTime: opts['expiration_timestamp'] } : {}),
  };
}
