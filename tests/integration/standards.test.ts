import {execFile} from 'node:child_process'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {promisify} from 'node:util'
import {parseFeed} from '@rowanmanning/feed-parser'
import {structuredDataTest, type StructuredDataResult} from 'structured-data-testing-tool'
import {Google, SocialMedia} from 'structured-data-testing-tool/presets'
import vnuJar from 'vnu-jar'
import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest'
import {operatorSlugsQuery} from '@/lib/content/queries'
import {LOCALES} from '@/lib/i18n/locales'
import {sideBySideSubpath} from '@/lib/site/paths'
import {runGroq} from '../support/dataset'
import {get, TEST_SITE_URL} from '../support/server'

/**
 * The site checked by tools that no one here wrote: the W3C Nu HTML Checker (vnu.jar, on a Java
 * runtime) for every page type in every language, a maintained feed parser for the Atom feeds,
 * and a schema.org checker for the JSON-LD.
 */
const [first, second] = await runGroq<string[]>(operatorSlugsQuery)
const PAGE_TYPES = {
  home: '',
  operator: '/operators/kcell',
  brand: '/operators/activ',
  unverifiedOperator: '/operators/tele2',
  compare: '/compare',
  sideBySide: sideBySideSubpath([first!, second!]),
  faq: '/faq',
  checklist: '/checklist',
  filledChecklist: '/checklist?operator=beeline&plan=postpaid&sim=esim&location=abroad&lost=1&otherOwner=1&balance=1',
}
const PAGES = LOCALES.flatMap((locale) => Object.values(PAGE_TYPES).map((path) => `/${locale}${path}`))

const site = {url: inject('readerSiteUrl')}
let workDir: string
const html = new Map<string, string>()
/** Nu HTML Checker messages of type "error", per page. */
const htmlErrors = new Map<string, string[]>()

const fileOf = (page: string) => join(workDir, `${page.replace(/[^a-z0-9]+/gi, '_')}.html`)

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'kz-sim-standards-'))
  for (const page of PAGES) {
    const {status, text} = await get(`${site.url}${page}`)
    expect(status, page).toBe(200)
    html.set(page, text)
    writeFileSync(fileOf(page), text)
  }
  // One Java start for every page. vnu exits non-zero when it finds errors; the JSON says which.
  const {stdout, stderr} = await promisify(execFile)(
    'java',
    ['-jar', vnuJar, '--format', 'json', '--stdout', '--exit-zero-always', ...PAGES.map(fileOf)],
    {
      maxBuffer: 64 * 1024 * 1024,
    },
  ).catch((error: {stdout?: string; stderr?: string}) => ({stdout: error.stdout ?? '', stderr: error.stderr ?? ''}))
  const report = JSON.parse(stdout || stderr) as {
    messages: {type: string; subType?: string; url: string; message: string; extract?: string}[]
  }
  for (const page of PAGES) htmlErrors.set(page, [])
  for (const message of report.messages) {
    if (message.type !== 'error' && message.subType !== 'fatal') continue
    const page = PAGES.find((candidate) => message.url.endsWith(fileOf(candidate).split('/').pop()!))
    htmlErrors.get(page ?? PAGES[0]!)!.push(`${message.message} ${message.extract ?? ''}`)
  }
}, 180_000)

afterAll(async () => {
  if (workDir) rmSync(workDir, {recursive: true, force: true})
})

describe('W3C Nu HTML Checker', () => {
  it.each(PAGES)('%s has no HTML errors', (page) => {
    expect(htmlErrors.get(page)).toEqual([])
  })
})

describe('Atom feeds through a feed parser', () => {
  it.each(LOCALES)('/%s/feed.xml parses, with entries, absolute links and dates', async (locale) => {
    const {status, headers, text} = await get(`${site.url}/${locale}/feed.xml`)
    expect(status).toBe(200)
    expect(headers.get('content-type')).toMatch(/application\/atom\+xml/)
    const feed = parseFeed(text)
    expect(feed.meta.type).toBe('atom')
    expect(feed.title).toBeTruthy()
    expect(feed.url).toBe(`${TEST_SITE_URL}/${locale}`)
    expect(feed.items.length).toBeGreaterThanOrEqual(6)
    for (const item of feed.items) {
      expect(item.title).toBeTruthy()
      expect(item.url).toMatch(new RegExp(`^${TEST_SITE_URL}/${locale}/operators/[a-z0-9-]+$`))
      expect(item.updated?.getTime() ?? NaN).not.toBeNaN()
    }
  })

  it.each(LOCALES)('/%s pages announce their feed in <head>', (locale) => {
    const head = html.get(`/${locale}`)!.split('</head>')[0]!
    expect(head).toMatch(new RegExp(`<link rel="alternate" type="application/atom\\+xml"[^>]* href="${TEST_SITE_URL}/${locale}/feed.xml"`))
  })
})

describe('JSON-LD and social metadata through a schema.org checker', () => {
  const check = async (page: string, schemas: string[]): Promise<StructuredDataResult> =>
    structuredDataTest(html.get(page)!, {presets: [Google, SocialMedia], schemas}).catch(
      (error: {type?: string; res?: StructuredDataResult}) => {
        if (error.type === 'VALIDATION_FAILED' && error.res) return error.res
        throw error
      },
    )

  it.each(LOCALES)('/%s/operators/kcell: HowTo passes, with Open Graph and Twitter cards', async (locale) => {
    const result = await check(`/${locale}/operators/kcell`, ['HowTo'])
    expect(result.failed.map((test) => `${test.test}: ${test.error?.message ?? ''}`)).toEqual([])
    expect(result.schemas).toContain('HowTo')
  })

  it.each(LOCALES)('/%s/faq: FAQPage passes', async (locale) => {
    const result = await check(`/${locale}/faq`, ['FAQPage'])
    expect(result.failed.map((test) => `${test.test}: ${test.error?.message ?? ''}`)).toEqual([])
    expect(result.schemas).toContain('FAQPage')
  })

  it.each(PAGES)('%s describes its share image (og:image:alt, twitter:image:alt)', (page) => {
    const text = html.get(page)!
    expect(text).toMatch(/<meta property="og:image:alt" content="[^"]{10,}"/)
    expect(text).toMatch(/<meta name="twitter:image:alt" content="[^"]{10,}"/)
  })
})
