import type {PortableTextBlock} from '@portabletext/react'
import type {FaqEntry, OperatorPage} from './content/types'
import {renderableBlocks} from './rich-text'
import {textIn, pickBlocks, type Locale, LOCALE_TAGS} from './i18n'

/** The plain text of Portable Text blocks, one string per block. */
export function blocksToText(blocks: PortableTextBlock[] | undefined): string[] {
  return renderableBlocks(blocks)
    .map((block) => (Array.isArray(block.children) ? block.children.map((child) => String(child.text ?? '')).join('') : ''))
    .map((text) => text.trim())
    .filter(Boolean)
}

/**
 * schema.org HowTo for an operator's policy; only when it has steps and something in it is
 * verified: an unverified policy's page claims no procedure, to readers or to search engines.
 */
export function howToJsonLd(operator: OperatorPage, locale: Locale, name: string, url: string) {
  if (!operator.policy || operator.policy.confidence === 'unverified') return undefined
  const steps = blocksToText(pickBlocks<PortableTextBlock>(operator.policy?.steps, locale)?.value)
  if (steps.length === 0) return undefined
  const documents = operator.policy?.documents.map((doc) => textIn(doc.title, locale)).filter(Boolean) ?? []
  return {
    '@context': 'https://schema.org',
    '@type': 'HowTo',
    name,
    inLanguage: LOCALE_TAGS[locale],
    url,
    ...(operator.policy?.verifiedAt ? {dateModified: operator.policy.verifiedAt} : {}),
    ...(documents.length ? {supply: documents.map((doc) => ({'@type': 'HowToSupply', name: doc}))} : {}),
    step: steps.map((text, index) => ({'@type': 'HowToStep', position: index + 1, name: text.slice(0, 110), text})),
  }
}

export function faqJsonLd(entries: FaqEntry[], locale: Locale) {
  const mainEntity = entries
    .map((entry) => ({
      question: textIn(entry.question, locale),
      answer: blocksToText(pickBlocks<PortableTextBlock>(entry.answer, locale)?.value).join('\n'),
    }))
    .filter((entry) => entry.question && entry.answer)
    .map((entry) => ({
      '@type': 'Question',
      name: entry.question,
      acceptedAnswer: {'@type': 'Answer', text: entry.answer},
    }))
  return {'@context': 'https://schema.org', '@type': 'FAQPage', inLanguage: LOCALE_TAGS[locale], mainEntity}
}
