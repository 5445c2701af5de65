import {renderToStaticMarkup} from 'react-dom/server'
import {describe, expect, it} from 'vitest'
import {RichText} from '@/app/_components/RichText'
import {safeHref} from '@/lib/text/safe-url'

const linkBlock = (href: unknown, text = 'click') => ({
  _type: 'block',
  _key: 'b',
  style: 'normal',
  markDefs: [{_type: 'link', _key: 'l', href}],
  children: [{_type: 'span', _key: 's', text, marks: ['l']}],
})
const render = (value: unknown[]) => renderToStaticMarkup(<RichText value={value as never} />)

describe('safe links', () => {
  it.each(['https://kcell.kz/a?b=c#d', 'http://example.com', 'mailto:help@example.com', 'tel:+77010000000', '/en/faq', '#steps'])(
    'keeps %s',
    (href) => {
      expect(safeHref(href)).toBe(href)
    },
  )
  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'javascript&colon;alert(1)',
    '\u0000javascript:alert(1)',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    '//evil.example/x',
    '/\\evil.example',
    'ftp://example.com',
    '',
    42,
    null,
    {href: 'https://x'},
  ])('refuses %j', (href) => {
    expect(safeHref(href)).toBeUndefined()
  })
})

describe('rich text from hostile documents', () => {
  it('renders safe links as links, external ones with rel=noopener', () => {
    const html = render([linkBlock('https://kcell.kz')])
    expect(html).toContain('<a href="https://kcell.kz" rel="noopener noreferrer nofollow" target="_blank">click</a>')
  })
  it.each(['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', ' JAVASCRIPT:alert(1)', 'vbscript:x'])(
    'renders %j as plain text',
    (href) => {
      const html = render([linkBlock(href)])
      expect(html).toBe('<p>click</p>')
    },
  )
  it('escapes text and never renders HTML from content', () => {
    const html = render([linkBlock('https://x.example', '<img src=x onerror=alert(1)>')])
    expect(html).not.toContain('<img')
    expect(html).toContain('&lt;img')
  })
  it('drops unknown block types and marks but keeps the rest', () => {
    const html = render([
      {_type: 'script', _key: 'x', code: 'alert(1)'},
      {_type: 'block', _key: 'a', style: 'h1', markDefs: [], children: [{_type: 'span', _key: 's', text: 'Heading?', marks: ['blink']}]},
      {_type: 'block', _key: 'c', style: 'normal', markDefs: [], children: [{_type: 'span', _key: 't', text: 'Still here', marks: []}]},
      'not an object',
      null,
    ])
    expect(html).not.toContain('alert')
    expect(html).toContain('<p>Heading?</p>')
    expect(html).toContain('<p>Still here</p>')
  })
  it('renders lists, and survives an empty or wrong value', () => {
    const item = (text: string, key: string) => ({
      _type: 'block',
      _key: key,
      style: 'normal',
      listItem: 'number',
      level: 1,
      markDefs: [],
      children: [{_type: 'span', _key: `${key}s`, text, marks: []}],
    })
    expect(render([item('one', 'a'), item('two', 'b')])).toBe('<ol><li>one</li><li>two</li></ol>')
    expect(render([])).toBe('')
    expect(renderToStaticMarkup(<RichText value={'oops' as never} />)).toBe('')
  })
})
