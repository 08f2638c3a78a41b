import { describe, expect, it } from 'vitest';
import { renderInline, renderMarkdown } from '../../../src/docs/browser/markdown.js';

describe('markdown', () => {
  it('renders paragraphs, emphasis, code and headings', () => {
    expect(renderMarkdown('# Title\n\nSome **bold** and *it* and `code_x`.\nSame paragraph.\n\nNext one.')).toBe(
      '<h1>Title</h1>\n<p>Some <strong>bold</strong> and <em>it</em> and <code>code_x</code>.\nSame paragraph.</p>\n<p>Next one.</p>',
    );
  });

  it('keeps snake_case names intact', () => {
    expect(renderInline('user_id and feature_date_x')).toBe('user_id and feature_date_x');
    expect(renderInline('_emphasis_ here')).toBe('<em>emphasis</em> here');
  });

  it('does not emphasise intraword underscores (CommonMark), but does intraword asterisks', () => {
    expect(renderInline('a__b')).toBe('a__b');
    expect(renderInline('stg__orders__v2 and a__b__c')).toBe('stg__orders__v2 and a__b__c');
    expect(renderInline('__init__ method')).toBe('<strong>init</strong> method');
    expect(renderInline('some __bold__ text')).toBe('some <strong>bold</strong> text');
    expect(renderInline('(__x__)')).toBe('(<strong>x</strong>)');
    expect(renderInline('foo__bar__')).toBe('foo__bar__');
    expect(renderInline('a**b**c')).toBe('a<strong>b</strong>c');
  });

  it('escapes raw HTML instead of rendering it', () => {
    expect(renderMarkdown('<script>alert(1)</script> & <b>x</b>')).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;x&lt;/b&gt;</p>');
  });

  it('renders safe links and drops script URLs', () => {
    expect(renderInline('[docs](https://example.com/a_b?x=1&y=2)')).toBe('<a href="https://example.com/a_b?x=1&amp;y=2" target="_blank" rel="noopener">docs</a>');
    expect(renderInline('[page](#!/model/model.p.x)')).toBe('<a href="#!/model/model.p.x">page</a>');
    expect(renderInline('[bad](javascript:alert(1))')).not.toContain('href');
    expect(renderInline('see https://getdbt.com now')).toContain('<a href="https://getdbt.com"');
  });

  it('renders lists, nested lists and ordered lists', () => {
    expect(renderMarkdown('- a\n- b\n  - c\n- d')).toBe('<ul><li>a</li><li>b\n<ul><li>c</li></ul></li><li>d</li></ul>');
    expect(renderMarkdown('1. one\n2. two')).toBe('<ol><li>one</li><li>two</li></ol>');
    expect(renderMarkdown('3. three\n4. four')).toBe('<ol start="3"><li>three</li><li>four</li></ol>');
  });

  it('renders fenced code without touching its content', () => {
    expect(renderMarkdown('```sql\nselect *\nfrom t -- **x**\n```')).toBe('<pre><code class="language-sql">select *\nfrom t -- **x**</code></pre>');
  });

  it('renders tables with alignment', () => {
    const html = renderMarkdown('| a | b |\n|:--|--:|\n| 1 | `x|y` |');
    expect(html).toContain('<th style="text-align:left">a</th><th style="text-align:right">b</th>');
    expect(html).toContain('<td style="text-align:left">1</td>');
  });

  it('renders block quotes, rules and setext headings', () => {
    expect(renderMarkdown('> quoted\n> more')).toBe('<blockquote><p>quoted\nmore</p></blockquote>');
    expect(renderMarkdown('a\n\n---\n\nb')).toBe('<p>a</p>\n<hr>\n<p>b</p>');
    expect(renderMarkdown('Title\n====')).toBe('<h1>Title</h1>');
  });

  it('never loads remote images', () => {
    expect(renderInline('![logo](https://x.org/a.png)')).toBe('<a href="https://x.org/a.png">logo</a>');
    expect(renderInline('![logo](assets/a.png)')).toBe('<img src="assets/a.png" alt="logo">');
  });
});
