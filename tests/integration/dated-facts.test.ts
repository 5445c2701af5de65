import type {SanityClient} from '@sanity/client'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {signWebhookBody} from '@/lib/webhook-signature'
import {hasVarnish, startCachingProxy, type RunningCachingProxy} from '../support/caching-proxy'
import {editorClient, lakeSiteEnv, startContentLake, type ContentLake} from '../support/content-lake'
import {FIXTURE_FILE} from '../support/dataset'
import {hasRedisServer, startRedis, type RunningRedis} from '../support/redis'
import {freePort, get, startSite, TEST_SECRETS, TEST_SITE_URL, visibleText, type RunningSite} from '../support/server'

/**
 * Rules with a date take effect on their moment with nobody at a keyboard: a rule announced a few
 * seconds ahead shows as upcoming, then as in force on the first request after its moment (and a
 * rule ending then leaves the page for the change log). Through `next start` alone, on two
 * instances sharing Redis, and through the caching proxy. After the moment each page is asked for
 * once: no polling, in the test or in the site.
 */
let lake: ContentLake
let redis: RunningRedis | undefined
let single: RunningSite
let a: RunningSite | undefined
let b: RunningSite | undefined
let proxy: RunningCachingProxy | undefined
let editor: SanityClient

beforeAll(async () => {
  lake = await startContentLake({file: FIXTURE_FILE, secret: TEST_SECRETS.SANITY_REVALIDATE_SECRET})
  const env = lakeSiteEnv(lake)
  const singlePort = await freePort()
  if (hasVarnish()) proxy = await startCachingProxy(`http://127.0.0.1:${singlePort}`, {SITE_URL: TEST_SITE_URL})
  const startSingle = startSite({port: singlePort, env: proxy ? {...env, PROXY_PURGE_URL: proxy.purgeUrl} : env})
  if (hasRedisServer()) {
    redis = await startRedis()
    ;[single, a, b] = await Promise.all([startSingle, startSite({env: {...env, REDIS_URL: redis.url}}), startSite({env: {...env, REDIS_URL: redis.url}})])
  } else single = await startSingle
  lake.webhook.url = `${single.url}/api/revalidate`
  editor = editorClient(lake)
})

afterAll(async () => {
  await Promise.all([single?.stop(), a?.stop(), b?.stop()])
  await proxy?.close()
  await redis?.stop()
  await lake?.stop()
})

/** What Sanity would send instance A; the Lake's own delivery goes to the single instance. */
async function deliverTo(site: RunningSite, doc: {_id: string; _type: string}) {
  const body = JSON.stringify(doc)
  const signature = await signWebhookBody(body, TEST_SECRETS.SANITY_REVALIDATE_SECRET)
  const answer = await get(`${site.url}/api/revalidate`, {method: 'POST', headers: {'content-type': 'application/json', 'sanity-webhook-signature': signature}, body})
  expect(answer.status).toBe(200)
}

/** The state the guide's list of rules shows for a rule: `data-effect` of its line, or `absent`. */
function ruleState(html: string, title: string): string {
  const rules = html.slice(html.indexOf('id="rules"'), html.indexOf('</section>', html.indexOf('id="rules"')))
  const line = rules.split('<li').find((item) => item.includes(title))
  return line ? (line.match(/data-effect="(\w+)"/)?.[1] ?? 'no dates') : 'absent'
}

const until = (moment: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, moment - Date.now())))

describe('a rule announced a few seconds ahead', () => {
  it('is upcoming, then in force on the first request after its moment; a rule ending then leaves for the change log', async () => {
    // Far enough ahead for the edit, the webhooks and one request on each path on a busy machine.
    const moment = Date.now() + 12_000
    const at = new Date(moment).toISOString()
    const guide = await editor.getDocument('guide')
    const rules = [
      ...((guide!.rules as unknown[]) ?? []),
      {_type: 'regulation', _key: 'starts-soon', title: {_type: 'localeString', en: 'A rule that starts soon'}, body: {_type: 'localeText', en: 'Announced.'}, effectiveFrom: at},
      {_type: 'regulation', _key: 'ends-soon', title: {_type: 'localeString', en: 'A rule that ends soon'}, body: {_type: 'localeText', en: 'Retired.'}, effectiveUntil: at},
    ]
    await editor.patch('guide').set({rules}).commit()
    await lake.webhooksSettled()
    if (a) await deliverTo(a, {_id: 'guide', _type: 'guide'})

    const paths: [string, () => Promise<{text: string; headers: Headers}>][] = [
      ['next start', () => get(`${single.url}/en`)],
      ...(a && b ? [['instance A (Redis)', () => get(`${a!.url}/en`)], ['instance B (Redis)', () => get(`${b!.url}/en`)]] as typeof paths : []),
      ...(proxy ? [['caching proxy', () => get(`${proxy!.url}/en`)]] as typeof paths : []),
    ]
    // Before: upcoming and still in force, on every path; the proxy keeps the page, for now.
    for (const [name, request] of paths) {
      const {text} = await request()
      expect(ruleState(text, 'A rule that starts soon'), name).toBe('upcoming')
      expect(ruleState(text, 'A rule that ends soon'), name).toBe('inForce')
    }
    if (proxy) {
      const cached = await get(`${proxy.url}/en`)
      expect(cached.headers.get('x-cache'), 'cached by the proxy until the moment').toBe('HIT')
    }
    expect(Date.now(), 'the checks before the moment ran before it').toBeLessThan(moment)

    await until(moment + 250)
    const queriesBefore = lake.queries
    for (const [name, request] of paths) {
      const {text, headers} = await request()
      expect(ruleState(text, 'A rule that starts soon'), name).toBe('inForce')
      expect(ruleState(text, 'A rule that ends soon'), name).toBe('absent')
      expect(visibleText(text), `${name}: the change log says it ended`).toMatch(/No longer in force since .{5,60}? : A rule that ends soon/)
      if (name === 'caching proxy') expect(headers.get('x-cache')).toBe('MISS')
    }
    // What the moment cost: the guide's read once per store (the single instance's files, and Redis for A and B).
    console.log(`[dated facts] queries to the Lake after the moment, for ${paths.length} first requests of /en: ${lake.queries - queriesBefore}`)
  })

  it('shows a proposal as proposed, not in force, with its source', async () => {
    const html = (await get(`${single.url}/en`)).text
    const line = html.split('<li').find((item) => item.includes('Porting refused within 60 days of activation'))!
    expect(line).toContain('data-effect="proposed"')
    expect(line).toContain('Proposed, not in force')
    expect(line).toContain('href="https://www.zakon.kz/pravo/6508550-protseduru-smeny-mobilnogo-operatora-planiruyut-usovershenstvovat.html"')
  })
})
