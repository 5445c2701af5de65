import type {Metadata} from 'next'
import {notFound} from 'next/navigation'
import {JsonLd} from '@/app/_components/JsonLd'
import {Fold} from '@/app/_components/Fold'
import {JumpLinks} from '@/app/_components/JumpLinks'
import {Blocks, Text} from '@/app/_components/LocaleValue'
import {OperatorLinks, SourceList} from '@/app/_components/PolicySections'
import {setPageAddress} from '@/app/_components/page-address'
import {getFaq} from '@/lib/content'
import {format, isLocale, messagesFor, textIn} from '@/lib/i18n'
import {pageMetadata} from '@/lib/site/seo'
import {faqJsonLd} from '@/lib/site/structured-data'

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
  const anchor = (entry: (typeof entries)[number]) => `q-${entry._id}`
  return (
    <>
      {entries.length > 0 && <JsonLd data={faqJsonLd(entries, locale)} />}
      <h1>{t.faq.title}</h1>
      {entries.length === 0 && <p>{t.faq.empty}</p>}
      <JumpLinks label={t.nav.onThisPage} links={entries.map((entry) => ({id: anchor(entry), title: textIn(entry.question, locale)}))} />
      {entries.map((entry) => (
        <Fold
          key={entry._id}
          anchor={anchor(entry)}
          className="faq-entry"
          heading={
            <h2>
              <Text value={entry.question} locale={locale} />
            </h2>
          }
        >
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
        </Fold>
      ))}
    </>
  )
}
