import type {PortableTextBlock} from '@portabletext/react'
import {LOCALE_NAMES, LOCALE_TAGS, format, messagesFor, pickBlocks, pickText, type Locale} from '@/lib/i18n'
import type {LocaleBlocksValue, LocaleTextValue} from '@/lib/content/types'
import {RichText} from './RichText'

/** Marks text shown in another language than the reader's: `lang` for screen readers, a label for eyes. */
function FallbackMarker({locale, shownIn}: {locale: Locale; shownIn: Locale}) {
  return (
    <span className="fallback-marker" lang={LOCALE_TAGS[locale]}>
      {format(messagesFor(locale).fallback.marker, {language: LOCALE_NAMES[shownIn]})}
    </span>
  )
}

export function Text({value, locale}: {value: LocaleTextValue | null | undefined; locale: Locale}) {
  const picked = pickText(value, locale)
  if (!picked) return null
  if (!picked.fellBack) return <>{picked.value}</>
  return (
    <>
      <span lang={LOCALE_TAGS[picked.locale]}>{picked.value}</span> <FallbackMarker locale={locale} shownIn={picked.locale} />
    </>
  )
}

export function Blocks({value, locale}: {value: LocaleBlocksValue | null | undefined; locale: Locale}) {
  const picked = pickBlocks<PortableTextBlock>(value, locale)
  if (!picked) return null
  if (!picked.fellBack) return <RichText value={picked.value} />
  return (
    <div lang={LOCALE_TAGS[picked.locale]} className="fallback">
      <FallbackMarker locale={locale} shownIn={picked.locale} />
      <RichText value={picked.value} />
    </div>
  )
}
