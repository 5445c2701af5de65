import type {Page} from 'playwright-core'
import {operatorSlugsQuery} from '@/lib/content/queries'
import {LOCALES, type Locale} from '@/lib/i18n/locales'
import {checklistPath, comparePath, localePath, operatorPath, reportReceivedPath, sideBySidePath} from '@/lib/site/paths'
import {runGroq} from './dataset'

/** An ordinary phone, as the reader this guide is written for holds it. */
export const PHONE = {width: 390, height: 844}

/** A cell narrower than this share of the screen is a column, not a line of text. */
export const NARROW_CELL = 0.4
/** What a narrow cell may hold, in characters: a word or a short phrase, never a paragraph. */
export const NARROW_CELL_CHARACTERS = 80

export type ReaderPage = {kind: string; locale: Locale; path: string; operator?: string}

/**
 * Every kind of page a reader opens, in every language, from the data loaded: each operator's page,
 * and each other page once (the checklist and the comparison also filled in, with the first operators).
 */
export async function readerPages(): Promise<ReaderPage[]> {
  const slugs = await runGroq<string[]>(operatorSlugsQuery)
  const [first, second] = slugs
  if (!first || !second) throw new Error('the dataset needs two listed operators to compare')
  return LOCALES.flatMap((locale): ReaderPage[] => [
    {kind: 'guide', locale, path: localePath(locale)},
    ...slugs.map((slug) => ({kind: 'operator', locale, path: operatorPath(locale, slug), operator: slug})),
    {kind: 'checklist', locale, path: checklistPath(locale)},
    {kind: 'checklist-result', locale, path: checklistPath(locale, first)},
    {kind: 'compare', locale, path: comparePath(locale)},
    {kind: 'side-by-side', locale, path: sideBySidePath(locale, [first, second])},
    {kind: 'faq', locale, path: localePath(locale, '/faq')},
    {kind: 'report-received', locale, path: reportReceivedPath(locale, first)},
    {kind: 'not-found', locale, path: operatorPath(locale, 'no-such-operator')},
  ])
}

export type PhoneLayout = {
  /** The page's full height in CSS pixels. */
  height: number
  /** Elements that scroll or stick out sideways, other than a data table in its labelled scroll region. */
  sideways: string[]
  /** Table cells narrower than NARROW_CELL of the screen that hold more than NARROW_CELL_CHARACTERS. */
  squeezedCells: string[]
  /** Where the bottom of the main content's first section heading is, from the top of the page. */
  firstSectionHeadingBottom: number | null
}

/**
 * How a page lays out on the screen it is open on. A data table may scroll sideways only inside a
 * region that says so: `role="region"` with a label, reachable by keyboard (`tabindex="0"`).
 */
export function phoneLayout(page: Page): Promise<PhoneLayout> {
  // One function with no named helpers inside: it runs in the page, where a bundler's helpers are not.
  return page.evaluate(
    ({narrowCell, narrowCellCharacters}) => {
      const viewport = document.documentElement.clientWidth
      const sideways: string[] = []
      if (document.documentElement.scrollWidth > viewport) sideways.push(`the page (${document.documentElement.scrollWidth} px wide)`)
      for (const element of document.body.querySelectorAll('*')) {
        const region = element.closest('[role="region"]')
        const inTableRegion =
          region !== null &&
          region.hasAttribute('aria-label') !== region.hasAttribute('aria-labelledby') &&
          region.getAttribute('tabindex') === '0' &&
          region.children.length === 1 &&
          region.firstElementChild?.tagName === 'TABLE'
        if (inTableRegion) continue
        const box = element.getBoundingClientRect()
        const style = getComputedStyle(element)
        if (box.width === 0 || box.height === 0 || style.visibility === 'hidden') continue
        const label = `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${typeof element.className === 'string' && element.className ? `.${element.className.trim().split(/\s+/).join('.')}` : ''}`
        if ((style.overflowX === 'auto' || style.overflowX === 'scroll') && element.scrollWidth > element.clientWidth + 1) {
          sideways.push(`${label} scrolls (${element.scrollWidth} px in ${element.clientWidth} px)`)
        } else if (box.right > viewport + 1 && box.left < viewport) {
          sideways.push(`${label} sticks out (right edge at ${Math.round(box.right)} px)`)
        }
      }
      const squeezedCells: string[] = []
      for (const cell of document.querySelectorAll<HTMLElement>('td, th')) {
        const width = cell.getBoundingClientRect().width
        const text = cell.innerText.replace(/\s+/g, ' ').trim()
        if (width > 0 && width < viewport * narrowCell && text.length > narrowCellCharacters) {
          squeezedCells.push(`${Math.round(width)} px, ${text.length} characters: ${text.slice(0, 60)}…`)
        }
      }
      const heading = document.querySelector('main h2')
      return {
        height: document.documentElement.scrollHeight,
        sideways,
        squeezedCells,
        firstSectionHeadingBottom: heading ? Math.round(heading.getBoundingClientRect().bottom + window.scrollY) : null,
      }
    },
    {narrowCell: NARROW_CELL, narrowCellCharacters: NARROW_CELL_CHARACTERS},
  )
}
