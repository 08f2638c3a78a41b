import { describe, expect, it } from 'vitest';
import { isTxError, TxCodes } from '../../../src/errors/tx-error.js';
import { defaultMethod, parseSelectionArg } from '../../../src/select/index.js';

function errorOf(f: () => unknown): { code: string; message: string; hint?: string } {
  try {
    f();
  } catch (e) {
    if (isTxError(e)) return { code: e.code, message: e.message, hint: e.hint };
    throw e;
  }
  throw new Error('expected a TxError');
}

describe('parseSelectionArg', () => {
  it('builds union of intersections of atoms', () => {
    const spec = parseSelectionArg('@a 2+tag:x+3,config.meta.owner:ana');
    expect(spec).toMatchObject({
      kind: 'union',
      items: [
        { kind: 'intersection', items: [{ kind: 'atom', method: 'fqn', value: 'a', childrensParents: true, parents: false, children: false }] },
        {
          kind: 'intersection',
          items: [
            { kind: 'atom', method: 'tag', value: 'x', parents: 2, children: 3, methodExplicit: true },
            { kind: 'atom', method: 'config', methodArgs: ['meta', 'owner'], value: 'ana', parents: false, children: false },
          ],
        },
      ],
    });
  });
  it('reads + without a number as unbounded and keeps inner + in values', () => {
    const spec = parseSelectionArg('+a+');
    expect(spec.items[0]).toMatchObject({ items: [{ parents: true, children: true, value: 'a' }] });
    expect(parseSelectionArg('path:a+b/c').items[0]).toMatchObject({ items: [{ method: 'path', value: 'a+b/c', children: false }] });
  });
  it('guesses the default method like dbt', () => {
    expect(defaultMethod('models/silver')).toBe('path');
    expect(defaultMethod('user_features.sql')).toBe('file');
    expect(defaultMethod('users.CSV')).toBe('file');
    expect(defaultMethod('silver.user_features')).toBe('fqn');
  });
  it('unknown methods suggest the closest', () => {
    const e = errorOf(() => parseSelectionArg('a tagg:nightly'));
    expect(e.code).toBe(TxCodes.SelectorUnknown);
    expect(e.message).toBe(`'tagg' is not a valid selector method in --select "a tagg:nightly" (column 3)`);
    expect(e.hint).toBe("did you mean 'tag'?");
  });
  it('state and result parse; state values are validated', () => {
    const a = parseSelectionArg('state:modified.body+').items[0];
    expect(a).toMatchObject({ kind: 'intersection', items: [{ method: 'state', value: 'modified.body', children: true }] });
    expect(parseSelectionArg('result:error').items[0]).toMatchObject({ items: [{ method: 'result', value: 'error' }] });
    const e = errorOf(() => parseSelectionArg('state:modifed'));
    expect(e.code).toBe(TxCodes.SelectorUnknown);
    expect(e.message).toMatch(/'modifed' is not a valid state selector/);
    expect(e.hint).toMatch(/modified/);
  });
  it('syntax errors name the argument and column', () => {
    const e = errorOf(() => parseSelectionArg('a,,b', '--exclude'));
    expect(e.code).toBe(TxCodes.SelectorSyntax);
    expect(e.message).toBe('Invalid selector in --exclude "a,,b" at column 3: empty selector around "," in "a,,b"');
    expect(errorOf(() => parseSelectionArg('x @a+')).message).toMatch(/column 3: "@" prefix and "\+" suffix are incompatible/);
    expect(errorOf(() => parseSelectionArg('tag:')).message).toMatch(/column 5: "tag:" has no search value/);
    expect(errorOf(() => parseSelectionArg('config:table')).message).toMatch(/config method needs a key/);
  });
  it('rejects invalid values for closed-set methods', () => {
    const e = errorOf(() => parseSelectionArg('resource_type:modle'));
    expect(e.code).toBe(TxCodes.SelectorUnknown);
    expect(e.hint).toBe("did you mean 'model'?");
    expect(errorOf(() => parseSelectionArg('test_type:weird')).code).toBe(TxCodes.SelectorUnknown);
    expect(errorOf(() => parseSelectionArg('source:a.b.c.d')).code).toBe(TxCodes.SelectorUnknown);
  });
});
