import {describe, expect, it} from 'vitest'
import {citationsIn, citedUrls, normalizeSourceUrl} from '@/lib/sources/citations'
import {changeExcerpt, EXCERPT_MAX_BYTES} from '@/lib/sources/excerpt'
import {decodeHtml, mainText, pageContent} from '@/lib/sources/extract'
import {changedSinceVerified, sourceRows, sourcesChangedSince} from '@/lib/sources/status'
import {sourceCitingDocumentsQuery} from '@/lib/content/queries'
import type {SourceCitingDocumentsQueryResult} from '@/lib/content/sanity.types'
import {runGroq} from '../support/dataset'

/** What the checker reads: every published document that can cite a source, through its own query. */
const citingDocuments = () => runGroq<SourceCitingDocumentsQueryResult>(sourceCitingDocumentsQuery)

/** What the source checker takes a page to say, what it reports as changed, and where the dataset cites sources. */
const page = ({main, head = '', chrome = true}: {main: string; head?: string; chrome?: boolean}) => `<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><title>Документы</title>${head}<style>.x{color:red}</style></head>
<body>${chrome ? '<header><a href="/">Kcell</a><nav><a href="/ru">Главная</a> <a href="/kk">Қазақша</a></nav></header>' : ''}
<main>${main}</main>
${chrome ? '<footer>© 2026 · <a href="/privacy">Privacy</a></footer><script>window.dataLayer=[]</script>' : ''}</body></html>`

const DOCUMENTS = `<h1>Документы</h1>
<p>Заявление на расторжение договора</p>
<ul><li><a href="/files/termination.pdf">Заявление (PDF)</a></li><li>Согласие на получение денежных средств</li></ul>`

describe('the main text of a page', () => {
  it('keeps the words of <main>, one block a line, without navigation, chrome, scripts and styles', () => {
    expect(mainText(page({main: DOCUMENTS}))).toBe(
      ['Документы', 'Заявление на расторжение договора', '* Заявление (PDF)', '* Согласие на получение денежных средств'].join('\n'),
    )
  })

  it('reads the whole body when there is no <main>, still without navigation and scripts', () => {
    const html =
      '<body><nav>Menu</nav><div>One <b>two</b></div><p>Three</p><script>x()</script><noscript>Enable JS</noscript><table><tr><th>Fee</th><td>0 ₸</td></tr></table></body>'
    expect(mainText(html)).toBe('One two\nThree\nFee 0 ₸')
  })

  it('is not changed by whitespace, markup, a new script or a new style', () => {
    const before = pageContent(Buffer.from(page({main: DOCUMENTS})), 'text/html; charset=utf-8')
    const reindented = page({
      main: DOCUMENTS.replace(/\n/g, '\n      ').replace(/ на /g, '  на\n ').replace('<p>', '<p class="lead" data-x="1">'),
    })
    const newScript = page({
      main: `${DOCUMENTS}<script>track(${Date.now()})</script>`,
      head: '<script src="/app.9f3c.js"></script><style>.y{}</style>',
    })
    const nbsp = page({main: DOCUMENTS.replace('на расторжение', 'на&nbsp;расторжение\u200b')})
    for (const html of [reindented, newScript, nbsp]) expect(pageContent(Buffer.from(html), 'text/html').hash).toBe(before.hash)
    // Navigation and link targets are not the meaning either.
    const otherChrome = page({main: DOCUMENTS.replace('/files/termination.pdf', '/files/termination.pdf?v=2')}).replace(
      'Главная',
      'Басты бет',
    )
    expect(pageContent(Buffer.from(otherChrome), 'text/html').hash).toBe(before.hash)
  })

  it('keeps no character a reader does not see: a hostile page cannot make its text read otherwise in the Studio', () => {
    // "Fee 100 ₸" shown, with the digits reversed in memory by a right-to-left override, and marks and isolates around.
    const hostile = page({
      main: '<p>Fee \u202e001\u202c \u2066₸\u2069\u200e\u200f\u061c\u202a\u202b\u202d\u2067\u2068 only\u00ad online\ufe0f</p>',
    })
    expect(mainText(hostile)).toBe('Fee 001 ₸ only online')
    const excerpt = changeExcerpt('Fee 100 ₸', mainText(hostile))
    expect(excerpt).toBe('- Fee 100 ₸\n+ Fee 001 ₸ only online')
    // A text stored before the checker removed them, compared with a new one: the excerpt holds none either.
    expect(changeExcerpt('Fee \u202e001\u202c ₸', 'Fee 200 ₸')).toBe('- Fee 001 ₸\n+ Fee 200 ₸')
  })

  it('changes when the words do', () => {
    const before = pageContent(Buffer.from(page({main: DOCUMENTS})), 'text/html')
    const after = pageContent(
      Buffer.from(page({main: DOCUMENTS.replace('расторжение договора', 'расторжение договора (только онлайн)')})),
      'text/html',
    )
    expect(after.hash).not.toBe(before.hash)
  })

  it('decodes the charset the header, a BOM or a <meta> names', () => {
    const cp1251 = Buffer.from([0xc4, 0xee, 0xea, 0xf3, 0xec, 0xe5, 0xed, 0xf2, 0xfb]) // "Документы" in windows-1251
    const html = (meta: string) =>
      Buffer.concat([Buffer.from(`<html><head>${meta}</head><body><p>`), cp1251, Buffer.from('</p></body></html>')])
    expect(decodeHtml(html(''), 'text/html; charset=windows-1251')).toContain('Документы')
    expect(decodeHtml(html('<meta charset="windows-1251">'), 'text/html')).toContain('Документы')
    expect(decodeHtml(Buffer.from('\ufeff<p>Құжаттар</p>'), 'text/html')).toContain('Құжаттар')
  })

  it('compares a PDF or any other file by its bytes', () => {
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n')
    const content = pageContent(pdf, 'application/pdf')
    expect(content).toMatchObject({comparedAs: 'bytes', size: pdf.length})
    expect(pageContent(Buffer.from(pdf.toString().replace('1.7', '1.6')), 'application/pdf').hash).not.toBe(content.hash)
    expect(pageContent(Buffer.from('<p>x</p>'), undefined).comparedAs).toBe('bytes')
  })
})

