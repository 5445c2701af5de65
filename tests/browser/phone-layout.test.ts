import {mkdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import type {Browser, BrowserContext, Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest'
import {LOCALES, messagesFor, type Locale} from '@/lib/i18n'
import {ARTIFACTS, launchBrowser} from '../support/browser'
import {PHONE, phoneLayout, readerPages, type ReaderPage} from '../support/phone-layout'

/**
 * Every kind of reader page in every language, at 390 × 844 in Chromium, as a reader on a phone
 * reads it: nothing to scroll sideways, no paragraph squeezed into a narrow column, and on an
 * operator's page the first section within two screens. A screenshot of each kind of page (in
 * English; PHONE_SCREENSHOTS=all: in every language, which takes a few times longer) and every
 * page's height go to $TEST_ARTIFACTS_DIR/phone.
 */
const site = {url: inject('readerSiteUrl')}
const SHOTS = join(ARTIFACTS, 'phone')
const SHOT_LANGUAGES: readonly Locale[] = process.env.PHONE_SCREENSHOTS === 'all' ? LOCALES : ['en']
const pages = await readerPages()
let browser: Browser

beforeAll(async () => {
  browser = await launchBrowser()
  mkdirSync(SHOTS, {recursive: true})
})
afterAll(async () => {
  await browser?.close()
})

const phone = (options: {javaScriptEnabled?: boolean; width?: number} = {}) =>
  browser.newContext({
    viewport: {...PHONE, width: options.width ?? PHONE.width},
    deviceScaleFactor: 1,
    isMobile: true,
    hasTouch: true,
    javaScriptEnabled: options.javaScriptEnabled,
  })

/** The in-page targets the page's jump links name that it does not have. */
const missingTargets = (page: Page) =>
  page.$$eval('.jump-links a', (links) =>
    links.map((link) => link.getAttribute('href')!.slice(1)).filter((id) => !document.getElementById(id)),
  )

describe('every reader page at 390 × 844', () => {
  let context: BrowserContext
  let page: Page
  const heights: Record<string, number> = {}
  const shot = new Set<string>()
  beforeAll(async () => {
    context = await phone()
    page = await context.newPage()
  })
  afterAll(async () => {
    await context?.close()
    writeFileSync(join(SHOTS, 'heights.json'), `${JSON.stringify(heights, null, 2)}\n`)
  })

  it.each(pages.map((reader) => [reader.path, reader] as const))('%s', async (_path, reader: ReaderPage) => {
    const response = await page.goto(`${site.url}${reader.path}`)
    expect(response?.status()).toBe(reader.kind === 'not-found' ? 404 : 200)
    const layout = await phoneLayout(page)
    heights[reader.path] = layout.height
    expect(layout.sideways, 'only a data table in its labelled scroll region may scroll sideways').toEqual([])
    expect(layout.squeezedCells, 'a narrow column holds a word or a phrase, not a paragraph').toEqual([])
    if (reader.kind === 'operator') {
      expect(layout.firstSectionHeadingBottom).not.toBeNull()
      expect(layout.firstSectionHeadingBottom!).toBeLessThanOrEqual(2 * PHONE.height)
    }
    // The longest operator page in English, read at a counter: once 8,236 px, now nothing past 6,000.
    if (reader.path === '/en/operators/kcell') expect(layout.height).toBeLessThanOrEqual(6_000)
    if (reader.kind === 'operator' || reader.kind === 'faq') {
      expect(await page.locator('.jump-links a').count()).toBeGreaterThan(1)
      expect(await missingTargets(page)).toEqual([])
    }
    const name = `${reader.kind}-${reader.locale}`
    if (SHOT_LANGUAGES.includes(reader.locale) && !shot.has(name)) {
      shot.add(name)
      await page.screenshot({path: join(SHOTS, `${name}.png`), fullPage: true})
    }
  })
})

const [operator] = pages.filter((reader) => reader.kind === 'operator' && reader.locale === 'en')
const faq = pages.find((reader) => reader.kind === 'faq' && reader.locale === 'en')!
const compare = pages.find((reader) => reader.kind === 'compare' && reader.locale === 'en')!
const en = messagesFor('en')

describe('one page, two layouts, no script', () => {
  it('shows the channels as cards with labelled answers on a phone, and as a table on a wide screen', async () => {
    for (const [width, cards] of [
      [PHONE.width, true],
      [1024, false],
    ] as const) {
      const context = await phone({javaScriptEnabled: false, width})
      const page = await context.newPage()
      await page.goto(`${site.url}${operator!.path}`)
      const table = page.locator('#channels + table.channels')
      expect(await table.locator('thead').isVisible(), `${width} px`).toBe(!cards)
      expect(await table.locator('.cell-label').first().isVisible(), `${width} px`).toBe(cards)
      await context.close()
    }
  })

  it('folds the FAQ answers, and a jump link opens the answer it names', async () => {
    const context = await phone({javaScriptEnabled: false})
    const page = await context.newPage()
    await page.goto(`${site.url}${faq.path}`)
    const entries = page.locator('details.faq-entry')
    const count = await entries.count()
    expect(count).toBeGreaterThan(1)
    expect(await entries.evaluateAll((all) => all.filter((entry) => (entry as HTMLDetailsElement).open).length)).toBe(0)
    expect(await page.locator('.jump-links a').count()).toBe(count)
    // The last question: the farthest down the page.
    const link = page.locator('.jump-links a').last()
    const target = (await link.getAttribute('href'))!
    await link.click()
    await page.waitForURL(`**${target}`)
    const entry = entries.last()
    await expect.poll(() => entry.evaluate((details) => (details as HTMLDetailsElement).open)).toBe(true)
    // Its question is on the screen, above the answer.
    const question = await entry.locator('summary').boundingBox()
    expect(question!.y).toBeGreaterThanOrEqual(0)
    expect(question!.y + question!.height).toBeLessThanOrEqual(PHONE.height)
    await page.screenshot({path: join(SHOTS, 'faq-linked-en.png')})
    // An address with the anchor opens it too, on arrival.
    await page.goto(`${site.url}${faq.path}${target}`)
    await expect.poll(() => entry.evaluate((details) => (details as HTMLDetailsElement).open)).toBe(true)
    expect(await entries.evaluateAll((all) => all.filter((entry) => (entry as HTMLDetailsElement).open).length)).toBe(1)
    await context.close()
  })

  it('compares two operators side by side with a plain form, their names in view down to the last answer', async () => {
    const context = await phone({javaScriptEnabled: false})
    const page = await context.newPage()
    await page.goto(`${site.url}${compare.path}`)
    // Every operator: a card each, every answer under its label.
    const labels = page.locator('table.compare-all .cell-label')
    expect(await labels.first().isVisible()).toBe(true)
    const picks = page.locator('form.pick-two select[name="operator"]')
    const options = await picks
      .first()
      .locator('option')
      .evaluateAll((all) => all.map((option) => ({value: (option as HTMLOptionElement).value, text: option.textContent})))
    const [first, second] = options.filter((option) => option.value !== '')
    await picks.nth(0).selectOption(first!.value)
    await picks.nth(1).selectOption(second!.value)
    await page.locator('form.pick-two button[type="submit"]').click()
    await page.waitForURL(/\/en\/compare\/side-by-side\?operator=.+&operator=.+/)
    const table = page.locator('table.compare-pair')
    expect(await table.locator('thead th').allTextContents()).toEqual([first!.text, second!.text])
    expect(await table.locator('tbody th').allTextContents()).toContain(en.compare.documents)
    // Scrolled down to the last answer, past the table's top: the two names stay at the top of the screen.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight))
    const [tableTop, namesTop, lastBottom] = await table.evaluate((element) => [
      element.getBoundingClientRect().top,
      element.querySelector('thead')!.getBoundingClientRect().top,
      element.querySelector('tbody tr:last-child')!.getBoundingClientRect().bottom,
    ])
    expect(tableTop).toBeLessThan(0)
    expect(Math.abs(namesTop)).toBeLessThanOrEqual(1)
    expect(lastBottom).toBeLessThanOrEqual(PHONE.height)
    await page.screenshot({path: join(SHOTS, 'side-by-side-scrolled-en.png')})
    await context.close()
  })
})
