import {notFound} from 'next/navigation'
import {DraftModeTools} from '@/app/_components/DraftModeTools'
import {SiteFrame} from '@/app/_components/SiteFrame'
import {DEFAULT_LOCALE, isLocale} from '@/lib/i18n'

export {metadata, viewport} from '@/app/[locale]/layout'

/** Draft mode renders every request afresh: one language is prerendered only so the build checks the tree. */
export function generateStaticParams() {
  return [{locale: DEFAULT_LOCALE}]
}

/**
 * The readers' pages again, for a draft session only: `proxy.ts` rewrites a request carrying Next's
 * draft-mode cookie here, and answers 404 to anyone asking for `/draft` directly. Its own root
 * layout keeps visual editing's client code out of every reader's page.
 */
export default async function DraftLayout({children, params}: LayoutProps<'/draft/[locale]'>) {
  const {locale} = await params
  if (!isLocale(locale)) notFound()
  return (
    <SiteFrame locale={locale} tools={<DraftModeTools />}>
      {children}
    </SiteFrame>
  )
}
