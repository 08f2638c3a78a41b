import { describe, expect, it } from 'vitest';
import { groupCatalogRows } from '../../../src/adapter/catalog-rows.js';

describe('groupCatalogRows', () => {
  it('groups column rows into relations, in order', () => {
    const rows = [
      ['db', 's', 'a', 'BASE TABLE', 'table a', 'me', 5n, '8192', 'id', 1, 'INTEGER', 'the id'],
      ['db', 's', 'a', 'BASE TABLE', 'table a', 'me', 5n, '8192', 'name', 2, 'VARCHAR', ''],
      ['db', 's', 'v', 'VIEW', null, null, null, null, 'id', 1, 'INTEGER', null],
      ['db', 's', 'never_analysed', 'BASE TABLE', null, null, -1, null, 'x', 1, 'INT', null],
    ];
    expect(groupCatalogRows(rows)).toEqual([
      { database: 'db', schema: 's', identifier: 'a', tableType: 'BASE TABLE', comment: 'table a', owner: 'me', rowCount: 5, bytes: 8192,
        columns: [{ name: 'id', index: 1, dataType: 'INTEGER', comment: 'the id' }, { name: 'name', index: 2, dataType: 'VARCHAR', comment: null }] },
      { database: 'db', schema: 's', identifier: 'v', tableType: 'VIEW', comment: null, owner: null, rowCount: null, bytes: null,
        columns: [{ name: 'id', index: 1, dataType: 'INTEGER', comment: null }] },
      { database: 'db', schema: 's', identifier: 'never_analysed', tableType: 'BASE TABLE', comment: null, owner: null, rowCount: null, bytes: null,
        columns: [{ name: 'x', index: 1, dataType: 'INT', comment: null }] },
    ]);
  });
});
