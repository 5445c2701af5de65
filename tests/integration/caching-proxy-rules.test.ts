import {createServer, request, type IncomingHttpHeaders, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import {afterAll, beforeAll, expect, it} from 'vitest'
import {DRAFT_MODE_COOKIE, DRAFT_SESSION_COOKIE, DRAFT_SESSION_SECONDS, signDraftSession} from '@/lib/site/draft-mode-cookie.mjs'
import {startCachingProxy, type RunningCachingProxy} from '../support/caching-proxy'
import {describeWith, missingFor} from '../support/requirements'
import {TEST_SECRETS, until} from '../support/server'

/**
 * The proxy's rules (deploy/varnish/site.vcl), in front of a stand-in site that shows what it was
 * asked: which path, Host, X-Forwarded-Host and cookie it saw, and how many requests reached it.
 * The tests against the real site are in proxy.test.ts.
 */
const CANONICAL_HOST = 'kz-sim.example'
let proxy: RunningCachingProxy
let upstream: Server
let reached = 0
/** The stand-in holds an answer to /slow until the test opens this gate, and says when one arrived. */
let slowGate: Promise<void> = Promise.resolve()
let slowArrived = () => {}

/** What the stand-in answers for a path. */
function answer(path: string, headers: IncomingHttpHeaders) {
  reached++
  const seen = `path=${path} host=${headers.host} xfh=${headers['x-forwarded-host'] ?? ''} cookie=${headers.cookie ?? ''} n=${reached}`
  const draft = headers.cookie?.includes('__prerender_bypass=') ? ' DRAFT' : ''
  const page = `<!doctype html><html><body>${seen}${draft}</body></html>`
  const key = `doc:${path.split('?')[0]!.split('/')[1] || 'home'}`
  const base = {'content-type': 'text/html; charset=utf-8', 'cache-control': 's-maxage=3600', 'surrogate-key': `${key} type:page`}
  if (path.startsWith('/cookie')) return {status: 200, headers: {...base, 'set-cookie': 'session=abc; Path=/; HttpOnly'}, page}
  if (path.startsWith('/anonymous')) return {status: 200, headers: {'content-type': 'text/html', 'cache-control': 's-maxage=3600'}, page}
  return {status: 200, headers: base, page}
}

/** A raw request to the public listener (or `port`): fetch() may not set Host. */
function send(path: string, headers: Record<string, string> = {}, method = 'GET', port = proxy.port) {
  return new Promise<{status: number; headers: IncomingHttpHeaders; text: string}>((resolve, reject) => {
    const req = request({host: '127.0.0.1', port, path, method, headers}, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk) => (text += chunk))
      res.on('end', () => resolve({status: res.statusCode!, headers: res.headers, text}))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  })
}
const purgePort = () => Number(new URL(proxy.purgeUrl).port)
/** A purge as the site sends it: to the purge listener. */
const purge = (keys: string, headers: Record<string, string> = {}) => send('/', {'xkey-purge': keys, ...headers}, 'PURGE', purgePort())
const countOf = (text: string) => Number(text.match(/n=(\d+)/)?.[1])

beforeAll(async () => {
  if (missingFor('varnish')) return
  upstream = createServer((req, res) => {
    const path = req.url!
    if (path.startsWith('/slow')) {
      // Answers once the test opens the gate: a purge arrives while the proxy waits for it.
      slowArrived()
      void slowGate.then(() => {
        const {status, headers, page} = answer(path, req.headers)
        res.writeHead(status, headers).end(page)
      })
      return
    }
    if (path.startsWith('/broken')) {
      // Promises a whole page, sends the start of it, and dies.
      res.writeHead(200, {'content-type': 'text/html', 'content-length': '5000', 'surrogate-key': 'doc:broken'})
      res.write('<!doctype html><html><body>the start of a page', () => res.destroy())
      return
    }
    const {status, headers, page} = answer(path, req.headers)
    res.writeHead(status, headers).end(page)
  })
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve))
  proxy = await startCachingProxy(`http://127.0.0.1:${(upstream.address() as AddressInfo).port}`, {SITE_URL: `https://${CANONICAL_HOST}`})
})

