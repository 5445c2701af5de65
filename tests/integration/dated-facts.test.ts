import type {SanityClient} from '@sanity/client'
import {afterAll, beforeAll, expect, it} from 'vitest'
import {signWebhookBody} from '@/lib/content/webhook/signature'
import {startCachingProxy, type RunningCachingProxy} from '../support/caching-proxy'
import {editorClient, lakeSiteEnv, startContentLake, type ContentLake} from '../support/content-lake'
import {FIXTURE_FILE} from '../support/dataset'
import {startRedis, type RunningRedis} from '../support/redis'
import {describeWith, missingFor} from '../support/requirements'
import {changesSettled, freePort, get, startSite, TEST_SECRETS, TEST_SITE_URL, visibleText, type RunningSite} from '../support/server'

/**
 * Rules with a date take effect on their moment with nobody at a keyboard: a rule announced a few
 * seconds ahead shows as upcoming, then as in force on the first request after its moment (and a
 * rule ending then leaves the page for the change log). Through `next start` alone, on two
 * instances sharing Redis, and through the caching proxy. After the moment each page is asked for
 * once: no polling, in the test or in the site.
 */
let lake: ContentLake
let redis: RunningRedis
let single: RunningSite
let a: RunningSite
let b: RunningSite
let proxy: RunningCachingProxy
let editor: SanityClient

beforeAll(async () => {
  if (missingFor('redis', 'varnish')) return
  lake = await startContentLake({file: FIXTURE_FILE, secret: TEST_SECRETS.SANITY_REVALIDATE_SECRET})
  const env = lakeSiteEnv(lake)
  const singlePort = await freePort()
  ;[proxy, redis] = await Promise.all([startCachingProxy(`http://127.0.0.1:${singlePort}`, {SITE_URL: TEST_SITE_URL}), startRedis()])
  ;[single, a, b] = await Promise.all([
    startSite({port: singlePort, env: {...env, PROXY_PURGE_URL: proxy.purgeUrl}}),
    startSite({env: {...env, REDIS_URL: redis.url}}),
    startSite({env: {...env, REDIS_URL: redis.url}}),
  ])
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
  const answer = await get(`${site.url}/api/revalidate`, {
    method: 'POST',
    headers: {'content-type': 'application/json', 'sanity-webhook-signature': signature},
    body,
  })
  expect(answer.status).toBe(200)
}

/** The state the guide's list of rules shows for a rule: `data-effect` of its line, or `absent`. */
function ruleState(html: string, title: string): string {
  const rules = html.slice(html.indexOf('id="rules"'), html.indexOf('</section>', html.indexOf('id="rules"')))
  const line = rules.split('<li').find((item) => item.includes(title))
  return line ? (line.match(/data-effect="(\w+)"/)?.[1] ?? 'no dates') : 'absent'
}

/**
 * The moment a dated rule takes effect is an event on the clock itself, so this is the one wait on a
 * clock: until that moment has passed on this machine (the site reads the same clock).
 */
const momentPassed = (moment: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, moment - Date.now() + 50)))

const paths = (): [string, () => Promise<{text: string; headers: Headers}>][] => [
  ['next start', () => get(`${single.url}/en`)],
  ['instance A (Redis)', () => get(`${a.url}/en`)],
  ['instance B (Redis)', () => get(`${b.url}/en`)],
  ['caching proxy', () => get(`${proxy.url}/en`)],
]

/**
 * Announces a rule that starts and one that ends `lead` ms from now, and checks every path shows
 * them as before their moment. Resolves with the moment, or undefined when this busy machine left
 * less than a second of `lead` after publishing and checking (the caller then tries a longer lead).
 */
async function announce(lead: number, attempt: number) {
  const moment = Date.now() + lead
  const at = new Date(moment).toISOString()
  const guide = await editor.getDocument('guide')
  const rules = [
    ...((guide!.rules as {_key: string}[]) ?? []).filter((rule) => !rule._key.startsWith('soon-')),
    {
      _type: 'regulation',
      _key: `soon-start-${attempt}`,
      title: {_type: 'localeString', en: `A rule that starts soon (${attempt})`},
      body: {_type: 'localeText', en: 'Announced.'},
      effectiveFrom: at,
    },
    {
      _type: 'regulation',
      _key: `soon-end-${attempt}`,
      title: {_type: 'localeString', en: `A rule that ends soon (${attempt})`},
      body: {_type: 'localeText', en: 'Retired.'},
      effectiveUntil: at,
    },
  ]
  await editor.patch('guide').set({rules}).commit()
  await lake.webhooksSettled()
  await deliverTo(a, {_id: 'guide', _type: 'guide'})
  // The race window's second expiry purges the caching proxy again: the page it keeps must come after it.
  await Promise.all([single, a, b].map((site) => changesSettled(site)))
  const seen = await Promise.all(paths().map(async ([name, request]) => [name, (await request()).text] as const))
  const cached = await get(`${proxy.url}/en`)
  // The proxy keeps the page for the whole seconds left to the moment: a second is needed to see it kept.
  if (moment - Date.now() < 1_000) return undefined
  for (const [name, text] of seen) {
    expect(ruleState(text, `A rule that starts soon (${attempt})`), name).toBe('upcoming')
    expect(ruleState(text, `A rule that ends soon (${attempt})`), name).toBe('inForce')
  }
  expect(cached.headers.get('x-cache'), 'cached by the proxy until the moment').toBe('HIT')
  return moment
}

describeWith(['redis', 'varnish'], 'a rule announced a few seconds ahead', () => {
  it('is upcoming, then in force on the first request after its moment; a rule ending then leaves for the change log', async () => {
    // A short lead, doubled when the machine was too busy to publish and check before the moment.
    let attempt = 0
    let moment: number | undefined
    for (let lead = 3_000; moment === undefined; lead *= 2) {
      if (lead > 48_000) throw new Error('could not publish and check a rule before its moment, even 48 s ahead')
      moment = await announce(lead, ++attempt)
    }

    await momentPassed(moment)
    const queriesBefore = lake.queries
    for (const [name, request] of paths()) {
      const {text, headers} = await request()
      expect(ruleState(text, `A rule that starts soon (${attempt})`), name).toBe('inForce')
      expect(ruleState(text, `A rule that ends soon (${attempt})`), name).toBe('absent')
      expect(visibleText(text), `${name}: the change log says it ended`).toMatch(
        new RegExp(`No longer in force since .{5,60}? : A rule that ends soon \\(${attempt}\\)`),
      )
      if (name === 'caching proxy') expect(headers.get('x-cache')).toBe('MISS')
    }
    // What the moment cost: the guide's read once per store (the single instance's files, and Redis for A and B).
    console.log(`[dated facts] queries to the Lake after the moment, for 4 first requests of /en: ${lake.queries - queriesBefore}`)
  })

  it('shows a proposal as proposed, not in force, with its source', async () => {
    const html = (await get(`${single.url}/en`)).text
    const line = html.split('<li').find((item) => item.includes('Porting refused within 60 days of activation'))!
    expect(line).toContain('data-effect="proposed"')
    expect(line).toContain('Proposed, not in force')
    expect(line).toContain(
      'href="https://www.zakon.kz/pravo/6508550-protseduru-smeny-mobilnogo-operatora-planiruyut-usovershenstvovat.html"',
    )
  })
})
