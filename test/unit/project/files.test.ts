import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFiles } from '../../../src/project/files.js';
import { tempProject } from './helpers.js';

describe('listFiles', () => {
  it('lists matching files sorted, with project- and resource-relative posix paths', () => {
    const root = tempProject({
      'models/silver/user_features.sql': '',
      'models/bronze/raw.sql': '',
      'models/schema.yml': '',
      'models/.hidden/skip.sql': '',
      'models/notes.md': '',
      'other/models2/x.SQL': '',
    });
    const files = listFiles(root, ['models', 'other/models2', 'missing'], ['.sql', 'yml']);
    expect(files.map((f) => f.relPath)).toEqual([
      'models/bronze/raw.sql', 'models/schema.yml', 'models/silver/user_features.sql', 'other/models2/x.SQL',
    ]);
    expect(files[2]).toEqual({
      absPath: path.join(root, 'models', 'silver', 'user_features.sql'),
      relPath: 'models/silver/user_features.sql',
      resourceDir: 'models',
      pathInResource: 'silver/user_features.sql',
    });
    expect(files[3]!.resourceDir).toBe('other/models2');
  });

  it('does not list a file twice when resource dirs overlap', () => {
    const root = tempProject({ 'models/a.sql': '', 'models/sub/b.sql': '' });
    expect(listFiles(root, ['models', 'models/sub'], ['sql'])).toHaveLength(2);
  });
});
