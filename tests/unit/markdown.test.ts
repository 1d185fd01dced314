import { describe, expect, it } from 'vitest'
import { renderMarkdown, safeUrl } from '~/utils/markdown.server'
import { XSS_PAYLOADS } from '../fixtures/xss-payloads'

const ALLOWED_TAGS = new Set([
  'p',
  'br',
  'h2',
  'h3',
  'h4',
  'strong',
  'em',
  'del',
  'ul',
  'ol',
  'li',
  'blockquote',
  'pre',
  'code',
  'hr',
  'a',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
])

/**
 * Every tag of the output. Text never holds a bare `<` (it is escaped as &lt;) and attribute
 * values hold no bare `>`, so this finds exactly the elements a browser would build.
 */
function tagsOf(html: string): string[] {
  return html.match(/<[^>]*>/g) ?? []
}

const ALLOWED_ATTRIBUTES = new Set(['href', 'title', 'rel', 'start', 'align'])

/** The attributes of one tag as written by sanitize-html: name="value", quotes escaped inside. */
function attributesOf(tag: string): Map<string, string> {
  const body = tag.replace(/^<\/?[a-z0-9]+/i, '').replace(/\/?>$/, '')
  const attributes = new Map<string, string>()
  for (const [, name = '', value = ''] of body.matchAll(/\s*([^\s="]+)(?:="([^"]*)")?/g)) {
    attributes.set(name.toLowerCase(), value.replaceAll('&amp;', '&'))
  }
  // Whatever is left over would be a malformed attribute a browser might read differently.
  expect(body.replace(/\s*([^\s="]+)(?:="([^"]*)")?/g, '').trim(), tag).toBe('')
  return attributes
}

/** Fails unless the HTML holds only allowed tags and attributes and only safe addresses. */
function expectInert(html: string): void {
  expect(html).not.toMatch(/<\s*(script|iframe|svg|style|img|object|embed|form|input|meta|base|math)\b/i)
  for (const tag of tagsOf(html)) {
    const name = /^<\/?([a-z0-9]+)/i.exec(tag)?.[1]?.toLowerCase() ?? ''
    expect(ALLOWED_TAGS.has(name), tag).toBe(true)
    const attributes = attributesOf(tag)
    for (const attribute of attributes.keys()) {
      expect(ALLOWED_ATTRIBUTES.has(attribute), tag).toBe(true)
      expect(attribute).not.toMatch(/^on/i)
    }
    const href = attributes.get('href')
    if (href !== undefined) {
      expect(href).toMatch(/^(https?:\/\/|mailto:|\/(?!\/)|#)/)
      expect(href).not.toMatch(/javascript:|["'<>]/i)
    }
    if (name === 'a' && !tag.startsWith('</'))
      expect(attributes.get('rel')).toBe('nofollow noopener noreferrer')
  }
}

describe('renderMarkdown against the XSS corpus', () => {
  it.each(XSS_PAYLOADS.map((payload) => [payload]))('renders %j inert', (payload) => {
    expectInert(renderMarkdown(payload))
  })

  it('has checks that catch what they look for', () => {
    for (const html of [
      '<p><img src="x"></p>',
      '<p><a href="javascript:alert(1)" rel="nofollow noopener noreferrer">x</a></p>',
      '<p onclick="x">x</p>',
      '<p><a href="https://x" title="t" onmouseover="x" rel="nofollow noopener noreferrer">x</a></p>',
      '<p><a href="https://x">no rel</a></p>',
      '<p>&lt;ok&gt;<script>alert(1)</script></p>',
      '<p title=x onclick=y>x</p>',
    ]) {
      expect(() => expectInert(html), html).toThrow()
    }
  })

  it('shows raw HTML as text', () => {
    expect(renderMarkdown('<script>window.__xss = true</script>')).toBe(
      '<p>&lt;script&gt;window.__xss = true&lt;/script&gt;</p>',
    )
    expect(renderMarkdown('<b>粗体</b>')).toBe('<p>&lt;b&gt;粗体&lt;/b&gt;</p>')
  })

  it('keeps the text of a link whose address is not allowed, without the link', () => {
    expect(renderMarkdown('[点这里](javascript:alert(1))')).toBe('<p>点这里</p>')
    expect(renderMarkdown('[点这里](java&#x09;script:alert(1))')).toBe('<p>点这里</p>')
    expect(renderMarkdown('[点这里](data:text/html,hi)')).toBe('<p>点这里</p>')
  })

  it('turns image syntax into a plain link, never an image', () => {
    expect(renderMarkdown('![合影](https://example.com/a.png)')).toBe(
      '<p><a href="https://example.com/a.png" rel="nofollow noopener noreferrer">合影</a></p>',
    )
    expect(renderMarkdown('![合影](javascript:alert(1))')).toBe('<p>合影</p>')
  })

  it('drops target and adds rel to links', () => {
    const html = renderMarkdown('[新闻](https://example.com/news "上海")')
    expect(html).toBe(
      '<p><a href="https://example.com/news" title="上海" rel="nofollow noopener noreferrer">新闻</a></p>',
    )
  })
})

describe('renderMarkdown of ordinary recaps', () => {
  it('renders Chinese paragraphs with bold, italic and line breaks', () => {
    expect(renderMarkdown('同学们走进**上海博物馆**，参观了*青铜馆*。\n随后分组讨论。\n\n第二段。')).toBe(
      '<p>同学们走进<strong>上海博物馆</strong>，参观了<em>青铜馆</em>。<br />随后分组讨论。</p>\n<p>第二段。</p>',
    )
  })

  it('keeps headings between h2 and h4, demoting h1', () => {
    expect(renderMarkdown('# 活动回顾\n## 志愿服务\n### 第一站\n#### 细节\n###### 更深')).toBe(
      '<h2>活动回顾</h2>\n<h2>志愿服务</h2>\n<h3>第一站</h3>\n<h4>细节</h4>\n<h4>更深</h4>',
    )
  })

  it('renders lists, with the start of a numbered list', () => {
    expect(renderMarkdown('- 讲解员：3 名\n- 志愿者：12 名')).toBe(
      '<ul>\n<li>讲解员：3 名</li>\n<li>志愿者：12 名</li>\n</ul>',
    )
    expect(renderMarkdown('3. 第三\n4. 第四')).toBe('<ol start="3">\n<li>第三</li>\n<li>第四</li>\n</ol>')
  })

  it('renders links of http(s), mailto and this site', () => {
    expect(renderMarkdown('[学校新闻](/s/jiwang) [邮件](mailto:office@example.edu.cn)')).toBe(
      '<p><a href="/s/jiwang" rel="nofollow noopener noreferrer">学校新闻</a> ' +
        '<a href="mailto:office@example.edu.cn" rel="nofollow noopener noreferrer">邮件</a></p>',
    )
    expect(renderMarkdown('详见 https://example.com/a?b=1&c=2')).toBe(
      '<p>详见 <a href="https://example.com/a?b=1&amp;c=2" rel="nofollow noopener noreferrer">https://example.com/a?b=1&amp;c=2</a></p>',
    )
  })

  it('renders blockquotes, rules, code and tables', () => {
    expect(renderMarkdown('> 引用\n\n---\n\n`代码`')).toBe(
      '<blockquote>\n<p>引用</p>\n</blockquote>\n<hr />\n<p><code>代码</code></p>',
    )
    expect(renderMarkdown('| 年级 | 人数 |\n|:-|-:|\n| 五年级 | 120 |')).toBe(
      '<table>\n<thead>\n<tr>\n<th align="left">年级</th>\n<th align="right">人数</th>\n</tr>\n</thead>\n' +
        '<tbody><tr>\n<td align="left">五年级</td>\n<td align="right">120</td>\n</tr>\n</tbody></table>',
    )
  })

  it('shows task list boxes as characters, not inputs', () => {
    expect(renderMarkdown('- [x] 完成\n- [ ] 待办')).toBe('<ul>\n<li>☑ 完成</li>\n<li>☐ 待办</li>\n</ul>')
  })

  it('renders nothing for an empty body', () => {
    expect(renderMarkdown('')).toBe('')
  })
})

describe('safeUrl', () => {
  it.each([
    ['https://example.com/a', 'https://example.com/a'],
    ['HTTP://EXAMPLE.COM', 'HTTP://EXAMPLE.COM'],
    ['mailto:a@example.com', 'mailto:a@example.com'],
    ['/s/jiwang', '/s/jiwang'],
    ['#top', '#top'],
    ['?page=2', '?page=2'],
    ['recaps/3', 'recaps/3'],
    ['  https://example.com/a\tb  ', 'https://example.com/ab'],
    ['https://example.com/a?x=1&amp;y=2', 'https://example.com/a?x=1&y=2'],
  ])('allows %s', (href, expected) => {
    expect(safeUrl(href)).toBe(expected)
  })

  it.each([
    'javascript:alert(1)',
    ' JavaScript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    '\u0001javascript:alert(1)',
    'https://example.com/a\u0000b',
    'java&#x09;script:alert(1)',
    '&#106;avascript:alert(1)',
    'javascript&colon;alert(1)',
    'vbscript:x',
    'data:text/html,x',
    'file:///etc/passwd',
    '//evil.example/x',
    '/\\evil.example/x',
    'https://example.com/"onmouseover="alert(1)',
    '',
  ])('refuses %j', (href) => {
    expect(safeUrl(href)).toBeNull()
  })
})
