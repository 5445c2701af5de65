import type {PortableTextBlock} from '@portabletext/react'
import {LOCALE_NAMES, LOCALE_TAGS, format, formatDate, formatList, messagesFor, pickBlocks, pickText, type Locale} from '@/lib/i18n'
import {editAttribute} from '@/lib/content/edit-locations'
import type {LocaleBlocksValue, LocaleTextValue} from '@/lib/content/types'
import {localePath} from '@/lib/site/paths'
import {pageAddress} from './page-address'
import {RichText} from './RichText'

/** Marks text shown in another language than the reader's: `lang` for screen readers, a label for eyes. */
function FallbackMarker({locale, shownIn}: {locale: Locale; shownIn: Locale}) {
  return (
    <span className="fallback-marker" lang={LOCALE_TAGS[locale]}>
      {format(messagesFor(locale).fallback.marker, {language: LOCALE_NAMES[shownIn]})}
    </span>
  )
}

/**
 * Where the reader's language is behind another language's newer text, says so right there, with
 * when it changed and a link to the same page in that language. `data-translation-behind` names the
 * newer language.
 */
function BehindNotice({value, locale, block}: {value: LocaleTextValue | LocaleBlocksValue; locale: Locale; block?: boolean}) {
  const behind = value.translationBehind?.[locale]
  if (!behind) return null
  const t = messagesFor(locale).translation
  const newer = behind.newer[0]!
  const languages = formatList(
    behind.newer.map((other) => t.languages[other]),
    locale,
  )
  const words = behind.updatedAt
    ? format(t.behind, {languages, date: formatDate(behind.updatedAt, locale)})
    : format(t.behindUndated, {languages})
  const Element = block ? 'p' : 'small'
  return (
    <Element className="translation-behind" data-translation-behind={newer} role="note">
      {words}{' '}
      <a href={localePath(newer, pageAddress())} hrefLang={LOCALE_TAGS[newer]}>
        {format(t.readIn, {language: t.languages[newer]})}
      </a>
    </Element>
  )
}

/**
 * A text in the reader's language (or the nearest one, marked). In draft mode it is marked with
 * where it lives, so an editor's click opens it in the Studio at that language.
 */
export function Text({value, locale}: {value: LocaleTextValue | null | undefined; locale: Locale}) {
  const picked = pickText(value, locale)
  if (!picked || !value) return null
  const shown = !picked.fellBack ? (
    <>
      {picked.value}
      <BehindNotice value={value} locale={locale} />
    </>
  ) : (
    <>
      <span lang={LOCALE_TAGS[picked.locale]}>{picked.value}</span> <FallbackMarker locale={locale} shownIn={picked.locale} />
    </>
  )
  const editing = editAttribute(value, locale)
  return editing ? <span data-sanity={editing}>{shown}</span> : shown
}

export function Blocks({value, locale}: {value: LocaleBlocksValue | null | undefined; locale: Locale}) {
  const picked = pickBlocks<PortableTextBlock>(value, locale)
  if (!picked || !value) return null
  const editing = editAttribute(value, locale)
  if (!picked.fellBack) {
    const shown = (
      <>
        <BehindNotice value={value} locale={locale} block />
        <RichText value={picked.value} />
      </>
    )
    return editing ? <div data-sanity={editing}>{shown}</div> : shown
  }
  return (
    <div lang={LOCALE_TAGS[picked.locale]} className="fallback" data-sanity={editing}>
      <FallbackMarker locale={locale} shownIn={picked.locale} />
      <RichText value={picked.value} />
    </div>
  )
}
