'use client'

import {useParams} from 'next/navigation'
import {DEFAULT_LOCALE, isLocale} from '@/lib/i18n/locales'
import {notFoundMessages} from '@/lib/i18n/not-found'

/** Inside a locale's layout: the header and footer are already in the reader's language. */
export default function NotFound() {
  const params = useParams<{locale?: string}>()
  const locale = isLocale(params?.locale) ? params.locale : DEFAULT_LOCALE
  const t = notFoundMessages[locale]
  return (
    <>
      <h1>{t.title}</h1>
      <p>{t.body}</p>
      <p>
        <a href={`/${locale}`}>{t.back}</a>
      </p>
    </>
  )
}
