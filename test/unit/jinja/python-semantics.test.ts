import { describe, expect, it } from 'vitest';
import { TxJinja } from '../../../src/jinja/tx-jinja.js';

// Expected outputs were produced by python3 + jinja2 3.1.6 (extensions: jinja2.ext.do), scope {x: None}.
const CASES: [string, string][] = [
  ["{{ True }}|{{ None }}|{{ none }}|{{ false }}|{{ [1, 'a', none] }}|{{ {'a': 1, 'b': 'x'} }}|{{ undefined_name }}", "True|None|None|False|[1, 'a', None]|{'a': 1, 'b': 'x'}|"],
  ["{% set ns = namespace(x=1) %}{% for i in [1,2,3] %}{% set ns.x = ns.x + i %}{% endfor %}{{ ns.x }}", "7"],
  ["{{ [1,2,3][1:] }}|{{ 'abcdef'[:-2] }}|{{ [1,2,3][-1] }}|{{ [1,2,3,4][::2] }}", "[2, 3]|abcd|3|[1, 3]"],
  ["{% for k, v in {'a': 1, 'b': 2}.items() %}{{ k }}={{ v }}{% if not loop.last %},{% endif %}{% endfor %}", "a=1,b=2"],
  ["{% if [] %}y{% else %}n{% endif %}{% if {} %}y{% else %}n{% endif %}{{ [] or 'd' }}{{ 'a' and 'b' }}{{ not [] }}", "nndbTrue"],
  ["{{ ' Ab '.strip() }}|{{ 'a,b,c'.split(',') }}|{{ 'a b  c'.split() }}|{{ 'a-b-c'.replace('-', '_') }}|{{ 'abc'.upper() }}|{{ 'x'.startswith('x') }}|{{ '{}-{}'.format(1, 2) }}|{{ ','.join(['a','b']) }}|{{ 'hello world'.title() }}|{{ 'a,b,c'.split(',', 1) }}|{{ 'a.b.c'.rsplit('.', 1) }}", "Ab|['a', 'b', 'c']|['a', 'b', 'c']|a_b_c|ABC|True|1-2|a,b|Hello World|['a', 'b,c']|['a.b', 'c']"],
  ["{% set l = [3, 1, 2] %}{% do l.append(4) %}{% do l.sort() %}{{ l }}|{{ l.pop() }}|{{ l.index(2) }}|{{ l }}", "[1, 2, 3, 4]|4|1|[1, 2, 3]"],
  ["{% set d = {'a': 1} %}{% do d.update({'b': 2}) %}{{ d }}|{{ d.get('z') }}|{{ d.get('z', 5) }}|{{ d.keys() | list }}|{{ d.pop('a') }}|{{ d }}", "{'a': 1, 'b': 2}|None|5|['a', 'b']|1|{'b': 2}"],
  ["{{ 'x' in ('x', 'y') }}|{{ '%s-%s' % (1, 'b') }}|{{ '-' * 3 }}|{{ [1] + [2] }}|{{ 'ab' ~ 1 }}|{{ 7 // 2 }}|{{ -7 % 3 }}", "True|1-b|---|[1, 2]|ab1|3|2"],
  ["{{ x is none }}|{{ y is defined }}|{{ z is undefined }}|{{ 's' is string }}|{{ {} is mapping }}|{{ 1 is number }}|{{ [1] is iterable }}|{{ [1] is sequence }}|{{ 1 is in([1, 2]) }}", "True|False|True|True|True|True|True|True|True"],
  ["{{ {'b': 1, 'a': [1, 'x']} | tojson }}|{{ [{'n': 'a'}, {'n': 'b'}] | map(attribute='n') | join(',') }}|{{ [1,2,2,3] | unique | list }}|{{ [3,1,2] | min }}|{{ [3,1,2] | max }}|{{ [{'v': 1}, {'v': 2}] | sum(attribute='v') }}|{{ [{'n': 'a'}, {'n': 'b'}] | join(', ', attribute='n') }}", "{\"a\": [1, \"x\"], \"b\": 1}|a,b|[1, 2, 3]|1|3|3|a, b"],
  ["{%- for i in range(3) -%}\n  {{ loop.index }}{{ loop.first }}{{ loop.last }}\n{%- endfor %}", "1TrueFalse2FalseFalse3FalseTrue"],
  ["{% set x %}\n  block {{ 1 + 1 }}\n{% endset %}[{{ x }}]", "[\n  block 2\n]"],
  ["{% macro m(a, b='B') %}{{ a }}-{{ b }}{% endmacro %}{{ m(1) }}|{{ m(1, b=2) }}|{{ m(b=3, a=4) }}", "1-B|1-2|4-3"],
  ["{% macro wrap() %}<{{ caller() }}>{% endmacro %}{% call wrap() %}inner{% endcall %}", "<inner>"],
  ["{% if x == 1 %}one{% elif x == 2 %}two{% else %}other{% endif %}", "other"],
  ["{% for x in {'a': 1, 'b': 2} %}{{ x }}{% endfor %}", "ab"],
  ["{{ [1, 2] == [1, 2] }}|{{ 1 == '1' }}|{{ 'a' if [] else 'b' }}", "True|False|b"],
  ["a\n  {%- if true %} b {% endif -%}\n c", "a b c"],
  ["{% for i in [1,2,3,4,5] %}{{ loop.cycle('a','b','c') }}{% endfor %}", "abcab"],
  ["{% macro m(a, b=2) %}{{ a }}-{{ b }}-{{ varargs | join(',') }}-{{ varargs | length }}-{{ kwargs }}{% endmacro %}{{ m(1) }}|{{ m(1, 3, 4, 5) }}|{{ m(1, b=3, c=4, d=5) }}|{{ m(a=7, z=1) }}", "1-2--0-{}|1-3-4,5-2-{}|1-3--0-{'c': 4, 'd': 5}|7-2--0-{'z': 1}"],
  ["{% macro m() %}{{ varargs[0] }}{{ kwargs.k }}{% endmacro %}{{ m(9, k=8) }}", "98"],
  ["{% macro w() %}<{{ caller() }}>{% endmacro %}{% macro m() %}{% call w() %}{{ varargs | length }}{% endcall %}{% endmacro %}{{ m(1, 2) }}", "<0>"],
];

describe('Jinja2 semantics (oracle: jinja2 3.1.6)', () => {
  const j = new TxJinja({ rootPackage: 'proj', adapterType: 'duckdb' });
  it.each(CASES)('%s', (src, expected) => {
    expect(j.renderString(src, '/p/models/m.sql', { x: null })).toBe(expected);
  });
});
