import type {Metadata, Viewport} from 'next'
import {notFound} from 'next/navigation'
import {SiteFrame} from '@/app/_components/SiteFrame'
import {LOCALES, isLocale} from '@/lib/i18n'

export function generateStaticParams() {
  return LOCALES.map((locale) => ({locale}))
}

export const viewport: Viewport = {width: 'device-width', initialScale: 1, themeColor: '#0b5cab'}

export const metadata: Metadata = {
  icons: {icon: '/favicon.svg'},
  formatDetection: {telephone: false},
}

/**
 * Readers' pages. Nothing here may reach draft mode's client code: Next ships a script for every
 * client component a route's layouts can reach, rendered or not. Draft mode has its own root
 * (`app/draft`), which `proxy.ts` serves only to a draft session.
 */
export default async function LocaleLayout({children, params}: LayoutProps<'/[locale]'>) {
  const {locale} = await params
  if (!isLocale(locale)) notFound()
  return <SiteFrame locale={locale}>{children}</SiteFrame>
}
