import {copyFileSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {around, formatDate, messagesFor} from '@/lib/i18n'
import {LOCALES} from '@/lib/i18n/locales'
import {signWebhookBody} from '@/lib/content/webhook/signature'
import {FIXTURE_FILE, fixtureDocuments} from '../support/dataset'
import {get, startSite, TEST_SECRETS, until, visibleText, type RunningSite} from '../support/server'

/** The production build (made by scripts/test.mjs) on the bundled dataset, over HTTP. */
const datasetCopy = join(mkdtempSync(join(tmpdir(), 'kz-sim-')), 'production.ndjson')
let site: RunningSite

beforeAll(async () => {
  copyFileSync(FIXTURE_FILE, datasetCopy)
  site = await startSite({env: {CONTENT_DATASET_FILE: datasetCopy, SANITY_REVALIDATE_SECRET: TEST_SECRETS.SANITY_REVALIDATE_SECRET}})
})
afterAll(async () => {
  await site?.stop()
})

const operators = fixtureDocuments().filter((doc) => doc._type === 'operator') as unknown as {
  _id: string
  name: string
  slug: {current: string}
}[]
const policies = new Map(
  fixtureDocuments()
    .filter((doc) => doc._type === 'policy')
    .map((doc) => [
      (doc.operator as {_ref: string})._ref,
      doc as unknown as {verifiedAt?: string; reviewedAt: string; confidence: string; sources?: {url: string}[]},
    ]),
)

describe('reader pages', () => {
  it.each([
    ['zh-CN,zh;q=0.9', '/zh'],
    ['en-GB,en;q=0.8', '/en'],
    ['ru', '/ru'],
    ['kk-KZ', '/kk'],
    ['fr-FR', '/zh'],
  ])('/ redirects Accept-Language %s to %s', async (language, target) => {
    const response = await get(`${site.url}/`, {headers: {'accept-language': language}})
    expect(response.status).toBe(307)
    expect(new URL(response.headers.get('location')!, site.url).pathname).toBe(target)
  })

  it.each(LOCALES)('the guide in %s lists every operator', async (locale) => {
    const response = await get(`${site.url}/${locale}`)
    expect(response.status).toBe(200)
    expect(response.text).toMatch(new RegExp(`<html lang="${locale === 'zh' ? 'zh-Hans' : locale}"`))
    for (const operator of operators) expect(response.text).toContain(`href="/${locale}/operators/${operator.slug.current}"`)
  })

  const pages = LOCALES.flatMap((locale) =>
    operators.map((operator) => [`/${locale}/operators/${operator.slug.current}`, locale, operator] as const),
  )
  it.each(pages)('%s shows name, verified or reviewed date, sources and change log', async (_path, locale, operator) => {
    const response = await get(`${site.url}/${locale}/operators/${operator.slug.current}`)
    expect(response.status).toBe(200)
    const text = visibleText(response.text)
    const t = messagesFor(locale).trust
    const verifiedOn = around(t.verifiedOn, 'date')[0].trim()
    expect(response.text).toMatch(/<h1>[^<]*<\/h1>/)
    expect(response.text.match(/<h1>([^<]*)<\/h1>/)![1]).toContain(operator.name)
    const policy = policies.get(operator._id)!
    if (policy.verifiedAt) {
      expect(response.text).toContain(`<time dateTime="${policy.verifiedAt}"`)
      expect(text).toContain(verifiedOn)
    } else {
      // Nothing verified: no verified date anywhere, a plain statement and the review date instead.
      expect(text).not.toContain(verifiedOn)
      expect(text).toContain(t.noProcedureVerified)
      const [before, after] = around(t.reviewedOn, 'date')
      const reviewed = policy.reviewedAt.slice(0, 10)
      expect(response.text).toContain(`${before}<time dateTime="${reviewed}">${formatDate(reviewed, locale)}</time>${after}`)
    }
    for (const source of policy.sources ?? []) expect(response.text).toContain(`href="${source.url}"`)
    expect(response.text).toContain('id="changes"')
    expect(response.text).toContain('id="sources"')
    // No hotline number is verified: none may appear.
    expect(text).not.toMatch(/\b(455|0611|611)\b/)
    expect(response.text).not.toMatch(/t\.me\//)
  })

  it('shows no verified date for Tele2, ALTEL or izi anywhere: operator pages, guide, compare, checklist', async () => {
    for (const locale of LOCALES) {
      const t = messagesFor(locale).trust
      const verifiedOn = around(t.verifiedOn, 'date')[0].trim()
      for (const slug of ['tele2', 'altel', 'izi']) {
        const checklist = visibleText((await get(`${site.url}/${locale}/checklist?operator=${slug}`)).text)
        expect(checklist).not.toContain(verifiedOn)
        expect(checklist).toContain(t.noProcedureVerified)
      }
      const guide = (await get(`${site.url}/${locale}`)).text
      const cards = [...guide.matchAll(/<li><a href="\/[a-z]+\/operators\/([a-z0-9-]+)"[\s\S]*?<\/li>/g)]
      expect(cards.length).toBe(6)
      for (const [card, slug] of cards) {
        expect(visibleText(card).includes(verifiedOn), `${locale} ${slug}`).toBe(['kcell', 'activ', 'beeline'].includes(slug!))
      }
      const compare = (await get(`${site.url}/${locale}/compare`)).text
      const rows = Object.fromEntries(
        [...compare.matchAll(/<tr><th scope="row"><a href="\/[a-z]+\/operators\/([a-z0-9-]+)">[\s\S]*?<\/tr>/g)].map((match) => [
          match[1],
          match[0],
        ]),
      )
      for (const slug of ['tele2', 'altel', 'izi']) expect(rows[slug]).not.toMatch(/<time/)
      for (const slug of ['kcell', 'activ']) expect(visibleText(rows[slug]!)).toContain(messagesFor(locale).vocab.refund.refunded)
    }
  })

  it('gives “Refunded” its confidence and year wherever it is shown', async () => {
    const compare = visibleText((await get(`${site.url}/en/compare`)).text)
    expect(compare.match(/Refunded \(confidence: Medium; source from 2016\)/g)).toHaveLength(2)
    const checklist = visibleText((await get(`${site.url}/en/checklist?operator=kcell&balance=1`)).text)
    expect(checklist).toContain('Money left on the account: Refunded (confidence: Medium; source from 2016)')
    const policy = visibleText((await get(`${site.url}/zh/operators/activ`)).text)
    expect(policy).toContain('可退还 (可信度：中；来源日期：2016年)')
  })

  it('labels advice as ours on the guide and the checklist, and marks izi’s brand link as assumed', async () => {
    const guide = (await get(`${site.url}/en`)).text
    expect(guide.match(/class="advice-label"/g)!.length).toBeGreaterThan(5)
    const checklist = (await get(`${site.url}/en/checklist?operator=tele2&sim=esim&lost=1&otherOwner=1&location=abroad`)).text
    const lines = [...checklist.matchAll(/<li class="risk risk-(fact|advice)">([\s\S]*?)<\/li>/g)]
    expect(lines.length).toBeGreaterThan(4)
    for (const [, basis, line] of lines) expect(line).toContain(basis === 'advice' ? 'class="advice-label"' : 'class="fact-source')
    for (const path of ['/en/operators/izi', '/en', '/en/operators/beeline']) {
      expect(visibleText((await get(`${site.url}${path}`)).text), path).toContain('assumed, not confirmed by a source')
    }
    expect(visibleText((await get(`${site.url}/en/operators/activ`)).text)).not.toContain('assumed')
  })

  it('speaks the Chinese reader’s words: 数据卡 and 流量卡 in the title, description and heading of /zh and /zh/faq', async () => {
    for (const path of ['/zh', '/zh/faq']) {
      const html = (await get(`${site.url}${path}`)).text
      const title = html.match(/<title>([^<]*)<\/title>/)![1]!
      const description = html.match(/<meta name="description" content="([^"]*)"/)![1]!
      const heading = visibleText(html.match(/<h1>([\s\S]*?)<\/h1>/)![1]!)
      for (const words of ['数据卡', '流量卡']) {
        expect(`${title} ${heading}`, path).toContain(words)
        expect(description, path).toContain(words)
      }
      expect(visibleText(html)).not.toMatch(/电话卡|手机卡|上网卡/)
    }
  })

  it.each(['/xx', '/xx/operators/kcell', '/en/operators/nope', '/en/nothing-here', '/zh/operators/KCELL'])('%s is a 404', async (path) => {
    const response = await get(`${site.url}${path}`)
    expect(response.status).toBe(404)
  })

  it('answers an address no operator has (its page, share image, report receipt) with the 404 page, as HTML no cache keeps', async () => {
    for (const path of [
      '/en/operators/nope',
      '/zh/operators/nope/opengraph-image',
      '/kk/operators/nope/report-received',
      '/ru/operators/%E0%A4%A',
    ]) {
      const response = await get(`${site.url}${path}`)
      expect(response.status, path).toBe(404)
      // Rendered on the server, in every language: a reader without JavaScript reads it too.
      for (const locale of LOCALES) expect(visibleText(response.text), path).toContain(messagesFor(locale).notFound.title)
      // An operator may be published at that address later: a CDN must not keep the 404.
      expect(response.headers.get('cache-control'), path).toMatch(/no-store/)
    }
  })

  it('answers addresses outside the four languages, and any other 404, with the site’s own 404 page, which no shared cache keeps', async () => {
    for (const path of [
      '/xx',
      '/wp-login.php',
      '/.env',
      '/_not-found',
      '/xx/yy',
      '/en-us',
      '/en/nothing-here',
      '/draft',
      '/draft/en/faq',
    ]) {
      const response = await get(`${site.url}${path}`)
      expect(response.status, path).toBe(404)
      for (const locale of LOCALES) expect(visibleText(response.text), path).toContain(messagesFor(locale).notFound.title)
      // Next's bare 404 for /xx said s-maxage=31536000: a CDN would have kept it for a year.
      expect(response.headers.get('cache-control'), path).toMatch(/no-store/)
      expect(response.headers.get('cache-control'), path).not.toMatch(/s-maxage/)
    }
  })

  it('serves pages from cache', async () => {
    await get(`${site.url}/en/operators/kcell`)
    const response = await get(`${site.url}/en/operators/kcell`)
    expect(response.headers.get('x-nextjs-cache')).toMatch(/HIT|STALE/)
  })

  it('reports its content store in /api/health', async () => {
    const response = await get(`${site.url}/api/health`)
    expect(response.status).toBe(200)
    expect(JSON.parse(response.text)).toEqual({status: 'ok', store: 'embedded', documents: fixtureDocuments().length})
  })
})

describe('the embedded dataset on disk', () => {
  it('shows an edit to the file within a second, on the operator, its brand and the home page', async () => {
    await get(`${site.url}/en/operators/kcell`)
    await get(`${site.url}/en/operators/activ`)
    const original = readFileSync(datasetCopy, 'utf8')
    const edited = original.replace('"legalEntity":"Kcell JSC"', '"legalEntity":"Kcell JSC (edited on disk)"')
    expect(edited).not.toBe(original)
    writeFileSync(datasetCopy, edited)
    // Within a second: the watcher's own figure, three times over for a busy machine.
    await until(
      'the edit on disk shows',
      async () => (await get(`${site.url}/en/operators/kcell`)).text.includes('Kcell JSC (edited on disk)'),
      3_000,
      25,
    )
    writeFileSync(datasetCopy, original)
  })

  it('lists an operator added to the file from the first request after, and drops it when it is removed', async () => {
    const address = `${site.url}/en/operators/newcomer`
    expect((await get(address)).status).toBe(404)
    const original = readFileSync(datasetCopy, 'utf8')
    const newcomer = {_id: 'operator.newcomer', _type: 'operator', name: 'Newcomer', slug: {_type: 'slug', current: 'newcomer'}}
    writeFileSync(datasetCopy, `${original.trimEnd()}\n${JSON.stringify(newcomer)}\n`)
    await expect.poll(async () => (await get(address)).status, {timeout: 5_000, interval: 50}).toBe(200)
    writeFileSync(datasetCopy, original)
    await expect.poll(async () => (await get(address)).status, {timeout: 5_000, interval: 50}).toBe(404)
  })

  it('marks text that falls back to another language', async () => {
    const original = readFileSync(datasetCopy, 'utf8')
    const lines = original.split('\n').map((line) => {
      if (!line.startsWith('{"_id":"guide"')) return line
      const guide = JSON.parse(line)
      delete guide.title.kk
      return JSON.stringify(guide)
    })
    writeFileSync(datasetCopy, lines.join('\n'))
    // Looks at the heading, not the whole page: the inlined stylesheet names the marker's class too.
    let heading = ''
    await until(
      'the heading falls back',
      async () => {
        heading = (await get(`${site.url}/kk`)).text.match(/<h1>([\s\S]*?)<\/h1>/)![1]!
        return heading.includes('fallback-marker')
      },
      3_000,
    )
    expect(heading).toContain('lang="ru"')
    expect(heading).toContain('fallback-marker')
    writeFileSync(datasetCopy, original)
  })
})

describe('webhook without a configured secret', () => {
  it('answers 500 with a clear message', async () => {
    const bare = await startSite({env: {CONTENT_DATASET_FILE: datasetCopy, SANITY_REVALIDATE_SECRET: ''}})
    try {
      const response = await get(`${bare.url}/api/revalidate`, {method: 'POST', headers: {'content-type': 'application/json'}, body: '{}'})
      expect(response.status).toBe(500)
      expect(JSON.parse(response.text).message).toMatch(/SANITY_REVALIDATE_SECRET/)
    } finally {
      await bare.stop()
    }
  })
})

describe('webhook', () => {
  const post = async (body: string, headers: Record<string, string> = {}) =>
    get(`${site.url}/api/revalidate`, {method: 'POST', headers: {'content-type': 'application/json', ...headers}, body})
  const signed = async (body: string, timestamp?: number) => ({
    'sanity-webhook-signature': await signWebhookBody(body, TEST_SECRETS.SANITY_REVALIDATE_SECRET, timestamp),
  })
  const body = JSON.stringify({_id: 'policy.kcell', _type: 'policy'})

  it('refreshes the tags of a document sent as {_id, _type}', async () => {
    const response = await post(body, await signed(body))
    expect(response.status).toBe(200)
    expect(JSON.parse(response.text).tags).toEqual(['doc:policy.kcell', 'type:policy'])
  })
  it('answers 401 to a missing, forged or stale signature', async () => {
    expect((await post(body)).status).toBe(401)
    const forged = {'sanity-webhook-signature': await signWebhookBody(body, 'not-the-secret')}
    expect((await post(body, forged)).status).toBe(401)
    expect((await post(body, await signed(body, Date.now() - 6 * 60 * 1000))).status).toBe(401)
  })
  it('answers 400 to a malformed body, 415 to other content types, 413 above 64 KB, 405 to GET', async () => {
    const bad = '{"_id": '
    expect((await post(bad, await signed(bad))).status).toBe(400)
    const notADocument = '{"hello":"world"}'
    expect((await post(notADocument, await signed(notADocument))).status).toBe(400)
    const text = await get(`${site.url}/api/revalidate`, {method: 'POST', headers: {'content-type': 'text/plain'}, body})
    expect(text.status).toBe(415)
    const huge = JSON.stringify({_id: 'x', _type: 'policy', padding: 'x'.repeat(70_000)})
    expect((await post(huge, await signed(huge))).status).toBe(413)
    expect((await get(`${site.url}/api/revalidate`)).status).toBe(405)
  })
})

describe('draft mode without a Sanity project', () => {
  it('refuses to enter', async () => {
    const response = await get(`${site.url}/api/draft-mode/enable?sanity-preview-secret=anything`)
    expect(response.status).toBe(401)
    expect(response.headers.get('set-cookie') ?? '').not.toContain('__prerender_bypass')
  })
})
