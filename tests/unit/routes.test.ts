import {readdirSync, readFileSync, statSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, relative} from 'node:path'
import {NextRequest} from 'next/server'
import {describe, expect, it} from 'vitest'
import {config, proxy} from '@/proxy'
import {cachingProxyCommand} from '@/scripts/caching-proxy.mjs'
import {WEBHOOK_FILTER, WEBHOOK_PROJECTION} from '@/lib/content/webhook/delivery'
import {DRAFT_MODE_COOKIE, DRAFT_SESSION_COOKIE, isDraftSession, signDraftSession} from '@/lib/site/draft-mode-cookie.mjs'
import {LOCALES} from '@/lib/i18n/locales'
import {operatorSlugOf, TOP_LEVEL_SEGMENTS} from '@/lib/site/paths'

/**
 * Things written in more than one place because a tool demands a literal (Next's matcher, the VCL,
 * the manual an editor follows): each copy is held to the one definition here.
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
  const urlOf = (file: string) =>
    `/en/${file
      .replace(/\[slug\]/g, 'kcell')
      .replace(/\/?route\.ts$/, '')
      .replace(/\.tsx$/, '')}`
  const notPages = readerFiles.filter((file) => !pages.includes(file)).map(urlOf)
  /** A draft session as the enable route leaves it: Next's cookie, and the signed companion. */
  const draftSession = () => `${DRAFT_MODE_COOKIE}=x; ${DRAFT_SESSION_COOKIE}=${signDraftSession()}`
  const requestWith = (path: string, cookie: string) => new NextRequest(new URL(path, 'http://localhost'), {headers: {cookie}})

  it.each(notPages)('serves %s unchanged to a draft session', async (path) => {
    const request = requestWith(path, draftSession())
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
    const request = requestWith('/kk/operators/kcell', draftSession())
    expect(new URL((await proxy(request)).headers.get('x-middleware-rewrite')!).pathname).toBe('/draft/kk/operators/kcell')
  })

  it.each([
    ['no companion', `${DRAFT_MODE_COOKIE}=made-up; theme=dark`],
    ['a made-up companion', `${DRAFT_MODE_COOKIE}=made-up; ${DRAFT_SESSION_COOKIE}=9999999999.${'0'.repeat(64)}; theme=dark`],
    [
      'an expired one',
      `${DRAFT_MODE_COOKIE}=made-up; ${DRAFT_SESSION_COOKIE}=${signDraftSession(undefined, Date.now() - 13 * 3600_000)}; theme=dark`,
    ],
  ])('treats Next’s cookie with %s as a reader’s request, and hands the page the request without it', async (_name, cookie) => {
    const page = await proxy(requestWith('/en/compare', cookie))
    expect(page.headers.get('x-middleware-rewrite')).toBeNull()
    expect(page.headers.get('x-middleware-request-cookie')).toBe('theme=dark')
    const draftTree = await proxy(requestWith('/draft/en/compare', cookie))
    expect(new URL(draftTree.headers.get('x-middleware-rewrite')!).pathname).toBe('/_not-found/operator')
  })

  // Every address outside the site's top level gets the site's 404 page, never Next's bare one.
  const catchAll = config.matcher.find((entry): entry is string => typeof entry === 'string' && entry.startsWith('/((?!'))!
  it('runs on every address outside the top level the site has, and on none inside it', () => {
    const names = /\(\?:([^)]+)\)\(\?:\/\|\$\)/
      .exec(catchAll)![1]!
      .split('|')
      .map((name) => name.replace(/\\/g, ''))
    expect(new Set(names)).toEqual(TOP_LEVEL_SEGMENTS)
    // What is at the top level: the route folders, public/, and the metadata routes.
    const routes = readdirSync('app', {withFileTypes: true})
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('_'))
      .map((entry) => entry.name)
    const metadata = readdirSync('app')
      .filter((name) => /^(robots|sitemap)\.ts$/.test(name))
      .map((name) => name.replace(/\.ts$/, name.startsWith('robots') ? '.txt' : '.xml'))
    for (const name of [...routes.filter((name) => name !== '[locale]'), ...LOCALES, ...readdirSync('public'), ...metadata])
      expect(TOP_LEVEL_SEGMENTS.has(name), name).toBe(true)
    const matches = (path: string) => new RegExp(`^${catchAll}$`).test(path)
    for (const path of ['/xx', '/wp-login.php', '/.env', '/enx', '/en-us/faq', '/_not-found', '/xx/operators/kcell'])
      expect(matches(path), path).toBe(true)
    for (const path of [
      '/',
      '/en',
      '/zh/faq',
      '/api/health',
      '/studio',
      '/_next/static/x.js',
      '/favicon.svg',
      '/robots.txt',
      '/sitemap.xml',
      '/draft',
    ])
      expect(matches(path), path).toBe(false)
  })

  it.each(['/xx', '/wp-login.php', '/.env', '/_not-found', '/en-us/faq', '/draft', '/draft/en'])(
    'answers %s with the site’s 404 page',
    async (path) => {
      const response = await proxy(requestWith(path, ''))
      expect(new URL(response.headers.get('x-middleware-rewrite')!).pathname).toBe('/_not-found/operator')
    },
  )

  it('verifies a draft session by its signature and expiry only', () => {
    const secret = 'a-secret-of-at-least-thirty-two-characters'
    const now = Date.now()
    const value = signDraftSession(secret, now)
    expect(isDraftSession(value, secret, now)).toBe(true)
    expect(isDraftSession(value, `${secret}x`, now)).toBe(false)
    expect(isDraftSession(value, secret, now + 12 * 3600_000 + 1000)).toBe(false)
    expect(
      isDraftSession(
        value.replace(/^\d+/, (expires) => String(Number(expires) + 3600)),
        secret,
        now,
      ),
    ).toBe(false)
    for (const made of [undefined, '', 'x', `${value}0`, value.toUpperCase(), ` ${value}`])
      expect(isDraftSession(made, secret, now), String(made)).toBe(false)
  })
})

