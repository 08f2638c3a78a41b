import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSelectors } from '../../../src/select/selectors-yaml.js';
import { G, M } from './fixture.js';
import { selectNodes } from '../../../src/select/index.js';

function selectors(text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'tx-selectors-'));
  writeFileSync(join(dir, 'selectors.yml'), text);
  return loadSelectors(dir);
}

const T_NN = 'test.p.not_null_user_features_id';
const T_REL = 'test.p.relationships_scores_features';

describe('selectors.yml indirect_selection', () => {
  const s = selectors([
    'selectors:',
    '  - name: cautious',
    '    definition: {method: fqn, value: user_features, indirect_selection: cautious}',
    '  - name: plain',
    '    definition: {method: fqn, value: user_features}',
    '  - name: mixed',
    '    definition:',
    '      union:',
    '        - {method: fqn, value: user_features, indirect_selection: empty}',
    '        - {method: fqn, value: user_scores, indirect_selection: eager}',
    '',
  ].join('\n'));
  const run = (name: string, indirectSelection?: 'eager' | 'cautious') =>
    [...selectNodes({ graph: G, manifest: M, projectName: 'p', selectorSpec: s.get(name)!.spec, ...(indirectSelection ? { indirectSelection } : {}) })];

  it('a criterion\'s indirect_selection beats the flag; without one the flag applies', () => {
    expect(run('cautious')).toEqual(['model.p.user_features', T_NN]);
    expect(run('cautious', 'eager')).toEqual(['model.p.user_features', T_NN]);
    expect(run('plain')).toEqual(['model.p.user_features', T_NN, T_REL]);
    expect(run('plain', 'cautious')).toEqual(['model.p.user_features', T_NN]);
  });

  it('each criterion of a union keeps its own mode', () => {
    expect(run('mixed')).toEqual(['model.p.user_features', 'model.p.user_scores', 'test.p.assert_positive', T_REL]);
  });

  it('rejects an unknown mode at its YAML position', () => {
    expect(() => selectors('selectors:\n  - name: x\n    definition: {method: fqn, value: a, indirect_selection: cautios}\n'))
      .toThrow(/'cautios' is not a valid indirect_selection/);
  });
});
