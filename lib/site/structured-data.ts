import type {PortableTextBlock} from '@portabletext/react'
import type {FaqEntry, OperatorPage} from '../content/types'
import {renderableBlocks} from '../text/rich-text'
import {format, formatMoment, messagesFor, textIn, pickBlocks, type Locale, LOCALE_TAGS} from '../i18n/index'

/** The plain text of Portable Text blocks, one string per block. */
export function blocksToText(blocks: PortableTextBlock[] | undefined): string[] {
  return renderableBlocks(blocks)
    .map((block) => (Array.isArray(block.children) ? block.children.map((child) => String(child.text ?? '')).join('') : ''))
    .map((text) => text.trim())
    .filter(Boolean)
}

/**
 * schema.org HowTo for an operator's policy; only when it has steps and something in it is
 * verified: an unverified policy's page claims no procedure, to readers or to search engines. It
 * lists only what is in force; what is announced to come is mentioned in its description.
 */
export function howToJsonLd(operator: OperatorPage, locale: Locale, name: string, url: string) {
  const policy = operator.policy
  if (!policy || policy.confidence === 'unverified') return undefined
  const steps = blocksToText(pickBlocks<PortableTextBlock>(policy.steps, locale)?.value)
  if (steps.length === 0) return undefined
  const documents = policy.documents
    .filter((doc) => doc.effect === 'inForce')
    .map((doc) => textIn(doc.title, locale))
    .filter(Boolean)
  const upcoming = [
    ...policy.documents.map((doc) => ({...doc, text: doc.title})),
    ...policy.prerequisites,
    ...policy.channels.map((channel) => ({...channel, text: channel.note})),
  ]
    .filter((fact) => fact.effect === 'upcoming' && fact.effectiveFrom && textIn(fact.text, locale))
    .map(
      (fact) =>
        `${format(messagesFor(locale).effect.upcoming, {date: formatMoment(fact.effectiveFrom!, locale)})}: ${textIn(fact.text, locale)}`,
    )
  return {
    '@context': 'https://schema.org',
    '@type': 'HowTo',
    name,
    inLanguage: LOCALE_TAGS[locale],
    url,
    ...(policy.verifiedAt ? {dateModified: policy.verifiedAt} : {}),
    ...(upcoming.length ? {description: upcoming.join(' ')} : {}),
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