describe('the caching proxy', () => {
  const secret = 'vcl-test-secret-of-at-least-32-characters'
  const command = (env: Record<string, string> = {}) =>
    cachingProxyCommand({PROXY_WORK_DIR: join(tmpdir(), `kz-vcl-${process.pid}`), ...env})

  it("knows a draft session by Next's cookie and the signed companion, filled into its VCL from the one definition", async () => {
    const template = readFileSync('deploy/varnish/site.vcl', 'utf8')
    expect(template).not.toContain(DRAFT_MODE_COOKIE)
    expect(template).not.toContain(DRAFT_SESSION_COOKIE)
    const {workDir, verifiesDraftSessions} = await command({DRAFT_MODE_SECRET: secret})
    const file = join(workDir, 'site.vcl')
    const vcl = readFileSync(file, 'utf8')
    expect(vcl).toContain(`(^|;\\s*)${DRAFT_MODE_COOKIE}=`)
    expect(vcl).toContain(`cookie.get("${DRAFT_SESSION_COOKIE}")`)
    expect(vcl).toContain(`digest.hmac_sha256("${secret}"`)
    expect(vcl).not.toMatch(/\{\{[A-Z_]+\}\}/)
    expect(verifiesDraftSessions).toBe(true)
    // It holds the secret: its owner's to read.
    expect(statSync(file).mode & 0o077).toBe(0)
  })

  it('without the secret lets no draft session through, and says so', async () => {
    const {workDir, verifiesDraftSessions} = await command()
    expect(verifiesDraftSessions).toBe(false)
    expect(readFileSync(join(workDir, 'site.vcl'), 'utf8')).toMatch(/digest\.hmac_sha256\("[0-9a-f]{64}"/)
    await expect(command({DRAFT_MODE_SECRET: 'short'})).rejects.toThrow(/DRAFT_MODE_SECRET/)
    await expect(command({DRAFT_MODE_SECRET: `${secret}"); }`})).rejects.toThrow(/DRAFT_MODE_SECRET/)
  })

  it('takes purges on a listener of their own, PROXY_PORT + 1 on loopback unless PROXY_PURGE_PORT and PROXY_PURGE_BIND say otherwise', async () => {
    expect((await command({PROXY_PORT: '8080'})).args.join(' ')).toContain('-a public=:8080 -a purge=127.0.0.1:8081')
    const fleet = await command({PROXY_PORT: '8080', PROXY_PURGE_PORT: '9000', PROXY_BIND: '::', PROXY_PURGE_BIND: '10.89.0.2'})
    expect(fleet.args.join(' ')).toContain('-a public=[::]:8080 -a purge=10.89.0.2:9000')
    await expect(command({PROXY_PORT: '8080', PROXY_PURGE_PORT: '8080'})).rejects.toThrow(/PROXY_PURGE_PORT/)
  })
})

describe("Sanity's webhook, as docs/deploy.md tells editors to configure it", () => {
  it('has the filter and projection the local backend sends and the site reads', () => {
    const manual = readFileSync('docs/deploy.md', 'utf8')
    expect(manual).toContain(`| Filter | \`${WEBHOOK_FILTER}\` |`)
    expect(manual).toContain(`| Projection | \`${WEBHOOK_PROJECTION}\``)
  })
})