afterAll(async () => {
  await proxy?.close()
  await new Promise((resolve) => upstream?.close(resolve))
})

describeWith(['varnish'], 'caching proxy rules', () => {
  it('caches a page that names its documents, and serves it from memory', async () => {
    const first = await send('/en/page')
    const second = await send('/en/page')
    expect(first.headers['x-cache']).toBe('MISS')
    expect(second.headers['x-cache']).toBe('HIT')
    expect(second.text).toBe(first.text)
    // The keys are the proxy's business: readers do not see them.
    expect(second.headers['surrogate-key']).toBeUndefined()
    expect(second.headers.xkey).toBeUndefined()
  })

  it('purges by key, from loopback, and leaves pages with other keys cached', async () => {
    await send('/en/page')
    await send('/ru/other')
    const purged = await purge('doc:ru')
    expect(purged.status).toBe(200)
    expect((await send('/ru/other')).headers['x-cache']).toBe('MISS')
    expect((await send('/en/page')).headers['x-cache']).toBe('HIT')
  })

  it('refuses a purge on the public listener whatever its headers, takes only purges on its own, and needs keys', async () => {
    await send('/en/page')
    // From loopback with nothing forwarded (a terminator that adds no X-Forwarded-For), or anything else.
    for (const headers of [{}, {'x-forwarded-for': '127.0.0.1'}, {'x-forwarded-for': '203.0.113.9'}, {host: 'localhost'}] as Record<
      string,
      string
    >[]) {
      const refused = await send('/', {'xkey-purge': 'doc:en', ...headers}, 'PURGE')
      expect(refused.status, JSON.stringify(headers)).toBe(405)
    }
    expect((await send('/en/page')).headers['x-cache']).toBe('HIT')
    expect((await send('/en/page', {}, 'GET', purgePort())).status).toBe(405)
    expect((await send('/', {}, 'PURGE', purgePort())).status).toBe(400)
  })

  it('never caches a response that sets a cookie', async () => {
    const counts = []
    for (let i = 0; i < 3; i++) {
      const response = await send('/cookie/page')
      expect(response.headers['set-cookie']).toBeDefined()
      expect(response.headers['x-cache']).not.toBe('HIT')
      counts.push(countOf(response.text))
    }
    expect(new Set(counts).size).toBe(3)
  })

  it('never caches a page that does not name its documents: no purge could reach it', async () => {
    const first = countOf((await send('/anonymous')).text)
    expect(countOf((await send('/anonymous')).text)).toBeGreaterThan(first)
  })

  const session = (secret = TEST_SECRETS.DRAFT_MODE_SECRET, now = Date.now()) =>
    `${DRAFT_MODE_COOKIE}=editor-session; ${DRAFT_SESSION_COOKIE}=${signDraftSession(secret, now)}`

  it('lets a draft session the site signed through to the site, and never shows a draft to anyone else', async () => {
    const draft = await send('/en/draft', {cookie: `${session()}; other=1`})
    expect(draft.text).toContain('DRAFT')
    expect(draft.text).toContain('cookie=__prerender_bypass=editor-session')
    expect(draft.headers['x-cache']).toBe('PASS')
    const reader = await send('/en/draft')
    expect(reader.text).not.toContain('DRAFT')
    const again = await send('/en/draft', {cookie: session()})
    expect(again.text).toContain('DRAFT')
    // Any other cookie is dropped: the reader gets the shared copy, and the site never sees it.
    const withCookie = await send('/en/draft', {cookie: 'theme=dark'})
    expect(withCookie.headers['x-cache']).toBe('HIT')
    expect(withCookie.text).toBe(reader.text)
  })

  it('serves a made-up draft session from the cache, as a reader, and the site never sees its cookies', async () => {
    const reader = await send('/en/forged')
    const made = [
      `${DRAFT_MODE_COOKIE}=made-up`,
      `${DRAFT_MODE_COOKIE}=made-up; ${DRAFT_SESSION_COOKIE}=${Math.floor(Date.now() / 1000) + 3600}.${'a'.repeat(64)}`,
      `${DRAFT_MODE_COOKIE}=made-up; ${DRAFT_SESSION_COOKIE}=${signDraftSession('another-secret-of-at-least-32-characters')}`,
      `${DRAFT_MODE_COOKIE}=made-up; ${DRAFT_SESSION_COOKIE}=${signDraftSession(TEST_SECRETS.DRAFT_MODE_SECRET, Date.now() - DRAFT_SESSION_SECONDS * 1000 - 1000)}`,
      `${DRAFT_MODE_COOKIE}=made-up; ${DRAFT_SESSION_COOKIE}=${signDraftSession().replace(/^\d+/, '99999999999')}`,
    ]
    for (const cookie of made) {
      const forged = await send('/en/forged', {cookie})
      expect(forged.headers['x-cache'], cookie).toBe('HIT')
      expect(forged.text).toBe(reader.text)
    }
  })

  it('is not poisoned by a forged Host or X-Forwarded-Host', async () => {
    const forged = await send('/en/host', {
      host: 'evil.example',
      'x-forwarded-host': 'evil.example',
      'x-forwarded-server': 'evil.example',
      forwarded: 'host=evil.example',
    })
    expect(forged.text).toContain(`host=${CANONICAL_HOST} xfh= `)
    const reader = await send('/en/host')
    expect(reader.headers['x-cache']).toBe('HIT')
    expect(reader.text).not.toContain('evil')
  })

  it('passes the API, the Studio, "/" and client navigation requests through', async () => {
    for (const [path, headers] of [
      ['/api/health', {}],
      ['/studio/desk', {}],
      ['/', {}],
      ['/en/page', {rsc: '1'}],
      ['/en/page?_rsc=abc', {}],
    ] as const) {
      await send(path, headers)
      const second = await send(path, headers)
      expect(second.headers['x-cache'], path).not.toBe('HIT')
    }
  })

  it('keys query strings in full, in any order', async () => {
    const first = await send('/en/checklist?operator=izi&location=abroad')
    expect((await send('/en/checklist?location=abroad&operator=izi')).text).toBe(first.text)
    expect((await send('/en/checklist?operator=izi&location=home')).text).not.toBe(first.text)
  })

  it('never keeps, or hands waiting readers, a page the site was asked for before a purge of it', async () => {
    const arrived = new Promise<void>((resolve) => (slowArrived = resolve))
    let openGate: () => void
    slowGate = new Promise<void>((resolve) => (openGate = resolve))
    const sleepingBefore = await proxy.counter('MAIN.busy_sleep')
    const first = send('/slow/page') // reaches the site, answer pending
    await arrived
    const waiting = send('/slow/page') // waits for the same fetch
    await until(
      'the second reader waits for the first fetch',
      async () => (await proxy.counter('MAIN.busy_sleep')) > sleepingBefore,
      10_000,
    )
    expect((await purge('doc:slow')).status).toBe(200)
    const askedBeforePurge = reached + 1 // the pending answer will count itself
    openGate!()
    const [delivered, waited] = await Promise.all([first, waiting])
    // The proxy asked the site again after the purge, once, for both readers, and keeps that answer.
    expect(countOf(delivered.text)).toBeGreaterThan(askedBeforePurge)
    expect(waited.text).toBe(delivered.text)
    const next = await send('/slow/page')
    expect(next.headers['x-cache']).toBe('HIT')
    expect(next.text).toBe(delivered.text)
  })

  it('answers a clear 503, never the start of a page, when the site dies mid-answer', async () => {
    const response = await send('/broken/page')
    expect(response.status).toBe(503)
    expect(response.text).toContain('temporarily unavailable')
    expect(response.text).not.toContain('the start of a page')
  })

  it('serves what it has while the site is down, and a clear 503 for the rest', async () => {
    const cached = await send('/en/kept')
    await new Promise((resolve) => upstream.close(resolve))
    upstream.closeAllConnections()
    const kept = await send('/en/kept')
    expect(kept.status).toBe(200)
    expect(kept.text).toBe(cached.text)
    expect(kept.text.endsWith('</html>')).toBe(true)
    const missing = await send('/en/never-asked')
    expect(missing.status).toBe(503)
    expect(missing.headers['retry-after']).toBeDefined()
    expect(missing.text).toContain('The guide is temporarily unavailable')
  })
})
