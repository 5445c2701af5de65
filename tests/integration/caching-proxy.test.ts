import {request} from 'node:http'
import type {SanityClient} from '@sanity/client'
import {afterAll, beforeAll, expect, it} from 'vitest'
import {tagsForChange} from '@/lib/content/tags'
import {signWebhookBody} from '@/lib/content/webhook/signature'
import {editorClient, lakeSiteEnv, startContentLake, type ContentLake} from '../support/content-lake'
import {FIXTURE_FILE} from '../support/dataset'
import {DRAFT_MODE_COOKIE, DRAFT_SESSION_COOKIE} from '@/lib/site/draft-mode-cookie.mjs'
import {startCachingProxy, type RunningCachingProxy} from '../support/caching-proxy'
import {describeWith, missingFor} from '../support/requirements'
import {changesSettled, freePort, get, startSite, TEST_SECRETS, TEST_SITE_URL, visibleText, type RunningSite} from '../support/server'

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
  if (missingFor('varnish')) return
  lake = await startContentLake({file: FIXTURE_FILE, secret: TEST_SECRETS.SANITY_REVALIDATE_SECRET})
  // The site and the proxy share the draft-mode secret, as a deployment configures them.
  siteEnv = lakeSiteEnv(lake)
  const sitePort = await freePort()
  proxy = await startCachingProxy(`http://127.0.0.1:${sitePort}`, {SITE_URL: TEST_SITE_URL})
  site = await startSite({port: sitePort, env: {...siteEnv, PROXY_PURGE_URL: proxy.purgeUrl}})
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

