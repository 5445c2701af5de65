import type {Metadata} from 'next'
import {notFound} from 'next/navigation'
import {CompareTable, PickTwoForm} from '@/app/_components/Compare'
import {setPageAddress} from '@/app/_components/page-address'
import {getOperators} from '@/lib/content'
import {isLocale, messagesFor} from '@/lib/i18n'
import {pageMetadata} from '@/lib/site/seo'

export async function generateMetadata({params}: PageProps<'/[locale]/compare'>): Promise<Metadata> {
  const {locale} = await params
  if (!isLocale(locale)) return {}
  const t = messagesFor(locale)
  return pageMetadata({locale, path: '/compare', title: t.compare.title, description: t.compare.description, siteName: t.siteName})
}

/** Every operator; static and cached. Two of them side by side are a page of their own (side-by-side/). */
export default async function ComparePage({params}: PageProps<'/[locale]/compare'>) {
  const {locale} = await params
  if (!isLocale(locale)) notFound()
  setPageAddress('/compare')
  const t = messagesFor(locale)
  const operators = await getOperators()
  return (
    <>
      <h1>{t.compare.title}</h1>
      <p>{t.compare.description}</p>
      {operators.length >= 2 && <PickTwoForm operators={operators} picks={[]} locale={locale} />}
      <CompareTable operators={operators} locale={locale} />
    </>
  )
}
