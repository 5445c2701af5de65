import type {SanityClient} from '@sanity/client'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {matchingBasis} from '@/lib/i18n/translation'
import {editorClient, lakeSiteEnv, startContentLake, type ContentLake} from '../support/content-lake'
import {FIXTURE_FILE} from '../support/dataset'
import {get, startSite, TEST_SECRETS, type RunningSite} from '../support/server'

/**
 * A change in one language never leaves the others silently behind: an English-only change made
 * through the API, as an import or a script would, puts a notice on the Chinese, Russian and
 * Kazakh pages on their next request, and none on the English one; reverting it, or confirming
 * that the translations still match, takes the notice away.
 */
let lake: ContentLake
let site: RunningSite
let editor: SanityClient
const NOTE = 'channels[_key=="k02w"].note'

beforeAll(async () => {
  lake = await startContentLake({file: FIXTURE_FILE, secret: TEST_SECRETS.SANITY_REVALIDATE_SECRET})
  site = await startSite({env: lakeSiteEnv(lake)})
  lake.webhook.url = `${site.url}/api/revalidate`
  editor = editorClient(lake)
})
afterAll(async () => {
  await site?.stop()
  await lake?.stop()
})

const page = async (locale: string) => (await get(`${site.url}/${locale}/operators/kcell`)).text
/** The note's table row: the notice must be at the fact it concerns. */
const noteRow = (html: string, marker: string) => html.split('<tr').find((row) => row.includes(marker)) ?? ''
const noteOf = async () => (await editor.getDocument('policy.kcell'))!.channels as {_key: string; note: Record<string, unknown>}[]
const publish = async (set: Record<string, unknown>) => {
  await editor.patch('policy.kcell').set(set).commit()
  await lake.webhooksSettled()
}

describe('an English-only change', () => {
  let original: Record<string, unknown>
  beforeAll(async () => {
    original = (await noteOf()).find((channel) => channel._key === 'k02w')!.note
    for (const locale of ['zh', 'en', 'ru', 'kk']) await page(locale) // every language cached before the change
  })

  it('puts a notice at that fact on the Chinese, Russian and Kazakh pages, on their next request, and none on the English page', async () => {
    const started = performance.now()
    await publish({[`${NOTE}.en`]: 'Changed in English only: bring your passport.'})
    const zh = await page('zh')
    console.log(`[translations] webhook sent → Chinese page with the notice: ${Math.round(performance.now() - started)} ms`)
    const chineseNote = String(original.zh).slice(0, 12)
    const row = noteRow(zh, chineseNote)
    expect(row).toContain('data-translation-behind="en"')
    expect(row).toContain('href="/en/operators/kcell"')
    expect(row).toMatch(/英文版已于 [^<]+ 更新/)
    expect(noteRow(await page('ru'), String(original.ru).slice(0, 12))).toContain('data-translation-behind="en"')
    expect(noteRow(await page('kk'), String(original.kk).slice(0, 12))).toContain('data-translation-behind="en"')
    const en = await page('en')
    expect(en).toContain('Changed in English only: bring your passport.')
    expect(en).not.toContain('data-translation-behind')
  })

  it('says which languages were updated in the Atom feed', async () => {
    const feed = (await get(`${site.url}/zh/feed.xml`)).text
    expect(feed).toContain('<title>Kcell：英文版已更新</title>')
    expect(feed).toContain('<summary>英文版已更新；中文、俄文和哈萨克文版尚未更新。</summary>')
  })

  it('leaves no notice once reverted', async () => {
    await publish({[`${NOTE}.en`]: original.en})
    expect(await page('zh')).not.toContain('data-translation-behind')
  })

  it('leaves no notice once an editor confirms the translations still match', async () => {
    await publish({[`${NOTE}.en`]: 'Fixed a typo, in English only.'})
    expect(await page('kk')).toContain('data-translation-behind="en"')
    const note = {...original, en: 'Fixed a typo, in English only.'}
    await publish({[`${NOTE}.translationBasis`]: {_type: 'translationBasis', ...matchingBasis(note)}})
    for (const locale of ['zh', 'ru', 'kk']) expect(await page(locale), locale).not.toContain('data-translation-behind')
  })
})
