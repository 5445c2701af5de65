import {writeFileSync} from 'node:fs'
import {gzipSync} from 'node:zlib'
import {join} from 'node:path'
import type {Browser, BrowserContext, FrameLocator, Locator, Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {translationSummary} from '@/lib/i18n/translation'
import {sourceCheckId} from '@/lib/sources/check'
import {ARTIFACTS, launchBrowser} from '../support/browser'
import {startEditorStack, type EditorStack} from '../support/editor'
import {reachableScripts, scriptUrls, totalGzipped, visualEditingIn, weighScripts} from '../support/page-weight'
import {until} from '../support/server'

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

/**
 * Console errors of the Studio (and of the site in Presentation's frame), as they happen: every
 * test below checks that its steps logged none, but for requests that fail only because this
 * machine is offline, each named with its reason.
 */
const consoleErrors: string[] = []
const OFFLINE: {error: RegExp; why: string}[] = [
  {
    error: /Failed to load resource: net::ERR_[A-Z_]+ \[https:\/\/design-system-static\.sanity\.io\//,
    why: "the Studio's typeface is on Sanity's design-system host, on the Internet",
  },
  {
    error: /Failed to load resource: net::ERR_[A-Z_]+ \[https:\/\/sanity-cdn\.com\//,
    why: "the Studio's version check asks Sanity's module CDN, on the Internet",
  },
  {
    error: /^Failed to fetch version for package .*Failed to fetch/s,
    why: 'the same version check, reporting that it could not reach the CDN',
  },
  {
    error: /Failed to load resource: net::ERR_[A-Z_]+ \[https:\/\/api\.sanity\.io\/vX\/intake\/feedback\]/,
    why: 'the Studio asks whether its feedback form can reach Sanity (a fixed address on the Internet, whatever the project)',
  },
]
const offline = (text: string) => OFFLINE.some(({error}) => error.test(text))
/** The errors logged since `mark`, without the offline ones. */
const errorsSince = (mark: number) => consoleErrors.slice(mark).filter((text) => !offline(text))

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
  let answeredAt = 0
  await until(
    `the reader's page shows ${marker}`,
    async () => {
      const html = await readerPage()
      answeredAt = performance.now()
      return typeof marker === 'string' ? html.includes(marker) : marker.test(html)
    },
    budgetMs,
    25,
  )
  return Math.round(answeredAt - since)
}

const GROUP = 'Sources and changes'
/** Boots the Studio at an address. Returns the console's mark for what follows. */
async function bootStudio(path: string): Promise<number> {
  // The mark is taken once the last page is left: a page being left may still log from its closing
  // sockets as it unloads.
  await studio.goto('about:blank')
  const mark = consoleErrors.length
  await studio.goto(`${stack.site.url}/studio${path}`)
  return mark
}

/**
 * Goes to a Studio address as an editor moves within the Studio: through the browser's history
 * (what Back and Forward use), which the Studio's router follows, rather than booting it again.
 * A boot costs 5-10 s of CPU on 2 cores, a move within it about 1 s; the first test boots it and
 * checks that boot. Returns the console's mark for what follows.
 */
async function openStudio(path: string): Promise<number> {
  if (!studio.url().startsWith(`${stack.site.url}/studio`)) return bootStudio(path)
  const mark = consoleErrors.length
  await studio.evaluate((address) => {
    history.pushState(null, '', address)
    dispatchEvent(new PopStateEvent('popstate'))
  }, `/studio${path}`)
  return mark
}

async function openKcellPolicy() {
  const mark = await openStudio('/structure/policy;policy.kcell')
  // The Studio takes seconds to boot on 2 cores, and several times that on a busy machine.
  await studio.getByRole('tab', {name: GROUP}).waitFor({timeout: 90_000})
  return mark
}
/** What a reader's page says about confidence: the badge's level. */
const badge = (html: string) => html.match(/class="badge badge-(\w+)"/)?.[1]
const confidenceRadio = (level: 'High' | 'Low' | 'Medium') => studio.getByRole('radio', {name: new RegExp(`^${level}:`)}).first()
/**
 * Opens a group of the form's fields until `shown` is visible: the form can re-render (and show its
 * first group again) while the document settles, which loses a click.
 */
async function showGroup(group: string, shown: Locator) {
  await expect
    .poll(
      async () => {
        if (!(await shown.isVisible()))
          await studio
            .getByRole('tab', {name: group})
            .click({timeout: 5_000})
            .catch(() => undefined)
        return shown.isVisible()
      },
      {timeout: 30_000, interval: 500},
    )
    .toBe(true)
}
/** Chooses a document action from its menu until `shown` (the action's dialog) is up: the menu re-renders, and loses a click, while the document settles. */
async function chooseFromActionMenu(item: RegExp, shown: Locator) {
  await expect
    .poll(
      async () => {
        if (!(await shown.isVisible())) {
          await studio
            .getByTestId('action-menu-button')
            .click({timeout: 5_000})
            .catch(() => undefined)
          await studio
            .getByRole('menuitem', {name: item})
            .click({timeout: 5_000})
            .catch(() => undefined)
        }
        return shown.isVisible()
      },
      {timeout: 30_000},
    )
    .toBe(true)
}
/** Picks the policy's confidence, as an editor does: the "Sources and changes" group, then the radio, until the draft holds it. */
async function choose(level: 'High' | 'Low') {
  const radio = confidenceRadio(level)
  await expect
    .poll(
      async () => {
        await showGroup(GROUP, radio)
        await radio.check({timeout: 5_000}).catch(() => undefined)
        return stack.backend.store.get('drafts.policy.kcell')?.confidence
      },
      {timeout: 60_000, interval: 250},
    )
    .toBe(level.toLowerCase())
}
const publishButton = () => studio.getByRole('button', {name: 'Publish', exact: true})

beforeAll(async () => {
  ;[stack, browser] = await Promise.all([startEditorStack(), launchBrowser()])
  // The backend's certificate is its own: an editor accepts it once, the tests ignore it.
  context = await browser.newContext({ignoreHTTPSErrors: true, viewport: {width: 1400, height: 900}})
  studio = await context.newPage()
  studio.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`${message.text()} [${message.location().url}]`)
  })
  studio.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`))
})
afterAll(async () => {
  writeFileSync(join(ARTIFACTS, 'editor-timings.json'), JSON.stringify(timings, null, 2))
  await context?.close()
  await browser?.close()
  await stack?.stop()
})

describe('an editor in the local Studio', () => {
  it('opens /studio on the bundled dataset, with no account, and nothing red in the console', async () => {
    let mark = 0
    await timed('studio boot (goto /studio → structure listed)', async () => {
      mark = await bootStudio('')
      await studio.getByText('Cancellation policies').first().waitFor({timeout: 60_000})
    })
    // A quiet window, not a wait for the site: late requests of the boot (the live connections, the
    // version check) may still log an error, and no event says the Studio has made its last one.
    await studio.waitForTimeout(3_000)
    expect(errorsSince(mark)).toEqual([])
    // The tools work; Releases and Scheduled Drafts would need what the local backend does not keep:
    // they are not offered here.
    const tools = await studio.locator('[data-ui="Navbar"] a, header a').allTextContents()
    expect(tools).toEqual(expect.arrayContaining(['Structure', 'Presentation', 'Vision']))
    expect(tools.filter((tool) => /Releases|Scheduled/.test(tool))).toEqual([])
  })

  it("changes a field of Kcell's policy and publishes: the reader's page shows it on the next request", async () => {
    const mark = await timed('open Kcell policy', openKcellPolicy)
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
    expect(errorsSince(mark)).toEqual([])
  })

  it('edits without publishing: Presentation shows the draft, a reader does not get it', async () => {
    await openKcellPolicy()
    await choose('Low')
    await timed('Presentation shows the draft', async () => {
      await openStudio(`/presentation?preview=${encodeURIComponent('/en/operators/kcell')}`)
      await studio.frameLocator('iframe').locator('.badge-low').first().waitFor({timeout: 45_000})
    })
    const reader = await fetch(`${stack.site.url}/en/operators/kcell`)
    const html = await reader.text()
    expect(badge(html)).toBe('high')
    expect(reader.headers.get('cache-control')).toMatch(/s-maxage/)

    // Visual editing is loaded in draft mode only: a reader's page ships none of it.
    // Looked up at each use: Presentation may reload its frame (on a busy machine, after a slow connection).
    const draftFrame = () =>
      studio
        .frames()
        .find(
          (candidate) =>
            !candidate.isDetached() &&
            candidate !== studio.mainFrame() &&
            candidate.url() !== '' &&
            new URL(candidate.url()).pathname === '/en/operators/kcell',
        )
    // Presentation may reload its frame at any moment (likelier on a busy machine): work a reload
    // cuts off is done again in the new frame, once it is there.
    const inDraftFrame = async <T>(work: () => T | Promise<T>): Promise<T> => {
      for (let attempt = 1; ; attempt++) {
        await expect.poll(() => draftFrame() !== undefined, {timeout: 30_000}).toBe(true)
        try {
          return await draftFrame()!.evaluate(work)
        } catch (error) {
          if (attempt === 3 || !/detached|destroyed/i.test((error as Error).message)) throw error
        }
      }
    }
    // Every chunk a reader's page could ever load, of which the page's own scripts are the first.
    const readerReach = await reachableScripts(html, stack.site.url)
    const initial = new Set(scriptUrls(html, stack.site.url))
    const readerScripts = readerReach.filter((script) => initial.has(script.url))
    // What the draft page loaded beyond them, once its overlays have loaded (after the page itself).
    let extra: Awaited<ReturnType<typeof weighScripts>> = []
    await expect
      .poll(
        async () => {
          const draftScripts = await inDraftFrame(() =>
            performance
              .getEntriesByType('resource')
              .map((entry) => entry.name)
              .filter((name) => name.endsWith('.js')),
          )
          extra = await weighScripts(draftScripts.filter((url) => !initial.has(url)))
          return visualEditingIn(extra)
        },
        {timeout: 30_000, interval: 500, message: 'the draft page loads visual editing'},
      )
      .not.toEqual([])
    // Not even its loader: no chunk a reader's page could ever load holds it.
    expect(visualEditingIn(readerReach)).toEqual([])
    timings['reader page JS, gzipped bytes'] = totalGzipped(readerScripts)
    timings['draft-mode extra JS, gzipped bytes'] = totalGzipped(extra)
    console.log(
      `[editor] reader page JS ${totalGzipped(readerScripts)} B gzipped (${readerScripts.length} files); draft mode adds ${totalGzipped(extra)} B (${extra.length} files)`,
    )
    // Click-to-edit's cost, in draft mode only: the page's data-sanity attributes. A reader's page has none.
    const draftHtml = await inDraftFrame(() => fetch(location.href).then((response) => response.text()))
    // In the HTML, and again in the inline payload React hydrates from.
    const withoutAttributes = draftHtml.replace(/ data-sanity="[^"]*"/g, '').replace(/,?\\"data-sanity\\":\\"[^\\]*\\"/g, '')
    const attributes = draftHtml.length - withoutAttributes.length
    expect(attributes).toBeGreaterThan(0)
    expect(html).not.toContain('data-sanity=')
    timings['draft-mode click-to-edit attributes, gzipped bytes'] = gzipSync(draftHtml).length - gzipSync(withoutAttributes).length
    console.log(
      `[editor] click-to-edit attributes on the draft page: ${(draftHtml.match(/ data-sanity="/g) ?? []).length}, ${attributes} B raw, ${timings['draft-mode click-to-edit attributes, gzipped bytes']} B gzipped`,
    )
    // Discard, so the next step publishes only what it changes.
    await stack.backend.commit([{delete: {id: 'drafts.policy.kcell'}}])
  })

  it('"Mark verified today" sets the date and a change-log line; after publishing the page shows today', async () => {
    await openKcellPolicy()
    await timed('Mark verified today (dialog → draft)', async () => {
      const summary = studio.locator('#verified-summary')
      await chooseFromActionMenu(/Mark verified today/, summary)
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

  it('an English edit puts the others behind, showing the change word by word; "Translations still match" clears it', async () => {
    await openKcellPolicy()
    const field = (locale: string) => studio.locator(`[data-path="balanceRefund.text.${locale}"]`)
    await showGroup('Money and number', field('en').locator('textarea'))
    await expect.poll(() => field('zh').getAttribute('data-translation-state')).toBe('current')
    expect(await field('zh').locator('[data-translation-diff]').count()).toBe(0)
    // One sentence added in English only, to the text as it is.
    const before = (stack.backend.store.get('policy.kcell')!.balanceRefund as {text: {en: string}}).text.en
    const added = 'Refund rule changed in English only.'
    const edited = `${before} ${added}`
    await field('en').locator('textarea').fill(edited)
    await expect.poll(() => field('zh').getAttribute('data-translation-state'), {timeout: 15_000}).toBe('behind')
    expect(await field('zh').textContent()).toContain('behind English')
    expect(await field('en').getAttribute('data-translation-state')).toBe('current')
    // The translator's view: the English then and now, the added words marked, the rest as it was.
    const diff = field('zh').locator('[data-translation-diff="en"]')
    await diff.waitFor({timeout: 15_000})
    // (The space before the added sentence is common to both texts, so the old side ends with it.)
    expect((await diff.locator('[data-side="before"]').textContent())?.trimEnd()).toBe(`Then: ${before}`)
    expect(await diff.locator('[data-side="after"]').textContent()).toBe(`Now: ${edited}`)
    expect((await diff.locator('ins').allTextContents()).join('').trim()).toBe(added)
    expect(await diff.locator('del').count()).toBe(0)
    const draftEnglish = () => (stack.backend.store.get('drafts.policy.kcell')?.balanceRefund as {text: {en: string}})?.text?.en
    await expect.poll(draftEnglish, {timeout: 15_000}).toBe(edited)

    await expect.poll(() => publishButton().isEnabled(), {timeout: 15_000}).toBe(true)
    const clicked = performance.now()
    await publishButton().click()
    const zhPage = async () => (await fetch(`${stack.site.url}/zh/operators/kcell`)).text()
    await until('the Chinese page says it is behind', async () => (await zhPage()).includes('data-translation-behind="en"'), 20_000, 25)
    timings['publish click → notice on the Chinese page'] = Math.round(performance.now() - clicked)
    console.log(`[editor] publish click → notice on the Chinese page: ${timings['publish click → notice on the Chinese page']} ms`)
    // Published, the languages behind stay behind: the publish recorded English only. (The form
    // shows its first group again after a publish.)
    await showGroup('Money and number', field('zh'))
    await expect.poll(() => field('zh').getAttribute('data-translation-state'), {timeout: 15_000}).toBe('behind')
    // The published basis kept the English the Chinese was written against: the view stays until it is translated.
    expect((await field('zh').locator('[data-translation-diff="en"] ins').allTextContents()).join('').trim()).toBe(added)

    await timed('"Translations still match" (dialog → draft)', async () => {
      const confirm = studio.getByRole('button', {name: 'Yes, the translations still match'})
      await chooseFromActionMenu(/Translations still match/, confirm)
      await confirm.click()
      await expect.poll(() => translationSummary(stack.backend.store.get('drafts.policy.kcell')).behind, {timeout: 15_000}).toBe(0)
      await showGroup('Money and number', field('zh'))
      await expect.poll(() => field('zh').getAttribute('data-translation-state'), {timeout: 15_000}).toBe('current')
      expect(await field('zh').locator('[data-translation-diff]').count()).toBe(0)
    })
    const log = stack.backend.store.get('drafts.policy.kcell')?.changeLog as {summary: {en: string}}[]
    expect(log.at(-1)?.summary.en).toBe('Translations checked: every language still says the same.')
    await expect.poll(() => publishButton().isEnabled(), {timeout: 15_000}).toBe(true)
    await publishButton().click()
    await expect.poll(async () => (await zhPage()).includes('data-translation-behind'), {timeout: 20_000}).toBe(false)
    // Two publishes and a dialog in the Studio: 30-60 s on a quiet machine, much more on a busy one.
  }, 300_000)

  it.each([
    [
      "an operator page's hotline",
      '/en/operators/kcell',
      'operator.kcell',
      /contacts\[_key=="[^"]+"\]\.value/,
      (frame: FrameLocator) => frame.locator('#contacts ~ ul li').first().locator('[data-sanity*=".value"]').first(),
    ],
    [
      'a policy note in Kazakh',
      '/kk/operators/kcell',
      'policy.kcell',
      /channels\[_key=="k02w"\]\.note\.kk/,
      (frame: FrameLocator) => frame.locator('[data-sanity*="path=channels:k02w.note.kk"]').first(),
    ],
    [
      'a guide statement on the home page',
      '/en',
      'guide',
      /whyCancel\[_key=="s001"\]\.text\.en/,
      (frame: FrameLocator) => frame.locator('#why + ul li').first().locator('[data-sanity*="text.en"]'),
    ],
  ])('in Presentation, clicking %s opens its field in the Studio', async (what, path, id, field, target) => {
    const mark = await openStudio(`/presentation?preview=${encodeURIComponent(path)}`)
    const frame = studio.frameLocator('iframe')
    const element = target(frame)
    await element.waitFor({timeout: 60_000})
    // The page marks the value with where it lives: its document, field, array item and language.
    const marked = decodeURIComponent((await element.getAttribute('data-sanity')) ?? '')
    expect(marked).toContain(`id=${id}`)
    await timed(`Presentation: click ${what} → its field`, async () => {
      // Presentation opens the document beside the page, at the field: its address names both, and
      // the field's input has the focus. On a busy machine the page can be clickable before its
      // overlays listen (Presentation then shows only the page's main document): click again.
      const opened = () => decodeURIComponent(new URL(studio.url()).pathname)
      const atField = new RegExp(`/presentation/\\w+/${id.replace('.', '\\.')}/${field.source}$`)
      for (let attempt = 1; !atField.test(opened()); attempt++) {
        if (attempt > 3) throw new Error(`three clicks on ${what} did not open its field: ${opened()}`)
        await element.hover()
        await element.click()
        await expect
          .poll(opened, {timeout: 15_000})
          .toMatch(atField)
          .catch(() => undefined)
      }
      await expect
        .poll(() => studio.evaluate(() => document.activeElement?.id ?? ''), {timeout: 30_000})
        .toMatch(new RegExp(`^${field.source}$`))
    })
    // Presentation logs this when a page's overlays take over 8 s to connect (5 s + 3 s, in sanity's
    // constants), which a busy 2-core machine can take; the click above has just proved they connected.
    const errors = errorsSince(mark)
    const slowToConnect = errors.filter((text) => text.startsWith('Unable to connect to visual editing.'))
    if (slowToConnect.length > 0) console.log(`[editor] ${what}: the overlays connected after Presentation's 8 s notice`)
    expect(errors.filter((text) => !slowToConnect.includes(text))).toEqual([])
  })

  it('the verification age view asks for nothing more while it stays open and nothing changes', async () => {
    const mark = await openStudio('/structure/verification-age')
    await studio.locator('[data-testid="verification-age"] tbody tr').first().waitFor({timeout: 60_000})
    // The view's first reads (policies, sources, the change feed's state) settle; then a quiet window
    // is counted: an absence of requests is only seen by watching for a while.
    await studio.waitForTimeout(1_000)
    let queries = 0
    const count = (request: {url(): string}) => void (request.url().includes('/data/query/') && queries++)
    studio.on('request', count)
    await studio.waitForTimeout(5_000)
    studio.off('request', count)
    expect(queries, 'queries in 5 s of an open view with no change').toBe(0)
    expect(errorsSince(mark)).toEqual([])
  })

  it('the verification age view lists policies never verified, then the one verified longest ago, first', async () => {
    // Another editor verified ALTEL long ago.
    await stack.backend.commit([{patch: {id: 'policy.altel', set: {verifiedAt: '2025-01-15'}}}])
    await timed('verification age view listed', async () => {
      await openStudio('/structure/verification-age')
      await studio.locator('[data-testid="verification-age"] tbody tr').first().waitFor()
    })
    const rows = studio.locator('[data-testid="verification-age"] tbody tr')
    // Never verified first (izi and Tele2 in the bundled dataset), then oldest first.
    const listed = () =>
      rows.evaluateAll((trs) =>
        trs.map((tr) => ({id: tr.getAttribute('data-policy'), date: tr.querySelector('td time')?.getAttribute('datetime') ?? ''})),
      )
    await expect.poll(async () => (await listed()).find((row) => row.date)?.id).toBe('policy.altel')
    const dates = (await listed()).map((row) => row.date)
    expect(dates).toEqual([...dates].sort())
    expect(dates[0]).toBe('')
    expect(dates.at(-1)).toBe(today)
    expect(await rows.filter({hasText: '2025-01-15'}).first().textContent()).toMatch(/ALTEL.*2025-01-15/)
  })

  it('the Sources view lists a changed source first, with what cites it; the verification age view flags the policies verified before the change', async () => {
    // What `npm run check-sources` writes (tests/integration/check-sources-cli.test.ts runs it for real).
    const documents = 'https://kcell.kz/kk/product/documents'
    const now = new Date().toISOString()
    await stack.backend.commit([
      {
        createOrReplace: {
          _id: sourceCheckId(documents),
          _type: 'sourceCheck',
          url: documents,
          status: 'changed',
          httpStatus: 200,
          finalUrl: documents,
          checkedAt: now,
          changedAt: now,
          excerpt: '- Өтініш\n+ Өтініш онлайн',
        },
      },
      {
        createOrReplace: {
          _id: sourceCheckId('https://tele2.kz/'),
          _type: 'sourceCheck',
          url: 'https://tele2.kz/',
          status: 'unreachable',
          detail: 'answered 503',
          httpStatus: 503,
          checkedAt: now,
        },
      },
      {
        createOrReplace: {
          _id: sourceCheckId('https://www.kcell.kz/'),
          _type: 'sourceCheck',
          url: 'https://www.kcell.kz/',
          status: 'unchanged',
          httpStatus: 200,
          checkedAt: now,
        },
      },
    ])
    await timed('sources view listed', async () => {
      await openStudio('/structure/sources')
      await studio.locator('[data-testid="sources"] tbody tr').first().waitFor()
    })
    const rows = studio.locator('[data-testid="sources"] tbody tr')
    await expect
      .poll(() => rows.evaluateAll((trs) => trs.slice(0, 2).map((tr) => tr.getAttribute('data-url'))))
      .toEqual([documents, 'https://tele2.kz/'])
    const changed = rows.first()
    expect(await changed.getAttribute('data-status')).toBe('changed')
    const citedBy = await changed
      .locator('td')
      .nth(2)
      .getByRole('link')
      .evaluateAll((links) => links.map((link) => link.textContent))
    expect(citedBy).toEqual(expect.arrayContaining(['Policy: Kcell', 'Policy: activ', expect.stringMatching(/^FAQ: /)]))
    // Each opens the document, at the fact that cites the page.
    const href = await changed.getByRole('link', {name: 'Policy: activ'}).first().getAttribute('href')
    expect(decodeURIComponent(href ?? '')).toContain('policy.activ')
    expect(await changed.textContent()).toContain('Changed since a citing fact was verified')
    expect(await rows.nth(1).textContent()).toContain('answered 503')

    await openStudio('/structure/verification-age')
    const column = (policy: string) =>
      studio.locator(`[data-testid="verification-age"] tr[data-policy="${policy}"] [data-column="source-changed"]`)
    // activ was verified on 2026-11-25, before the change; Kcell today (above), which counts as after it.
    await expect.poll(() => column('policy.activ').textContent(), {timeout: 15_000}).toBe('1 source: kcell.kz')
    expect(await column('policy.kcell').textContent()).toBe('no')
    expect(await column('policy.izi').textContent()).toBe('—')
  })
})
