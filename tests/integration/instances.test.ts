import {createServer} from 'node:http'
import type {AddressInfo} from 'node:net'
import type {SanityClient} from '@sanity/client'
import {afterAll, beforeAll, expect, it} from 'vitest'
import {signWebhookBody} from '@/lib/content/webhook/signature'
import {editorClient, lakeSiteEnv, startContentLake, type ContentLake} from '../support/content-lake'
import {FIXTURE_FILE} from '../support/dataset'
import {redisContents, startRedis, type RunningRedis} from '../support/redis'
import {describeWith, missingFor} from '../support/requirements'
import {changesSettled, get, startSite, TEST_SECRETS, until, visibleText, type RunningSite} from '../support/server'

/**
 * Several instances of one build behind a load balancer, sharing Redis: the Content Lake sends
 * its webhook to instance A, readers are served by instance B. Every check is the first request
 * on B after A answered the webhook.
 */
let lake: ContentLake
let redis: RunningRedis
let a: RunningSite
let b: RunningSite
let editor: SanityClient
let siteEnv: Record<string, string>

const startInstance = () => startSite({env: siteEnv})
const onB = async (path: string) => visibleText((await get(`${b.url}${path}`)).text)
const settle = () => lake.webhooksSettled()
const edit = async (id: string, set: Record<string, unknown>) => {
  await editor.patch(id).set(set).commit()
  await settle()
}
const signedWebhook = async (site: RunningSite, doc: {_id: string; _type: string}) => {
  const body = JSON.stringify(doc)
  const signature = await signWebhookBody(body, TEST_SECRETS.SANITY_REVALIDATE_SECRET)
  return get(`${site.url}/api/revalidate`, {
    method: 'POST',
    headers: {'content-type': 'application/json', 'sanity-webhook-signature': signature},
    body,
  })
}

beforeAll(async () => {
  if (missingFor('redis')) return
  redis = await startRedis()
  lake = await startContentLake({file: FIXTURE_FILE, secret: TEST_SECRETS.SANITY_REVALIDATE_SECRET})
  siteEnv = {...lakeSiteEnv(lake), REDIS_URL: redis.url}
  ;[a, b] = await Promise.all([startInstance(), startInstance()])
  lake.webhook.url = `${a.url}/api/revalidate`
  editor = editorClient(lake)
})

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()])
  await lake?.stop()
  await redis?.stop()
})

