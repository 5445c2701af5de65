import {request} from 'node:http'
import type {SanityClient} from '@sanity/client'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {tagsForChange} from '@/lib/content/tags'
import {signWebhookBody} from '@/lib/webhook-signature'
import {editorClient, lakeSiteEnv, startContentLake, type ContentLake} from '../support/content-lake'
import {FIXTURE_FILE} from '../support/dataset'
import {hasVarnish, startCachingProxy, type RunningCachingProxy} from '../support/caching-proxy'
import {freePort, get, startSite, TEST_SECRETS, TEST_SITE_URL, visibleText, type RunningSite} from '../support/server'

/**
 * The caching proxy (npm run caching-proxy) in front of the built site, which purges it by tag
 * (PROXY_PURGE_URL). Every check after an edit is the first request through the proxy after the
 * site answered the webhook.
 */
let lake: ContentLake
let site: RunningSite
let proxy: RunningCachingProxy
let editor: SanityClient
let siteEnv: Record<string, string>
const PAGES = ['/en', '/zh', '/en/operators/kcell', '/en/operators/beeline', '/ru/operators/tele2', '/en/compare', '/en/faq', '/kk/faq']

const through = (path: string, init?: RequestInit) => get(`${proxy.url}${path}`, init)
/** The documents a page names, as the site sends them to the proxy. */
const keysOf = async (path: string) => ((await get(`${site.url}${path}`)).headers.get('surrogate-key') ?? '').split(' ').filter(Boolean)
const isWholePage = (html: string) => html.trimEnd().endsWith('</html>')

beforeAll(async () => {
  if (!hasVarnish()) return
  lake = await startContentLake({file: FIXTURE_FILE, secret: TEST_SECRETS.SANITY_REVALIDATE_SECRET})
  siteEnv = lakeSiteEnv(lake)
  const sitePort = await freePort()
  proxy = await startCachingProxy(`http://127.0.0.1:${sitePort}`, {SITE_URL: TEST_SITE_URL})
  site = await startSite({port: sitePort, env: {...siteEnv, PROXY_PURGE_URL: proxy.url}})
  lake.webhook.url = `${site.url}/api/revalidate`
  editor = editorClient(lake)
})

afterAll(async () => {
  await site?.stop()
  await proxy?.close()
  await lake?.stop()
})

/** Fetches each page through the proxy until it is served from its cache. */
async function warm(paths: string[]) {
  for (const path of paths) {
    for (let i = 0; (await through(path)).headers.get('x-cache') !== 'HIT'; i++) {
      if (i > 5) throw new Error(`${path} is never cached by the proxy:\n${proxy.logs()}`)
    }
  }
}

