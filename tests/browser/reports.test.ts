import {createHash} from 'node:crypto'
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import type {Browser} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {format, messagesFor} from '@/lib/i18n'
import {MASKS} from '@/lib/reports/mask'
import {recordsFileFor} from '@/sanity/local-backend/store'
import {ARTIFACTS, launchBrowser} from '../support/browser'
import {startEditorStack, type EditorStack} from '../support/editor'

/**
 * A reader's report, end to end, as `npm start` runs the site with no Sanity project: sent from
 * Tele2's page in Chromium with JavaScript off, stored by the site's server through the local
 * backend, and read by an editor in the Studio's inbox, phone number masked.
 */
let stack: EditorStack
let browser: Browser
const en = messagesFor('en').report
const hash = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex')
const reports = () => stack.backend.store.all().filter((doc) => doc._type === 'readerReport')

beforeAll(async () => {
  ;[stack, browser] = await Promise.all([startEditorStack(), launchBrowser()])
})
afterAll(async () => {
  await browser?.close()
  await stack?.stop()
})

describe('a report from a reader without JavaScript', () => {
  let contentBefore: string

  it('is sent from Tele2’s page with a plain POST and lands on the thank-you page; a reload sends nothing', async () => {
    contentBefore = hash(stack.datasetFile)
    const context = await browser.newContext({javaScriptEnabled: false, viewport: {width: 390, height: 844}, isMobile: true})
    const page = await context.newPage()
    await page.goto(`${stack.site.url}/en/operators/tele2`)
    // The form is folded under its question; the reader opens it.
    const form = page.locator('section.report')
    expect(await form.locator('summary h2').textContent()).toBe('Have you cancelled a SIM with Tele2? Tell us what happened.')
    expect(await form.locator('form').isVisible()).toBe(false)
    await form.locator('summary').click()
    await form.getByLabel(en.outcomes.couldNotCancel).check()
    await form.getByLabel(en.channels.hotline).check()
    await form.locator('select[name="month"]').selectOption(String(new Date().getUTCMonth() + 1))
    await form.locator('select[name="year"]').selectOption(String(new Date().getUTCFullYear()))
    await form.locator('textarea[name="message"]').fill('The operator said to call back on 8 701 555 12 34 and bring my passport.')
    await page.screenshot({path: join(ARTIFACTS, 'report-form-no-js.png'), fullPage: true})
    await form.getByRole('button', {name: en.submit}).click()
    await page.waitForURL('**/en/operators/tele2/report-received')
    expect(await page.textContent('h1')).toBe(en.receivedTitle)
    expect(await page.textContent('[role="status"]')).toBe(format(en.receivedBody, {name: 'Tele2'}))
    expect(reports()).toHaveLength(1)
    await page.reload()
    expect(await page.textContent('h1')).toBe(en.receivedTitle)
    expect(reports()).toHaveLength(1)
    await context.close()
  })

  it('is stored as an editorial record beside the dataset, masked, and the dataset is untouched', () => {
    const [report] = reports()
    expect(report).toMatchObject({
      operator: {_ref: 'operator.tele2'},
      outcome: 'couldNotCancel',
      channel: 'hotline',
      locale: 'en',
      status: 'new',
    })
    expect(report!.message).toBe(`The operator said to call back on ${MASKS.phone} and bring my passport.`)
    const records = recordsFileFor(stack.datasetFile)
    expect(existsSync(records)).toBe(true)
    expect(readFileSync(records, 'utf8')).toContain(MASKS.phone)
    expect(readFileSync(records, 'utf8')).not.toContain('555')
    expect(hash(stack.datasetFile)).toBe(contentBefore)
  })

  it('appears in the Studio’s inbox, first among the leads, masked; "Mark useful" files it', async () => {
    const context = await browser.newContext({ignoreHTTPSErrors: true, viewport: {width: 1400, height: 900}})
    const studio = await context.newPage()
    await studio.goto(`${stack.site.url}/studio/structure/readerReports;leads`)
    const item = studio.getByText('Tele2: Could not cancel').first()
    await item.waitFor({timeout: 60_000})
    await item.click()
    // The message field (read-only), as the editor sees it.
    const shownMessage = async () => {
      for (const field of await studio.locator('textarea').all()) {
        const value = await field.inputValue().catch(() => '')
        if (value.includes(MASKS.phone)) return value
      }
      return undefined
    }
    await expect.poll(shownMessage, {timeout: 30_000}).toBe(reports()[0]!.message)
    await studio.screenshot({path: join(ARTIFACTS, 'report-in-studio.png')})

    // The verification age view counts it against Tele2's policy.
    const verificationAge = await context.newPage()
    await verificationAge.goto(`${stack.site.url}/studio/structure/verification-age`)
    await verificationAge.locator('[data-policy="policy.tele2"] [data-new-reports="1"]').waitFor({timeout: 60_000})
    await verificationAge.close()

    // The document's actions (a live-edited document has no Publish): the menu holds both decisions.
    await studio.getByTestId('action-menu-button').last().click()
    await studio.getByRole('menuitem', {name: 'Mark useful'}).click()
    await expect.poll(() => reports()[0]?.status, {timeout: 15_000}).toBe('useful')
    expect(stack.backend.store.get(`drafts.${reports()[0]!._id}`)).toBeUndefined()
    expect(hash(stack.datasetFile)).toBe(contentBefore)
    await context.close()
  })
})