describeWith(['redis'], 'a webhook to one instance refreshes every instance', () => {
  it('shows an edited policy on B', async () => {
    for (const path of ['/en/operators/beeline', '/en', '/en/compare']) await onB(path)
    await edit('policy.beeline', {verifiedAt: '2026-11-20'})
    for (const path of ['/en/operators/beeline', '/en', '/en/compare']) {
      expect((await get(`${b.url}${path}`)).text, path).toContain('dateTime="2026-11-20"')
    }
  })

  it('shows a renamed operator in the FAQ, which lists operators by name', async () => {
    expect(await onB('/en/faq')).toContain('Kcell')
    await edit('operator.kcell', {name: 'Kcell Renamed'})
    expect(await onB('/en/faq')).toContain('Kcell Renamed')
    await edit('operator.kcell', {name: 'Kcell'})
    expect(await onB('/en/faq')).not.toContain('Kcell Renamed')
  })

  it("lists a new brand on its parent operator's page", async () => {
    expect(await onB('/en/operators/tele2')).not.toContain('Tele2 Lite')
    await editor.createOrReplace({
      _id: 'operator.tele2-lite',
      _type: 'operator',
      name: 'Tele2 Lite',
      slug: {_type: 'slug', current: 'tele2-lite'},
      parent: {_type: 'reference', _ref: 'operator.tele2'},
    })
    await settle()
    expect(await onB('/en/operators/tele2')).toContain('Tele2 Lite')
    expect((await get(`${b.url}/en/operators/tele2-lite`)).status).toBe(200)
    await editor.delete('operator.tele2-lite')
    await settle()
    expect(await onB('/en/operators/tele2')).not.toContain('Tele2 Lite')
    expect((await get(`${b.url}/en/operators/tele2-lite`)).status).toBe(404)
  })

  it('says so on the operator page when its policy is deleted, and lists drop the policy', async () => {
    const policy = structuredClone(lake.store.get('policy.beeline')!)
    // With a policy the page lists what it covers and where to cancel; without one it says the
    // procedure is not verified and gives the general steps only.
    const withPolicy = await onB('/en/operators/beeline')
    expect(withPolicy).toContain('Covers :')
    expect(withPolicy).toContain('Where you can cancel')
    const beelineRow = async () =>
      (await get(`${b.url}/en/compare`)).text.split('<tr').find((row) => row.includes('/en/operators/beeline"'))
    expect(await beelineRow()).toMatch(/dateTime=/)
    await editor.delete('policy.beeline')
    await settle()
    const withoutPolicy = await onB('/en/operators/beeline')
    expect(withoutPolicy).not.toContain('Covers :')
    expect(withoutPolicy).not.toContain('Where you can cancel')
    expect(withoutPolicy).toContain('The operator’s own procedure is not yet verified.')
    const row = await beelineRow()
    expect(row).toBeDefined()
    expect(row).not.toMatch(/dateTime=/)
    await editor.createOrReplace(policy)
    await settle()
    expect(await onB('/en/operators/beeline')).toContain('Covers :')
  })

  it('moves a page when its slug changes: the old address 404s on B, the new one answers', async () => {
    await onB('/en/operators/izi')
    await edit('operator.izi', {'slug.current': 'izi-app'})
    expect((await get(`${b.url}/en/operators/izi`)).status).toBe(404)
    expect((await get(`${b.url}/en/operators/izi-app`)).status).toBe(200)
    await edit('operator.izi', {'slug.current': 'izi'})
    expect((await get(`${b.url}/en/operators/izi`)).status).toBe(200)
    expect((await get(`${b.url}/en/operators/izi-app`)).status).toBe(404)
  })

  it('never serves older content on B after B restarts', async () => {
    await edit('policy.kcell', {verifiedAt: '2026-11-22'})
    expect((await get(`${b.url}/en/operators/kcell`)).text).toContain('dateTime="2026-11-22"')
    await b.stop()
    b = await startInstance()
    expect((await get(`${b.url}/en/operators/kcell`)).text).toContain('dateTime="2026-11-22"')
    expect((await get(`${b.url}/en/operators/beeline`)).text).toContain('dateTime="2026-11-20"')
  })

  it('applies a delivery once across instances: replayed on B, or retried by Sanity there, it expires nothing', async () => {
    const body = JSON.stringify({_id: 'policy.beeline', _type: 'policy'})
    const deliver = async (site: RunningSite, signature: string) => {
      const headers = {'content-type': 'application/json', 'sanity-webhook-signature': signature, 'idempotency-key': 'instances-replay'}
      const answer = await get(`${site.url}/api/revalidate`, {method: 'POST', headers, body})
      expect(answer.status).toBe(200)
      return (JSON.parse(answer.text) as {revalidated: boolean}).revalidated
    }
    const signature = await signWebhookBody(body, TEST_SECRETS.SANITY_REVALIDATE_SECRET)
    expect(await deliver(a, signature)).toBe(true)
    expect(await deliver(b, signature)).toBe(false)
    expect(await deliver(b, await signWebhookBody(body, TEST_SECRETS.SANITY_REVALIDATE_SECRET, Date.now() + 1))).toBe(false)
    expect(b.logs()).toMatch(/received again: already applied, nothing expired/)
  })
})