describeWith(['varnish'], 'the caching proxy in front of the site', () => {
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
  ])(
    'shows an edit of $doc._id on the first request after the webhook; pages that show other documents stay cached',
    async ({doc, field, page, value}) => {
      // An earlier change is purged once more half a second after its webhook (lib/freshness): once it has settled, pages stay cached.
      await changesSettled(site)
      await warm(PAGES)
      const keys = Object.fromEntries(await Promise.all(PAGES.map(async (path) => [path, await keysOf(path)] as const)))
      await warm(PAGES)
      const marker = `${value} (proxy ${Date.now()})`
      await editor
        .patch(doc._id)
        .set({[field]: marker})
        .commit()
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
    },
  )

  /** A draft session entered as Presentation enters it, through the proxy: the cookies it set. */
  async function enterDraftMode() {
    await editor.createOrReplace({
      _id: 'sanity-preview-url-secret.proxy',
      _type: 'sanity.previewUrlSecret',
      secret: 'preview-secret-proxy',
      source: 'test',
      studioUrl: '/studio',
    })
    await lake.webhooksSettled()
    const entered = await through(
      '/api/draft-mode/enable?sanity-preview-secret=preview-secret-proxy&sanity-preview-pathname=/en/operators/kcell',
    )
    expect(entered.status).toBe(307)
    const cookie = entered.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ')
    expect(cookie).toContain(`${DRAFT_MODE_COOKIE}=`)
    expect(cookie).toContain(`${DRAFT_SESSION_COOKIE}=`)
    return cookie
  }

  it('lets a real draft session through to the site, which shows it the drafts, and keeps serving readers the published page', async () => {
    const cookie = await enterDraftMode()
    const published = await editor.getDocument('operator.kcell')
    const marker = `Kcell JSC (draft ${Date.now()})`
    await editor.createOrReplace({...published!, _id: 'drafts.operator.kcell', legalEntity: marker})
    await warm(['/en/operators/kcell'])
    const draft = await through('/en/operators/kcell', {headers: {cookie}})
    expect(draft.status).toBe(200)
    expect(draft.headers.get('x-cache')).toBe('PASS')
    expect(draft.headers.get('cache-control')).toMatch(/private|no-store/)
    expect(visibleText(draft.text)).toContain(marker)
    const reader = await through('/en/operators/kcell')
    expect(reader.headers.get('x-cache')).toBe('HIT')
    expect(visibleText(reader.text)).not.toContain(marker)
    await editor.delete('drafts.operator.kcell')
  })

  it('serves a made-up __prerender_bypass from its cache, and a made-up operator with it gets the same fast 404', async () => {
    await warm(['/en/compare'])
    for (const cookie of [
      `${DRAFT_MODE_COOKIE}=made-up`,
      `${DRAFT_MODE_COOKIE}=made-up; ${DRAFT_SESSION_COOKIE}=9999999999.${'f'.repeat(64)}`,
    ]) {
      expect((await through('/en/compare', {headers: {cookie}})).headers.get('x-cache'), cookie).toBe('HIT')
    }
    // The request proxy answers a made-up operator with the 404 page before any page renders; a
    // made-up cookie no longer makes it render the operator page to find no operator.
    const timed = async (cookie?: string) => {
      const started = performance.now()
      const answer = await through(`/en/operators/made-up-${Math.random().toString(36).slice(2)}`, cookie ? {headers: {cookie}} : undefined)
      return {...answer, ms: performance.now() - started}
    }
    const [without, withCookie] = [await timed(), await timed(`${DRAFT_MODE_COOKIE}=made-up`)]
    expect(withCookie.status).toBe(404)
    expect(withCookie.text).toBe(without.text)
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!
    const runs = {without: [] as number[], with: [] as number[]}
    for (let i = 0; i < 15; i++) {
      runs.without.push((await timed()).ms)
      runs.with.push((await timed(`${DRAFT_MODE_COOKIE}=made-up`)).ms)
    }
    console.log(
      `[caching proxy] made-up operator, median of 15: ${median(runs.without).toFixed(1)} ms, with a made-up draft cookie ${median(runs.with).toFixed(1)} ms`,
    )
  })

  it('ends a draft session only by a POST from this site: a GET, or a POST from another site, ends nothing', async () => {
    const cookie = await enterDraftMode()
    const leave = (method: string, headers: Record<string, string>) =>
      get(`${site.url}/api/draft-mode/disable`, {method, headers: {cookie, ...headers}})
    const isDraft = async () => (await through('/en/faq', {headers: {cookie}})).headers.get('x-cache') === 'PASS'
    for (const [method, headers] of [
      ['GET', {'sec-fetch-site': 'cross-site'}],
      ['GET', {}],
      ['POST', {'sec-fetch-site': 'cross-site', origin: 'https://evil.example'}],
      ['POST', {origin: 'https://evil.example'}],
    ] as const) {
      const answer = await leave(method, headers)
      expect(answer.status, `${method} ${JSON.stringify(headers)}`).toBe(method === 'GET' ? 405 : 403)
      expect(answer.headers.getSetCookie()).toEqual([])
    }
    expect(await isDraft()).toBe(true)
    const left = await leave('POST', {'sec-fetch-site': 'same-origin', origin: TEST_SITE_URL})
    expect(left.status).toBe(303)
    const cleared = left.headers.getSetCookie()
    for (const name of [DRAFT_MODE_COOKIE, DRAFT_SESSION_COOKIE])
      expect(cleared.find((c) => c.startsWith(`${name}=`))).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i)
  })

  it('expires nothing for a replayed webhook: a page cached after the first delivery stays a cache hit', async () => {
    const body = JSON.stringify({_id: 'faq.esim', _type: 'faq'})
    const headers = {
      'content-type': 'application/json',
      'sanity-webhook-signature': await signWebhookBody(body, TEST_SECRETS.SANITY_REVALIDATE_SECRET),
      'idempotency-key': `replay-${Date.now()}`,
    }
    const deliver = async () =>
      JSON.parse((await get(`${site.url}/api/revalidate`, {method: 'POST', headers, body})).text) as {revalidated: boolean}
    expect(await deliver()).toMatchObject({revalidated: true})
    // The first delivery purges once more RACE_WINDOW_MS later (lib/freshness), by design: once that has settled…
    await changesSettled(site)
    await warm(['/en/faq'])
    expect(await deliver()).toMatchObject({revalidated: false})
    expect((await through('/en/faq')).headers.get('x-cache')).toBe('HIT')
  })

  it('is not poisoned through Host or X-Forwarded-Host', async () => {
    const forged = await new Promise<string>((resolve, reject) => {
      const req = request(
        {host: '127.0.0.1', port: proxy.port, path: '/en/faq?poison', headers: {host: 'evil.example', 'x-forwarded-host': 'evil.example'}},
        (res) => {
          let text = ''
          res.on('data', (chunk) => (text += chunk))
          res.on('end', () => resolve(text))
        },
      )
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
    site = await startSite({port: site.port, stateDir: site.stateDir, env: {...siteEnv, PROXY_PURGE_URL: proxy.purgeUrl}})
    expect((await through('/ru/compare')).status).toBe(200)
  })

  it('answers a webhook with 503 when the proxy cannot be purged, and logs why', async () => {
    await site.stop()
    site = await startSite({
      port: site.port,
      stateDir: site.stateDir,
      env: {...siteEnv, PROXY_PURGE_URL: `http://127.0.0.1:${await freePort()}`},
    })
    const body = JSON.stringify({_id: 'operator.kcell', _type: 'operator'})
    const signature = await signWebhookBody(body, TEST_SECRETS.SANITY_REVALIDATE_SECRET)
    const webhook = await get(`${site.url}/api/revalidate`, {
      method: 'POST',
      headers: {'content-type': 'application/json', 'sanity-webhook-signature': signature},
      body,
    })
    // Sanity retries a 503: the purge gets another chance.
    expect(webhook.status).toBe(503)
    expect(webhook.text).toMatch(/Caching proxy unreachable: try again/)
    expect(webhook.text).not.toContain('127.0.0.1')
    expect(site.logs()).toMatch(/caching proxy purge at .* failed, retrying once/)
  })
})
