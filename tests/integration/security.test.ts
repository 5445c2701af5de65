import {readdirSync, readFileSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, inject, it} from 'vitest'
import {get, TEST_SECRETS} from '../support/server'
import {TEST_BUILD_FILE} from '../support/test-build.mjs'

/** The reader site runs with the secrets too: a page could only leak what its server has. */
const site = {url: inject('readerSiteUrl')}

function csp(header: string | null) {
  return Object.fromEntries(
    (header ?? '')
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...values]) => [name, values.join(' ')]),
  )
}

describe('security headers', () => {
  it.each(['/en', '/zh/operators/kcell', '/en/checklist?operator=kcell', '/api/health', '/en/feed.xml', '/sitemap.xml'])(
    '%s',
    async (path) => {
      const {headers} = await get(`${site.url}${path}`)
      const policy = csp(headers.get('content-security-policy'))
      expect(policy['default-src']).toBe("'self'")
      expect(policy['object-src']).toBe("'none'")
      expect(policy['frame-ancestors']).toBe("'none'")
      expect(policy['base-uri']).toBe("'self'")
      expect(policy['script-src']).not.toMatch(/unsafe-eval|\*/)
      expect(headers.get('x-content-type-options')).toBe('nosniff')
      expect(headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
      expect(headers.get('permissions-policy')).toMatch(/camera=\(\)/)
      expect(headers.get('x-powered-by')).toBeNull()
      expect(headers.get('strict-transport-security')).toBeNull()
    },
  )

  it('the Studio gets its own policy, may be framed by this origin only, and is not indexed', async () => {
    const response = await get(`${site.url}/studio`)
    const policy = csp(response.headers.get('content-security-policy'))
    expect(policy['frame-ancestors']).toBe("'self'")
    expect(policy['connect-src']).toContain('https://*.sanity.io')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('x-powered-by')).toBeNull()
    expect(response.text).toMatch(/<meta name="robots" content="noindex, nofollow"/)
    // Not configured here: it explains how to connect a project instead of crashing.
    expect(response.status).toBe(200)
    expect(response.text).toContain('SANITY_PROJECT_ID')
  })

  it('sends HSTS when the site is reached over HTTPS', async () => {
    const {headers} = await get(`${site.url}/en`, {headers: {'x-forwarded-proto': 'https'}})
    expect(headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/)
  })
})

describe('secrets', () => {
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name)
      return statSync(path).isDirectory() ? files(path) : [path]
    })

  it('never reach a file served to browsers (.next/static), though the build had them', () => {
    // Which secrets the build was made with, as scripts/test.mjs recorded them: the search below
    // is only worth something if these are the strings it looks for.
    const built = JSON.parse(readFileSync(join('.next', TEST_BUILD_FILE), 'utf8')) as {env: Record<string, string>}
    for (const [name, secret] of Object.entries(TEST_SECRETS)) expect(built.env[name], name).toBe(secret)
    const served = files('.next/static')
    expect(served.length).toBeGreaterThan(10)
    for (const file of served) {
      const content = readFileSync(file, 'latin1')
      for (const secret of Object.values(TEST_SECRETS)) expect(content.includes(secret), file).toBe(false)
    }
  })

  it('never appear in a page', async () => {
    for (const path of ['/en', '/en/operators/kcell', '/studio']) {
      const {text} = await get(`${site.url}${path}`)
      for (const secret of Object.values(TEST_SECRETS)) expect(text).not.toContain(secret)
    }
  })
})

describe('nothing a reader does changes content', () => {
  it.each(['PUT', 'DELETE', 'PATCH'])('%s on pages and the API is refused', async (method) => {
    for (const path of ['/api/revalidate', '/api/health', '/api/ready', '/api/content-changes']) {
      expect((await get(`${site.url}${path}`, {method})).status).toBe(405)
    }
  })
})