describeWith(['redis'], 'starting', () => {
  it('changes nothing: after two restarts the shared store holds what it held, and the caching proxy got no purge', async () => {
    const store = await startRedis()
    const purges: string[] = []
    const proxy = createServer((request, response) => {
      purges.push(`${request.method} ${request.url} ${request.headers['xkey-purge'] ?? ''}`)
      response.end()
    })
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
    const env = {...lakeSiteEnv(lake), REDIS_URL: store.url, PROXY_PURGE_URL: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`}
    /** A start until ready (its store read, its change feed caught up from the mark), and a stop. */
    const startAndStop = async () => {
      const site = await startSite({env})
      await changesSettled(site)
      await site.stop()
      return site
    }
    try {
      // The first start of a provisional build refreshes every page from the Lake, once per store:
      // that is a change, and it is made once.
      expect((await startAndStop()).logs()).toMatch(/provisional build: every page refreshes/)
      const held = await redisContents(store.url)
      expect(Object.keys(held).length).toBeGreaterThan(0)
      const purgedAtFirstStart = purges.length
      for (let restart = 1; restart <= 2; restart++) {
        const site = await startAndStop()
        expect(site.logs()).not.toMatch(/provisional build: every page refreshes/)
      }
      expect(await redisContents(store.url)).toEqual(held)
      expect(purges.slice(purgedAtFirstStart)).toEqual([])
    } finally {
      proxy.close()
      await store.stop()
    }
  })

  it('settles a provisional build once Redis is back, when it was down at the start', async () => {
    const store = await startRedis()
    await store.stop()
    // Not ready while Redis is down (that is the point): wait only until it answers.
    const site = await startSite({env: {...lakeSiteEnv(lake), REDIS_URL: store.url}, until: 'live'})
    try {
      expect(site.logs()).toMatch(/could not settle the provisional build yet .*trying again/)
      await store.start()
      await expect
        .poll(() => site.logs(), {timeout: 20_000, interval: 250})
        .toMatch(/provisional build: every page refreshes from the Content Lake/)
      expect(Object.keys(await redisContents(store.url))).toContain('kz-sim-guide:tags')
    } finally {
      await site.stop()
      await store.stop()
    }
  })
})

describeWith(['redis'], 'Redis down and back', () => {
  it('keeps both instances answering with the last good pages, answers the webhook 503, and logs why', async () => {
    const paths = ['/en', '/en/operators/kcell', '/zh/faq']
    const before = new Map<string, string>()
    for (const site of [a, b]) for (const path of paths) before.set(`${site.url}${path}`, (await get(`${site.url}${path}`)).text)
    await redis.stop()
    for (const site of [a, b]) {
      for (const path of paths) {
        const page = await get(`${site.url}${path}`)
        expect(page.status, `${site.url}${path}`).toBe(200)
        expect(visibleText(page.text)).toBe(visibleText(before.get(`${site.url}${path}`)!))
      }
    }
    const answer = await signedWebhook(a, {_id: 'policy.kcell', _type: 'policy'})
    expect(answer.status).toBe(503)
    expect(answer.text).toMatch(/Cache store unreachable/)
    expect(a.logs()).toMatch(/\[freshness\] cache store unreachable/)
    expect(a.logs()).toMatch(/change of policy\.kcell not applied, answering 503/)
  })

  it('applies the next webhook on both instances once Redis is back', async () => {
    await redis.start()
    lake.webhook.url = undefined
    await editor.patch('policy.kcell').set({verifiedAt: '2026-11-23'}).commit()
    lake.webhook.url = `${a.url}/api/revalidate`
    // Sanity retries a webhook that answered 503; here the retry comes when the store is back.
    await until(
      'the retried webhook is applied',
      async () => (await signedWebhook(a, {_id: 'policy.kcell', _type: 'policy'})).status === 200,
      10_000,
      200,
    )
    for (const site of [a, b]) expect((await get(`${site.url}/en/operators/kcell`)).text).toContain('dateTime="2026-11-23"')
  })
})
