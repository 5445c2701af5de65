import type {Metadata} from 'next'
import {notFound} from 'next/navigation'
import {generateStaticParams as operatorParams} from '@/app/[locale]/operators/[slug]/page'
import {getOperatorPage} from '@/lib/content'
import {format, isLocale, messagesFor} from '@/lib/i18n'
import {operatorPath} from '@/lib/site/paths'

/**
 * Where a stored report sends the reader (a 303 after the POST, so a reload shows this page again
 * rather than send the report twice). Static and cached like the operator's page; not for search.
 */
export async function generateStaticParams() {
  return operatorParams()
}

export async function generateMetadata({params}: PageProps<'/[locale]/operators/[slug]/report-received'>): Promise<Metadata> {
  const {locale, slug} = await params
  if (!isLocale(locale)) return {}
  const operator = await getOperatorPage(slug)
  if (!operator) return {}
  const t = messagesFor(locale)
  return {title: `${t.report.receivedTitle} · ${operator.name} · ${t.siteName}`, robots: {index: false, follow: true}}
}

export default async function ReportReceivedPage({params}: PageProps<'/[locale]/operators/[slug]/report-received'>) {
  const {locale, slug} = await params
  if (!isLocale(locale)) notFound()
  const operator = await getOperatorPage(slug)
  if (!operator) notFound()
  const t = messagesFor(locale).report
  return (
    <article>
      <h1>{t.receivedTitle}</h1>
      <p role="status">{format(t.receivedBody, {name: operator.name})}</p>
      <p>
        <a className="button" href={operatorPath(locale, operator.slug)}>
          {format(t.backTo, {name: operator.name})}
        </a>
      </p>
    </article>
  )
}
