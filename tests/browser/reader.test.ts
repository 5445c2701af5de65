import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import type {Browser, Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest'
import {ARTIFACTS, launchBrowser} from '../support/browser'
import {FIXTURE_FILE} from '../support/dataset'
import {startSite, type RunningSite} from '../support/server'

/** What a reader does, in Chromium: a phone-sized window, in two languages, with and without JavaScript. */
const site = {url: inject('readerSiteUrl')}
let browser: Browser

beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

async function phone(options: {javaScriptEnabled?: boolean; locale?: string} = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: {width: 390, height: 844},
    deviceScaleFactor: 1,
    isMobile: true,
    hasTouch: true,
    ...options,
  })
  return context.newPage()
}
const shot = (page: Page, name: string) => page.screenshot({path: join(ARTIFACTS, `${name}.png`), fullPage: true})

describe('a reader on a phone', () => {
  it.each([
    ['zh', 'zh-CN', '注销'],
    ['en', 'en-US', 'Cancel your Kcell SIM or data card'],
  ])('goes home → operator → checklist in %s', async (locale, acceptLanguage, expected) => {
    const page = await phone({locale: acceptLanguage})
    await page.goto(`${site.url}/`)
    expect(new URL(page.url()).pathname).toBe(`/${locale}`)
    await page.click(`a[href="/${locale}/operators/kcell"]`)
    await page.waitForURL(`**/${locale}/operators/kcell`)
    expect(await page.textContent('h1')).toContain(expected)
    expect(await page.getAttribute('time', 'datetime')).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    await shot(page, `operator-${locale}`)
    await page.click(`a[href="/${locale}/checklist?operator=kcell"]`)
    await page.waitForURL(`**/${locale}/checklist?operator=kcell`)
    await expect.poll(() => page.locator('#result').count()).toBe(1)
    await shot(page, `checklist-${locale}`)
    await page.context().close()
  })

  it('submits the checklist and gets a shareable address', async () => {
    const page = await phone()
    await page.goto(`${site.url}/en/checklist`)
    await page.selectOption('select[name="operator"]', 'beeline')
    await page.check('input[name="location"][value="abroad"]')
    await page.check('input[name="balance"]')
    await page.click('button[type="submit"]')
    await page.waitForURL(/operator=beeline/)
    const url = new URL(page.url())
    expect(url.searchParams.get('location')).toBe('abroad')
    expect(url.searchParams.get('balance')).toBe('1')
    await expect.poll(async () => page.textContent('#result')).toContain('Beeline')
    expect(await page.textContent('.checklist-result')).toContain('You are abroad')
    await page.context().close()
  })

  it('uses the checklist with the keyboard alone', async () => {
    const page = await phone()
    await page.goto(`${site.url}/en/checklist`)
    const select = page.locator('select[name="operator"]')
    // Tab from the top of the page until the operator list has focus.
    for (let i = 0; i < 30 && !(await select.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab')
    expect(await select.evaluate((el) => el === document.activeElement)).toBe(true)
    await page.keyboard.press('ArrowDown') // Kcell, the first operator
    await page.keyboard.press('Tab') // prepaid radio
    await page.keyboard.press('ArrowRight') // postpaid
    const focusedValue = await page.evaluate(() => (document.activeElement as HTMLInputElement).value)
    expect(focusedValue).toBe('postpaid')
    await page.keyboard.press('Enter') // submits the form
    await page.waitForURL(/plan=postpaid/)
    await expect.poll(async () => page.textContent('#result')).toContain('Kcell')
    await shot(page, 'checklist-keyboard')
    await page.context().close()
  })

  it('reads, switches language, follows links and uses the checklist with JavaScript off', async () => {
    const page = await phone({javaScriptEnabled: false})
    await page.goto(`${site.url}/en/operators/kcell`)
    expect(await page.textContent('h1')).toContain('Kcell')
    // The language switch is a set of plain links to the same page.
    await page.click('.language-switch a[hreflang="ru"]')
    await page.waitForURL('**/ru/operators/kcell')
    expect(await page.getAttribute('html', 'lang')).toBe('ru')
    expect(await page.getAttribute('.language-switch a[hreflang="ru"]', 'aria-current')).toBe('true')
    // No link on the page leads a reader without scripts to a dead end.
    const hrefs = await page.$$eval('a[href^="/"]', (links) => [...new Set(links.map((link) => link.getAttribute('href') ?? ''))])
    expect(hrefs).toEqual(
      expect.arrayContaining(['/ru', '/ru/checklist', '/ru/compare', '/ru/faq', '/kk/operators/kcell', '/ru/checklist?operator=kcell']),
    )
    for (const href of hrefs) expect((await fetch(`${site.url}${href}`, {redirect: 'manual'})).status, href).toBe(200)
    // The browser itself follows them: navigation, home, an operator card, the checklist link.
    await page.click('.main-nav a[href="/ru/faq"]')
    await page.waitForURL('**/ru/faq')
    expect(await page.locator('.faq-entry').count()).toBeGreaterThan(0)
    await page.click('.site-title')
    await page.waitForURL(/\/ru$/)
    await page.click('.operator-list a[href="/ru/operators/beeline"]')
    await page.waitForURL('**/ru/operators/beeline')
    await page.click('a[href="/ru/checklist?operator=beeline"]')
    await page.waitForURL('**/ru/checklist?operator=beeline')
    expect(await page.textContent('#result')).toContain('Beeline')
    // The checklist is a GET form: the choices go into the address and the result comes back as HTML.
    await page.selectOption('select[name="operator"]', 'kcell')
    await page.check('input[name="sim"][value="esim"]')
    await page.click('button[type="submit"]')
    await page.waitForURL(/operator=kcell/)
    expect(new URL(page.url()).searchParams.get('sim')).toBe('esim')
    expect(await page.isVisible('#result')).toBe(true)
    expect(await page.textContent('#result')).toContain('Kcell')
    // What needs scripts (print and copy buttons) is left out, not shown broken.
    expect(await page.locator('.actions').count()).toBe(0)
    await page.context().close()
  })

  it('switches language on the same page, keeping the checklist choices', async () => {
    const page = await phone()
    await page.goto(`${site.url}/en/operators/izi`)
    await page.click('.language-switch a[hreflang="zh-Hans"]')
    await page.waitForURL('**/zh/operators/izi')
    expect(await page.getAttribute('html', 'lang')).toBe('zh-Hans')
    await page.goto(`${site.url}/en/checklist?operator=izi&plan=prepaid&sim=esim&location=kz`)
    await page.click('.language-switch a[hreflang="kk"]')
    await page.waitForURL(/\/kk\/checklist\?operator=izi/)
    expect(new URL(page.url()).searchParams.get('sim')).toBe('esim')
    await page.context().close()
  })

  it('prints the checklist without the form, navigation or footer', async () => {
    const page = await phone()
    await page.goto(`${site.url}/en/checklist?operator=kcell&plan=prepaid&sim=physical&location=kz`)
    await page.emulateMedia({media: 'print'})
    expect(await page.isVisible('form#situation')).toBe(false)
    expect(await page.isVisible('.site-header')).toBe(false)
    expect(await page.isVisible('.site-footer')).toBe(false)
    expect(await page.isVisible('#result')).toBe(true)
    await page.pdf({path: join(ARTIFACTS, 'checklist-print.pdf')}).catch(() => undefined)
    await shot(page, 'checklist-print')
    await page.context().close()
  })
})

describe('a rule announced for a later date, in every language', () => {
  // The bundled dataset with a rule and a Kcell document that start on 1 January 2030.
  let dated: RunningSite
  beforeAll(async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kz-dated-')), 'production.ndjson')
    const documents = readFileSync(FIXTURE_FILE, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
    const text = (words: string) => ({zh: `${words}（中文）`, en: words, ru: `${words} (ru)`, kk: `${words} (kk)`})
    for (const doc of documents) {
      if (doc._id === 'guide')
        doc.rules.push({
          _type: 'regulation',
          _key: 'later',
          title: {_type: 'localeString', ...text('A rule for 2030')},
          body: {_type: 'localeText', ...text('Announced.')},
          effectiveFrom: '2030-01-01',
        })
      if (doc._id === 'policy.kcell')
        doc.documents.push({
          _type: 'requiredDocument',
          _key: 'later-doc',
          title: {_type: 'localeString', ...text('A form for 2030')},
          effectiveFrom: '2030-01-01',
        })
    }
    writeFileSync(file, `${documents.map((doc) => JSON.stringify(doc)).join('\n')}\n`)
    dated = await startSite({env: {CONTENT_DATASET_FILE: file}})
  })
  afterAll(async () => {
    await dated?.stop()
  })

  const UPCOMING = {
    zh: '将自 2030年1月1日 起施行',
    en: 'From January 1, 2030',
    ru: 'С 1 января 2030 г.',
    kk: '2030 жылғы 1 қаңтардан бастап',
  }
  it.each(Object.entries(UPCOMING))(
    'shows it as upcoming in %s, on the guide, the operator page and the checklist',
    async (locale, words) => {
      const page = await phone()
      await page.goto(`${dated.url}/${locale}`)
      const rule = page.locator('#rules + ul li', {hasText: 'A rule for 2030'})
      expect(await rule.locator('[data-effect="upcoming"]').textContent()).toBe(`${words}: `)
      expect(await page.locator('[data-effect="proposed"]').count()).toBe(1)
      await shot(page, `upcoming-${locale}`)
      await page.goto(`${dated.url}/${locale}/operators/kcell`)
      expect(await page.locator('#documents + ul li', {hasText: 'A form for 2030'}).locator('[data-effect="upcoming"]').textContent()).toBe(
        `${words}: `,
      )
      // The checklist relies only on what is in force, and mentions what is coming.
      await page.goto(`${dated.url}/${locale}/checklist?operator=kcell`)
      const result = page.locator('.checklist-result')
      await result.waitFor()
      const bring = await result.locator('h3 + ul.facts').first().textContent()
      expect(bring).not.toContain('A form for 2030')
      expect(await result.locator('li', {hasText: 'A form for 2030'}).locator('[data-effect="upcoming"]').count()).toBe(1)
      await page.context().close()
    },
  )
})