describe('the excerpt of a change', () => {
  it('lists removed and added lines in page order', () => {
    expect(changeExcerpt('A\nB\nC', 'A\nB2\nC\nD')).toBe('- B\n+ B2\n+ D')
  })

  it('stays within 2 KB, and says how much more changed', () => {
    const before = Array.from({length: 400}, (_, index) => `Строка ${index}: условия расторжения договора`).join('\n')
    const after = before.replace(/условия/g, 'новые условия')
    const excerpt = changeExcerpt(before, after)
    expect(Buffer.byteLength(excerpt)).toBeLessThanOrEqual(EXCERPT_MAX_BYTES)
    expect(excerpt).toMatch(/… \d+ more changed lines$/)
    expect(excerpt.split('\n').slice(0, 2)).toEqual([
      '- Строка 0: условия расторжения договора',
      '+ Строка 0: новые условия расторжения договора',
    ])
  })
})

describe('where the dataset cites sources', () => {
  it('finds facts, lists of sources, links in rich text and operator websites, each with its place', async () => {
    const seed = await citingDocuments()
    const policy = seed.find((doc) => doc._id === 'policy.kcell')!
    const citations = citationsIn(policy)
    expect(citations).toContainEqual(
      expect.objectContaining({
        url: 'https://kcell.kz/kk/product/documents',
        path: expect.stringMatching(/^channels\[_key=="\w+"\]\.evidence$/),
        field: 'channels › evidence',
      }),
    )
    expect(citations).toContainEqual(expect.objectContaining({url: 'https://activ.kz/en/article/faq', field: 'sources'}))
    expect(citations).toContainEqual(expect.objectContaining({field: 'steps › zh', url: 'https://kcell.kz/kk/product/documents'}))
    const operator = seed.find((doc) => doc._id === 'operator.tele2')!
    expect(citationsIn(operator).map((citation) => citation.url)).toContain('https://tele2.kz/')
    // 28 cited pages when the issue counted them, and the five exact pages the dated facts cite
    // since (activ's packs and Auto Extra Balance, Kcell's router and B2B pack, zakon.kz's proposal).
    expect(citedUrls(seed)).toHaveLength(33)
    expect(seed.find((doc) => doc._id === 'policy.kcell')?.label).toBe('Kcell')
  })

  it('spells each page one way', () => {
    expect(normalizeSourceUrl(' https://www.kcell.kz ')).toBe('https://www.kcell.kz/')
    expect(normalizeSourceUrl('https://kcell.kz/a#section')).toBe('https://kcell.kz/a')
    expect(normalizeSourceUrl('kcell.kz/a')).toBe('kcell.kz/a')
  })
})

describe('a source changed since it was verified', () => {
  it('compares the day of the change with the day of verification; a change on that day counts as seen', () => {
    expect(changedSinceVerified('2026-11-27T08:00:00.000Z', '2026-11-26')).toBe(true)
    expect(changedSinceVerified('2026-11-27T23:00:00.000Z', '2026-11-27')).toBe(false)
    expect(changedSinceVerified(null, '2026-11-26')).toBe(false)
    expect(changedSinceVerified('2026-11-27T08:00:00.000Z', null)).toBe(false)
  })

  it('names the policy sources that changed, and lists them first for editors', async () => {
    const seed = await citingDocuments()
    const policy = seed.find((doc) => doc._id === 'policy.kcell')!
    const checks = [
      {url: 'https://kcell.kz/kk/product/documents', status: 'changed', changedAt: '2099-01-01T00:00:00.000Z'},
      {url: 'https://tele2.kz/', status: 'unreachable', changedAt: null},
      {url: 'https://www.kcell.kz/', status: 'unchanged', changedAt: null},
    ]
    expect(sourcesChangedSince(policy, policy._type === 'policy' ? policy.verifiedAt : null, checks).map((check) => check.url)).toEqual([
      'https://kcell.kz/kk/product/documents',
    ])
    expect(sourcesChangedSince(policy, '2099-01-01', checks)).toEqual([])
    const rows = sourceRows(seed, checks)
    expect(rows.slice(0, 2).map((row) => row.url)).toEqual(['https://kcell.kz/kk/product/documents', 'https://tele2.kz/'])
    expect(rows[0]!.changedSinceVerified).toBe(true)
    expect(rows[0]!.citations.map((citation) => citation.documentId)).toEqual(
      expect.arrayContaining(['policy.kcell', 'policy.activ', 'faq.which-id']),
    )
    expect(rows.at(-1)!.url).toBe('https://www.kcell.kz/')
  })
})
