import type {Metadata} from 'next'
import {siteUrl} from '../env.mjs'
import {messagesFor} from '../i18n/index'
import {LOCALES, LOCALE_TAGS, DEFAULT_LOCALE, type Locale} from '../i18n/locales'
import {localePath} from './paths'

export function absoluteUrl(path: string): string {
  return `${siteUrl()}${path}`
}

/** hreflang alternates of a page, in every language, with Chinese as x-default. */
export function languageAlternates(path = ''): Record<string, string> {
  const languages: Record<string, string> = {}
  for (const locale of LOCALES) languages[LOCALE_TAGS[locale]] = absoluteUrl(localePath(locale, path))
  languages['x-default'] = absoluteUrl(localePath(DEFAULT_LOCALE, path))
  return languages
}

export function pageMetadata(options: {
  locale: Locale
  path?: string
  title: string
  description: string
  siteName: string
  /** The share card: its path after the locale, and what it shows in the reader's language. Default: the locale's card. */
  image?: {path: string; alt: string}
  type?: 'website' | 'article'
}): Metadata {
  const {locale, path = '', title, description, siteName, type = 'website'} = options
  const image = options.image ?? {path: '/opengraph-image', alt: messagesFor(locale).shareImageAlt}
  const url = absoluteUrl(localePath(locale, path))
  const card = {url: absoluteUrl(localePath(locale, image.path)), width: 1200, height: 630, alt: image.alt}
  return {
    title,
    description,
    metadataBase: new URL(siteUrl()),
    alternates: {
      canonical: url,
      languages: languageAlternates(path),
      // Lets feed readers find the locale's feed from any page.
      types: {'application/atom+xml': [{url: absoluteUrl(localePath(locale, '/feed.xml')), title: siteName}]},
    },
    openGraph: {title, description, url, siteName, type, locale: LOCALE_TAGS[locale], images: [card]},
    twitter: {card: 'summary_large_image', title, description, images: [card]},
  }
}
