import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import type {Browser, BrowserContext, Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {sourceCheckId} from '@/lib/sources/check'
import {ARTIFACTS, launchBrowser} from '../support/browser'
import {startEditorStack, type EditorStack} from '../support/editor'
import {reachableScripts, scriptUrls, totalGzipped, visualEditingIn, weighScripts} from '../support/page-weight'

/**
 * An editor's path, in Chromium, with the real Studio on the bundled dataset (a copy) through the
 * local backend, as `npm start` runs them with no Sanity project. Each step is timed; the figures
 * go to the test artefacts (editor-timings.json) and the log.
 */
let stack: EditorStack
let browser: Browser
let context: BrowserContext
let studio: Page
const timings: Record<string, number> = {}
const today = new Date().toISOString().slice(0, 10)

async function timed<T>(name: string, step: () => Promise<T>): Promise<T> {
  const started = performance.now()
  const result = await step()
  timings[name] = Math.round(performance.now() - started)
  console.log(`[editor] ${name}: ${timings[name]} ms`)
  return result
}

const readerPage = async () => (await fetch(`${stack.site.url}/en/operators/kcell`)).text()

/** Polls the reader's page until it shows `marker`; returns the ms from `since` to that response. */
async function freshAfter(since: number, marker: string | RegExp, budgetMs = 20_000): Promise<number> {
  for (;;) {
    const html = await readerPage()
    const now = performance.now()
    if (typeof marker === 'string' ? html.includes(marker) : marker.test(html)) return Math.round(now - since)
    if (now - since > budgetMs) throw new Error(`the reader's page did not show ${marker} within ${budgetMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

const GROUP = 'Sources and changes'
async function openKcellPolicy() {
  await studio.goto(`${stack.site.url}/studio/structure/policy;policy.kcell`)
  await studio.getByRole('tab', {name: GROUP}).waitFor()
}
/** What a reader's page says about confidence: the badge's level. */
const badge = (html: string) => html.match(/class="badge badge-(\w+)"/)?.[1]
const confidenceRadio = (level: 'High' | 'Low' | 'Medium') => studio.getByRole('radio', {name: new RegExp(`^${level}:`)}).first()
/**
 * Picks the policy's confidence, as an editor does: the "Sources and changes" group, then the radio.
 * The form can re-render (and show its first group again) while the document settles, so a lost
 * click is tried again until the draft holds the choice.
 */
async function choose(level: 'High' | 'Low') {
  const radio = confidenceRadio(level)
  await expect
    .poll(
      async () => {
        if (!(await radio.isVisible())) await studio.getByRole('tab', {name: GROUP}).click({timeout: 5_000}).catch(() => undefined)
        else await radio.check({timeout: 5_000}).catch(() => undefined)
        return stack.backend.store.get('drafts.policy.kcell')?.confidence
      },
      {timeout: 30_000, interval: 250},
    )
    .toBe(level.toLowerCase())
}
const publishButton = () => studio.getByRole('button', {name: 'Publish', exact: true})

beforeAll(async () => {
  ;[stack, browser] = await Promise.all([startEditorStack(), launchBrowser()])
  // The backend's certificate is its own: an editor accepts it once, the tests ignore it.
  context = await browser.newContext({ignoreHTTPSErrors: true, viewport: {width: 1400, height: 900}})
  studio = await context.newPage()
})
afterAll(async () => {
  writeFileSync(join(ARTIFACTS, 'editor-timings.json'), JSON.stringify(timings, null, 2))
  await context?.close()
  await browser?.close()
  await stack?.stop()
})

describe('an editor in the local Studio', () => {
  it('opens /studio on the bundled dataset, with no account', async () => {
    await timed('studio boot (goto /studio → structure listed)', async () => {
      await studio.goto(`${stack.site.url}/studio`)
      await studio.getByText('Cancellation policies').first().waitFor({timeout: 60_000})
    })
  })

  it('changes a field of Kcell\'s policy and publishes: the reader\'s page shows it on the next request', async () => {
    await timed('open Kcell policy', openKcellPolicy)
    expect(badge(await readerPage())).toBe('medium')
    await timed('edit a field (draft saved)', async () => {
      await choose('High')
    })
    await publishButton().waitFor()
    await expect.poll(() => publishButton().isEnabled(), {timeout: 15_000}).toBe(true)
    const clicked = performance.now()
    await publishButton().click()
    timings['publish click → first fresh reader response'] = await freshAfter(clicked, 'badge badge-high')
    console.log(`[editor] publish click → first fresh reader response: ${timings['publish click → first fresh reader response']} ms`)
    expect(stack.backend.store.get('drafts.policy.kcell')).toBeUndefined()
  })

  it('edits without publishing: Presentation shows the draft, a reader does not get it', async () => {
    await openKcellPolicy()
    await choose('Low')
    await timed('Presentation shows the draft', async () => {
      await studio.goto(`${stack.site.url}/studio/presentation?preview=${encodeURIComponent('/en/operators/kcell')}`)
      await studio.frameLocator('iframe').locator('.badge-low').first().waitFor({timeout: 45_000})
    })
    const reader = await fetch(`${stack.site.url}/en/operators/kcell`)
    const html = await reader.text()
    expect(badge(html)).toBe('high')
    expect(reader.headers.get('cache-control')).toMatch(/s-maxage/)

    // Visual editing is loaded in draft mode only: a reader's page ships none of it.
    const frame = studio.frames().find((candidate) => candidate.url().includes('/en/operators/kcell'))!
    const draftScripts = await frame.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name).filter((name) => name.endsWith('.js')))
    // Every chunk a reader's page could ever load, of which the page's own scripts are the first.
    const readerReach = await reachableScripts(html, stack.site.url)
    const initial = new Set(scriptUrls(html, stack.site.url))
    const readerScripts = readerReach.filter((script) => initial.has(script.url))
    const extra = await weighScripts(draftScripts.filter((url) => !readerScripts.some((script) => script.url === url)))
    expect(visualEditingIn(extra), 'the draft page loads visual editing').not.toEqual([])
    // Not even its loader: no chunk a reader's page could ever load holds it.
    expect(visualEditingIn(readerReach)).toEqual([])
    timings['reader page JS, gzipped bytes'] = totalGzipped(readerScripts)
    timings['draft-mode extra JS, gzipped bytes'] = totalGzipped(extra)
    console.log(`[editor] reader page JS ${totalGzipped(readerScripts)} B gzipped (${readerScripts.length} files); draft mode adds ${totalGzipped(extra)} B (${extra.length} files)`)
    // Discard, so the next step publishes only what it changes.
    await stack.backend.commit([{delete: {id: 'drafts.policy.kcell'}}])
  })

  it('"Mark verified today" sets the date and a change-log line; after publishing the page shows today', async () => {
    await openKcellPolicy()
    await timed('Mark verified today (dialog → draft)', async () => {
      // The menu re-renders while the document settles: open it until the dialog is up.
      const summary = studio.locator('#verified-summary')
      await expect
        .poll(async () => {
          if (!(await summary.isVisible())) {
            await studio.getByTestId('action-menu-button').click({timeout: 5_000}).catch(() => undefined)
            await studio.getByRole('menuitem', {name: /Mark verified today/}).click({timeout: 5_000}).catch(() => undefined)
          }
          return summary.isVisible()
        }, {timeout: 30_000})
        .toBe(true)
      await summary.fill('已核对 Kcell 官方页面。')
      await studio.getByRole('button', {name: 'Mark verified', exact: true}).click()
      await expect.poll(() => stack.backend.store.get('drafts.policy.kcell')?.verifiedAt, {timeout: 15_000}).toBe(today)
    })
    const log = stack.backend.store.get('drafts.policy.kcell')?.changeLog as {date: string; summary: {zh: string}}[]
    expect(log.at(-1)).toMatchObject({date: today, summary: {zh: '已核对 Kcell 官方页面。'}})
    await expect.poll(() => publishButton().isEnabled(), {timeout: 15_000}).toBe(true)
    const clicked = performance.now()
    await publishButton().click()
    // The change-log line marks the new version: the page's review date may already be today.
    timings['publish (verified today) → fresh reader response'] = await freshAfter(clicked, '已核对 Kcell 官方页面。')
    expect(await readerPage()).toMatch(new RegExp(`<time dateTime="${today}"`))
  })

  it('the freshness view lists policies never verified, then the one verified longest ago, first', async () => {
    // Another editor verified ALTEL long ago.
    await stack.backend.commit([{patch: {id: 'policy.altel', set: {verifiedAt: '2025-01-15'}}}])
    await timed('freshness view listed', async () => {
      await studio.goto(`${stack.site.url}/studio/structure/freshness`)
      await studio.locator('[data-testid="freshness"] tbody tr').first().waitFor()
    })
    const rows = studio.locator('[data-testid="freshness"] tbody tr')
    // Never verified first (izi and Tele2 in the bundled dataset), then oldest first.
    const listed = () =>
      rows.evaluateAll((trs) => trs.map((tr) => ({id: tr.getAttribute('data-policy'), date: tr.querySelector('td time')?.getAttribute('datetime') ?? ''})))
    await expect.poll(async () => (await listed()).find((row) => row.date)?.id).toBe('policy.altel')
    const dates = (await listed()).map((row) => row.date)
    expect(dates).toEqual([...dates].sort())
    expect(dates[0]).toBe('')
    expect(dates.at(-1)).toBe(today)
    expect(await rows.filter({hasText: '2025-01-15'}).first().textContent()).toMatch(/ALTEL.*2025-01-15/)
  })

  it('the Sources view lists a changed source first, with what cites it; the freshness view flags the policies verified before the change', async () => {
    // What `npm run check-sources` writes (tests/integration/check-sources-cli.test.ts runs it for real).
    const documents = 'https://kcell.kz/kk/product/documents'
    const now = new Date().toISOString()
    await stack.backend.commit([
      {createOrReplace: {_id: sourceCheckId(documents), _type: 'sourceCheck', url: documents, status: 'changed', httpStatus: 200, finalUrl: documents, checkedAt: now, changedAt: now, excerpt: '- Өтініш\n+ Өтініш онлайн'}},
      {createOrReplace: {_id: sourceCheckId('https://tele2.kz/'), _type: 'sourceCheck', url: 'https://tele2.kz/', status: 'unreachable', detail: 'answered 503', httpStatus: 503, checkedAt: now}},
      {createOrReplace: {_id: sourceCheckId('https://www.kcell.kz/'), _type: 'sourceCheck', url: 'https://www.kcell.kz/', status: 'unchanged', httpStatus: 200, checkedAt: now}},
    ])
    await timed('sources view listed', async () => {
      await studio.goto(`${stack.site.url}/studio/structure/sources`)
      await studio.locator('[data-testid="sources"] tbody tr').first().waitFor()
    })
    const rows = studio.locator('[data-testid="sources"] tbody tr')
    await expect.poll(() => rows.evaluateAll((trs) => trs.slice(0, 2).map((tr) => tr.getAttribute('data-url')))).toEqual([documents, 'https://tele2.kz/'])
    const changed = rows.first()
    expect(await changed.getAttribute('data-status')).toBe('changed')
    const citedBy = await changed.locator('td').nth(2).getByRole('link').evaluateAll((links) => links.map((link) => link.textContent))
    expect(citedBy).toEqual(expect.arrayContaining(['Policy: Kcell', 'Policy: activ', expect.stringMatching(/^FAQ: /)]))
    // Each opens the document, at the fact that cites the page.
    const href = await changed.getByRole('link', {name: 'Policy: activ'}).first().getAttribute('href')
    expect(decodeURIComponent(href ?? '')).toContain('policy.activ')
    expect(await changed.textContent()).toContain('Changed since a citing fact was verified')
    expect(await rows.nth(1).textContent()).toContain('answered 503')

    await studio.goto(`${stack.site.url}/studio/structure/freshness`)
    const column = (policy: string) => studio.locator(`[data-testid="freshness"] tr[data-policy="${policy}"] [data-column="source-changed"]`)
    // activ was verified on 2026-11-25, before the change; Kcell today (above), which counts as after it.
    await expect.poll(() => column('policy.activ').textContent(), {timeout: 15_000}).toBe('1 source: kcell.kz')
    expect(await column('policy.kcell').textContent()).toBe('no')
    expect(await column('policy.izi').textContent()).toBe('—')
  })
})
