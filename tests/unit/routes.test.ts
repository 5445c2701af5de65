import {readdirSync, readFileSync, statSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, relative} from 'node:path'
import {NextRequest} from 'next/server'
import {describe, expect, it} from 'vitest'
import {config, proxy} from '@/proxy'
import {cachingProxyCommand} from '@/scripts/caching-proxy.mjs'
import {WEBHOOK_FILTER, WEBHOOK_PROJECTION} from '@/lib/content/change-webhook'
import {DRAFT_MODE_COOKIE} from '@/lib/draft-mode-cookie.mjs'
import {LOCALES} from '@/lib/i18n/locales'
import {operatorSlugOf} from '@/lib/paths'

/**
 * Things written in more than one place because a tool demands a literal (Next's matcher, the VCL,
 * the README an editor follows): each copy is held to the one definition here.
 */
const allFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? allFiles(path) : [path]
  })
const filesUnder = (dir: string) => allFiles(dir).map((path) => relative(dir, path))

describe("Next's request proxy", () => {
  it('matches draft sessions of every language by the draft-mode cookie, and only those', () => {
    const draftMatcher = config.matcher.find((entry) => typeof entry === 'object')
    expect(draftMatcher?.source).toBe(`/:locale(${LOCALES.join('|')})/:path*`)
    expect(draftMatcher?.has).toEqual([{type: 'cookie', key: DRAFT_MODE_COOKIE}])
  })

  // Next ships the scripts of every client component a route's layouts can reach: draft mode's
  // overlays live in a tree of their own, so every reader page needs its twin there, or an editor's
  // preview of it is a 404.
  const readerFiles = filesUnder('app/[locale]')
  const draftFiles = new Set(filesUnder('app/draft/[locale]'))
  const pages = readerFiles.filter((file) => /(^|\/)(page|not-found|layout)\.tsx$/.test(file))
  it.each(pages)('renders %s in draft mode through its twin in app/draft', (file) => {
    expect(draftFiles.has(file), `app/draft/[locale]/${file}`).toBe(true)
  })

  // Feeds and share images are the same in draft mode: the proxy lets them through as they are.
  const urlOf = (file: string) => `/en/${file.replace(/\[slug\]/g, 'kcell').replace(/\/?route\.ts$/, '').replace(/\.tsx$/, '')}`
  const notPages = readerFiles.filter((file) => !pages.includes(file)).map(urlOf)
  it.each(notPages)('serves %s unchanged to a draft session', async (path) => {
    const request = new NextRequest(new URL(path, 'http://localhost'), {headers: {cookie: `${DRAFT_MODE_COOKIE}=x`}})
    expect((await proxy(request)).headers.get('x-middleware-rewrite')).toBeNull()
  })

  // What the proxy checks against the listed operators: the page, and every address under it.
  it.each([
    ['/en/operators/kcell', 'kcell'],
    ['/kk/operators/kcell/opengraph-image', 'kcell'],
    ['/zh/operators/tele2/report-received', 'tele2'],
    ['/ru/operators/%D0%B1%D0%B8%D0%BB%D0%B0%D0%B9%D0%BD', 'билайн'],
    ['/en/operators/%E0%A4%A', '%E0%A4%A'], // malformed: no operator has it
    ['/en/operators', undefined],
    ['/en/operators/', undefined],
    ['/xx/operators/kcell', undefined],
    ['/en/checklist', undefined],
  ])('finds the operator slug of %s', (path, slug) => {
    expect(operatorSlugOf(path)).toBe(slug)
  })

  it('rewrites a draft session of a page to the draft tree', async () => {
    const request = new NextRequest(new URL('/kk/operators/kcell', 'http://localhost'), {headers: {cookie: `${DRAFT_MODE_COOKIE}=x`}})
    expect(new URL((await proxy(request)).headers.get('x-middleware-rewrite')!).pathname).toBe('/draft/kk/operators/kcell')
  })
})

describe('the caching proxy', () => {
  it("knows a draft session by Next's cookie, filled into its VCL from the one definition", async () => {
    expect(readFileSync('deploy/varnish/site.vcl', 'utf8')).not.toContain('__prerender_bypass')
    const {workDir} = await cachingProxyCommand({PROXY_WORK_DIR: join(tmpdir(), `kz-vcl-${process.pid}`)})
    const vcl = readFileSync(join(workDir, 'site.vcl'), 'utf8')
    expect(vcl).toContain(`(^|;\\s*)${DRAFT_MODE_COOKIE}=`)
    expect(vcl).not.toMatch(/\{\{[A-Z_]+\}\}/)
  })
})

describe("Sanity's webhook, as the README tells editors to configure it", () => {
  it('has the filter and projection the local backend sends and the site reads', () => {
    const readme = readFileSync('README.md', 'utf8')
    expect(readme).toContain(`| Filter | \`${WEBHOOK_FILTER}\` |`)
    expect(readme).toContain(`| Projection | \`${WEBHOOK_PROJECTION}\``)
  })
})
