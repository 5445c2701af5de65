import type {Metadata} from 'next'
import {notFound} from 'next/navigation'
import {PickTwoForm, SideBySideTable} from '@/app/_components/Compare'
import {setPageAddress} from '@/app/_components/page-address'
import {parsePicks} from '@/lib/site/compare'
import {getOperators} from '@/lib/content'
import type {OperatorSummary} from '@/lib/content/types'
import {format, isLocale, messagesFor} from '@/lib/i18n'
import {comparePath, sideBySideSubpath} from '@/lib/site/paths'
import {pageMetadata} from '@/lib/site/seo'

export async function generateMetadata({params}: PageProps<'/[locale]/compare/side-by-side'>): Promise<Metadata> {
  const {locale} = await params
  if (!isLocale(locale)) return {}
  const t = messagesFor(locale)
  // One address for every pair: a view of the comparison, not a page of its own for search engines.
  return {
    ...pageMetadata({
      locale,
      path: sideBySideSubpath(),
      title: t.compare.pickTwo,
      description: t.compare.description,
      siteName: t.siteName,
    }),
    robots: {index: false, follow: true},
  }
}

/**
 * The picks live in the query string, so the page is rendered for each request, in one piece (as
 * the checklist is): a reader without JavaScript gets the answer in the HTML. Its data still comes
 * from the cached, tagged reads; the comparison of every operator stays a static page.
 */
export const instant = false

export default async function SideBySidePage({params, searchParams}: PageProps<'/[locale]/compare/side-by-side'>) {
  const {locale} = await params
  if (!isLocale(locale)) notFound()
  const t = messagesFor(locale)
  const operators = await getOperators()
  const {picks, pair} = parsePicks(
    await searchParams,
    operators.map((operator) => operator.slug),
  )
  setPageAddress(sideBySideSubpath(pair ?? []))
  const bySlug = (slug: string) => operators.find((operator) => operator.slug === slug)!
  const shown = pair && (pair.map(bySlug) as [OperatorSummary, OperatorSummary])
  return (
    <>
      <h1>{shown ? format(t.compare.pairTitle, {first: shown[0].name, second: shown[1].name}) : t.compare.pickTwo}</h1>
      <PickTwoForm operators={operators} picks={picks} locale={locale} />
      {shown ? <SideBySideTable pair={shown} locale={locale} /> : <p role="status">{t.compare.pickPrompt}</p>}
      <p>
        <a href={comparePath(locale)}>{t.compare.all}</a>
      </p>
    </>
  )
}
