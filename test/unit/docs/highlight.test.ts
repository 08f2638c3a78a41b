import { describe, expect, it } from 'vitest';
import { highlightSql } from '../../../src/docs/browser/highlight.js';

const text = (html: string): string => html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

describe('highlightSql', () => {
  const sql = `{{ config(materialized='table') }}\n-- a comment <b>\nselect "Id", count(*) as n, 'it''s' as s, 1.5e3\nfrom {{ ref('orders') }} /* block */\n{# note #}{% if x %}where a < b{% endif %}`;

  it('keeps every character, in order', () => {
    expect(text(highlightSql(sql))).toBe(sql);
  });

  it('marks keywords, strings, identifiers, numbers, comments, functions and Jinja', () => {
    const html = highlightSql(sql);
    expect(html).toContain('<span class="k">select</span>');
    expect(html).toContain('<span class="s">&#39;it&#39;&#39;s&#39;</span>');
    expect(html).toContain('<span class="q">&quot;Id&quot;</span>');
    expect(html).toContain('<span class="n">1.5e3</span>');
    expect(html).toContain('<span class="c">-- a comment &lt;b&gt;</span>');
    expect(html).toContain('<span class="c">/* block */</span>');
    expect(html).toContain('<span class="f">count</span>');
    expect(html).toContain(`<span class="j">{{ ref(&#39;orders&#39;) }}</span>`);
    expect(html).toContain('<span class="jc">{# note #}</span>');
  });

  it('survives unterminated strings and tags', () => {
    expect(text(highlightSql("select 'oops"))).toBe("select 'oops");
    expect(text(highlightSql('select {{ x'))).toBe('select {{ x');
  });
});
