import {describe, expect, inject, it} from 'vitest'
import {LOCALES} from '@/lib/i18n/locales'
import {get, TEST_SITE_URL} from '../support/server'

const site = {url: inject('readerSiteUrl')}

const SLUGS = ['kcell', 'activ', 'beeline', 'izi', 'tele2', 'altel']
const PATHS = ['', '/checklist', '/compare', '/faq', ...SLUGS.map((slug) => `/operators/${slug}`)]

function jsonLd(html: string): Record<string, unknown>[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((match) => JSON.parse(match[1]!))
}

describe('search engines', () => {
  it('sitemap.xml lists every page in every language, each with its alternates', async () => {
    const {status, text} = await get(`${site.url}/sitemap.xml`)
    expect(status).toBe(200)
    for (const locale of LOCALES) for (const path of PATHS) expect(text).toContain(`<loc>${TEST_SITE_URL}/${locale}${path}</loc>`)
    expect(text.match(/<url>/g)).toHaveLength(LOCALES.length * PATHS.length)
    expect(text).toContain(`hreflang="zh-Hans" href="${TEST_SITE_URL}/zh/operators/kcell"`)
  })

  it('robots.txt keeps /studio and /api out and names the sitemap', async () => {
    const {text} = await get(`${site.url}/robots.txt`)
    expect(text).toMatch(/Disallow: \/studio/)
    expect(text).toMatch(/Disallow: \/api\//)
    expect(text).toContain(`Sitemap: ${TEST_SITE_URL}/sitemap.xml`)
  })

  it.each(LOCALES.flatMap((locale) => PATHS.map((path) => `/${locale}${path}`)))(
    '%s has title, description, canonical, alternates and Open Graph',
    async (url) => {
      const {text} = await get(`${site.url}${url}`)
      const canonicalPath = url.split('?')[0]
      expect(text).toMatch(/<title>[^<]{5,}<\/title>/)
      expect(text).toMatch(/<meta name="description" content="[^"]{20,}"/)
      expect(text).toContain(`<link rel="canonical" href="${TEST_SITE_URL}${canonicalPath}"/>`)
      for (const tag of ['zh-Hans', 'en', 'ru', 'kk', 'x-default'])
        expect(text).toMatch(new RegExp(`<link rel="alternate" hrefLang="${tag}"`))
      expect(text).toMatch(/<meta property="og:title"/)
      expect(text).toContain(`<meta property="og:image" content="${TEST_SITE_URL}/`)
    },
  )

  it('renders Open Graph images locally', async () => {
    for (const path of ['/zh/opengraph-image', '/en/operators/kcell/opengraph-image']) {
      const response = await fetch(`${site.url}${path}`)
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe('image/png')
      const bytes = new Uint8Array(await response.arrayBuffer())
      expect(String.fromCharCode(...bytes.slice(1, 4))).toBe('PNG')
    }
  })

  it('marks policy pages with steps as a schema.org HowTo', async () => {
    const [howTo] = jsonLd((await get(`${site.url}/en/operators/kcell`)).text)
    expect(howTo).toMatchObject({'@context': 'https://schema.org', '@type': 'HowTo', inLanguage: 'en'})
    const steps = howTo!.step as {['@type']: string; position: number; text: string}[]
    expect(steps.length).toBeGreaterThan(2)
    steps.forEach((step, index) => expect(step).toMatchObject({'@type': 'HowToStep', position: index + 1}))
    // Nothing is verified for Tele2, ALTEL or izi: no HowTo claims a procedure for them.
    for (const slug of ['tele2', 'altel', 'izi']) expect(jsonLd((await get(`${site.url}/en/operators/${slug}`)).text), slug).toEqual([])
  })

  it('marks the FAQ as a schema.org FAQPage with every question answered', async () => {
    const [faq] = jsonLd((await get(`${site.url}/zh/faq`)).text)
    expect(faq).toMatchObject({'@context': 'https://schema.org', '@type': 'FAQPage'})
    const questions = faq!.mainEntity as {['@type']: string; name: string; acceptedAnswer: {text: string}}[]
    expect(questions).toHaveLength(15)
    for (const question of questions) {
      expect(question['@type']).toBe('Question')
      expect(question.name.length).toBeGreaterThan(3)
      expect(question.acceptedAnswer.text.length).toBeGreaterThan(10)
    }
  })
})

describe('readers who subscribe', () => {
  it.each(LOCALES)('/%s/feed.xml is an Atom feed of policy changes', async (locale) => {
    const response = await get(`${site.url}/${locale}/feed.xml`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('application/atom+xml')
    expect(response.text).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/)
    expect(response.text.match(/<entry>/g)?.length).toBeGreaterThanOrEqual(6)
    expect(response.text).toContain(`<link href="${TEST_SITE_URL}/${locale}/operators/kcell"/>`)
  })
})