describe.skipIf(!hasVarnish())('the caching proxy in front of the site', () => {
  it('caches reader pages and the static assets they load, which name their documents', async () => {
    await warm(PAGES)
    const keys = await keysOf('/en/operators/kcell')
    expect(keys).toContain('doc:operator.kcell')
    expect(keys).toContain('content')
    expect(keys.some((key) => key.startsWith('_N_T_'))).toBe(false)
    const page = await through('/en/operators/kcell')
    expect(page.headers.get('x-cache')).toBe('HIT')
    const asset = page.text.match(/\/_next\/static\/[^"]+\.js/)?.[0]
    expect(asset).toBeDefined()
    await through(asset!)
    expect((await through(asset!)).headers.get('x-cache')).toBe('HIT')
  })

  it.each([
    {doc: {_id: 'operator.kcell', _type: 'operator'}, field: 'legalEntity', page: '/en/operators/kcell', value: 'Kcell JSC'},
    {doc: {_id: 'faq.esim', _type: 'faq'}, field: 'question.en', page: '/en/faq', value: 'Does deleting an eSIM end the contract'},
  ])('shows an edit of $doc._id on the first request after the webhook; pages that show other documents stay cached', async ({doc, field, page, value}) => {
    // An earlier change is purged once more half a second after its webhook (lib/freshness): let it pass.
    await new Promise((resolve) => setTimeout(resolve, 1000))
    await warm(PAGES)
    const keys = Object.fromEntries(await Promise.all(PAGES.map(async (path) => [path, await keysOf(path)] as const)))
    await warm(PAGES)
    const marker = `${value} (proxy ${Date.now()})`
    await editor.patch(doc._id).set({[field]: marker}).commit()
    await lake.webhooksSettled()
    expect(visibleText((await through(page)).text)).toContain(marker)
    const changed = tagsForChange(doc)
    let untouched = 0
    for (const path of PAGES.filter((p) => p !== page)) {
      const shows = keys[path]!.some((key) => changed.includes(key))
      expect((await through(path)).headers.get('x-cache'), `${path} names ${keys[path]!.join(' ')}`).toBe(shows ? 'MISS' : 'HIT')
      if (!shows) untouched++
    }
    if (doc._type === 'faq') expect(untouched).toBeGreaterThan(0)
  })

  it('lets draft mode through to the site, and keeps serving readers the published page', async () => {
    await editor.createOrReplace({_id: 'sanity-preview-url-secret.proxy', _type: 'sanity.previewUrlSecret', secret: 'preview-secret-proxy', source: 'test', studioUrl: '/studio'})
    await lake.webhooksSettled()
    const entered = await through('/api/draft-mode/enable?sanity-preview-secret=preview-secret-proxy&sanity-preview-pathname=/en/operators/kcell')
    expect(entered.status).toBe(307)
    const cookie = entered.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
    expect(cookie).toContain('__prerender_bypass=')
    await warm(['/en/operators/kcell'])
    const draft = await through('/en/operators/kcell', {headers: {cookie}})
    expect(draft.status).toBe(200)
    expect(draft.headers.get('x-cache')).toBe('PASS')
    expect(draft.headers.get('cache-control')).toMatch(/private|no-store/)
    expect((await through('/en/operators/kcell')).headers.get('x-cache')).toBe('HIT')
  })

  it('is not poisoned through Host or X-Forwarded-Host', async () => {
    const forged = await new Promise<string>((resolve, reject) => {
      const req = request({host: '127.0.0.1', port: proxy.port, path: '/en/faq?poison', headers: {host: 'evil.example', 'x-forwarded-host': 'evil.example'}}, (res) => {
        let text = ''
        res.on('data', (chunk) => (text += chunk))
        res.on('end', () => resolve(text))
      })
      req.on('error', reject)
      req.end()
    })
    expect(forged).not.toContain('evil.example')
    const reader = await through('/en/faq?poison')
    expect(reader.headers.get('x-cache')).toBe('HIT')
    expect(reader.text).not.toContain('evil.example')
  })

  it('serves whole pages after a restart of the proxy', async () => {
    await proxy.stop()
    await proxy.start()
    const first = await through('/en/compare')
    expect(first.status).toBe(200)
    expect(first.headers.get('x-cache')).toBe('MISS')
    expect(isWholePage(first.text)).toBe(true)
    expect((await through('/en/compare')).headers.get('x-cache')).toBe('HIT')
  })

  it('serves what it has while the site is down, and a clear 503 for what it has not', async () => {
    await warm(['/en/faq'])
    await site.stop()
    const kept = await through('/en/faq')
    expect(kept.status).toBe(200)
    expect(isWholePage(kept.text)).toBe(true)
    const missing = await through('/ru/compare')
    expect(missing.status).toBe(503)
    expect(missing.text).toContain('The guide is temporarily unavailable')
    // Back up: the proxy fetches from it again.
    site = await startSite({port: site.port, stateDir: site.stateDir, env: {...siteEnv, PROXY_PURGE_URL: proxy.url}})
    expect((await through('/ru/compare')).status).toBe(200)
  })

  it('answers a webhook with 503 when the proxy cannot be purged, and logs why', async () => {
    await site.stop()
    site = await startSite({port: site.port, stateDir: site.stateDir, env: {...siteEnv, PROXY_PURGE_URL: `http://127.0.0.1:${await freePort()}`}})
    const body = JSON.stringify({_id: 'operator.kcell', _type: 'operator'})
    const signature = await signWebhookBody(body, TEST_SECRETS.SANITY_REVALIDATE_SECRET)
    const webhook = await get(`${site.url}/api/revalidate`, {method: 'POST', headers: {'content-type': 'application/json', 'sanity-webhook-signature': signature}, body})
    // Sanity retries a 503: the purge gets another chance.
    expect(webhook.status).toBe(503)
    expect(webhook.text).toMatch(/caching proxy purge at .* failed twice/)
    expect(site.logs()).toMatch(/caching proxy purge at .* failed, retrying once/)
  })
})
