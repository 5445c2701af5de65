import type {Metadata} from 'next'
import {notFound} from 'next/navigation'
import {JsonLd} from '@/app/_components/JsonLd'
import {Blocks, Text} from '@/app/_components/LocaleValue'
import {OperatorLinks, SourceList} from '@/app/_components/PolicySections'
import {setPageAddress} from '@/app/_components/page-address'
import {getFaq} from '@/lib/content'
import {format, isLocale, messagesFor} from '@/lib/i18n'
import {pageMetadata} from '@/lib/seo'
import {faqJsonLd} from '@/lib/structured-data'

export async function generateMetadata({params}: PageProps<'/[locale]/faq'>): Promise<Metadata> {
  const {locale} = await params
  if (!isLocale(locale)) return {}
  const t = messagesFor(locale)
  return pageMetadata({locale, path: '/faq', title: t.faq.title, description: t.faq.description, siteName: t.siteName})
}

export default async function FaqPage({params}: PageProps<'/[locale]/faq'>) {
  const {locale} = await params
  if (!isLocale(locale)) notFound()
  setPageAddress('/faq')
  const t = messagesFor(locale)
  const entries = await getFaq()
  return (
    <>
      {entries.length > 0 && <JsonLd data={faqJsonLd(entries, locale)} />}
      <h1>{t.faq.title}</h1>
      {entries.length === 0 && <p>{t.faq.empty}</p>}
      {entries.map((entry) => (
        <section key={entry._id} className="faq-entry" aria-labelledby={`q-${entry._id}`}>
          <h2 id={`q-${entry._id}`}>
            <Text value={entry.question} locale={locale} />
          </h2>
          <Blocks value={entry.answer} locale={locale} />
          {entry.operators.length > 0 && (
            <p className="meta">
              {format(t.faq.appliesTo, {names: ''}).trim()} <OperatorLinks operators={entry.operators} locale={locale} />
            </p>
          )}
          {entry.sources.length > 0 && (
            <>
              <h3>{t.faq.sources}</h3>
              <SourceList sources={entry.sources} locale={locale} />
            </>
          )}
        </section>
      ))}
    </>
  )
}
