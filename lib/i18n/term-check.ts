import {LOCALES, LOCALE_NAMES, type Locale} from './locales'
import {TERMS, type ForbiddenVariant} from './terms'
import {isLocaleValue} from './translation'

/**
 * Checks texts against the term base (lib/i18n/terms.ts). Linear in the text: it is split into
 * words once (a regex whose classes cannot overlap, so it never backtracks), and each forbidden
 * variant is tried at each word with plain string comparisons; Chinese variants are found with
 * `indexOf`. The words are found by Unicode class, since `\b` knows only ASCII letters and would
 * cut «SIM-картадан» anywhere.
 */
export type TermFinding = {concept: string; locale: Locale; found: string; preferred: string; why: string}

const WORD = /[\p{L}\p{M}\p{N}]+(?:-[\p{L}\p{M}\p{N}]+)*/gu

type Word = {text: string; start: number; end: number}
type Phrase = ((word: string) => boolean)[]
type Compiled = {concept: string; preferred: string; variant: ForbiddenVariant; phrase: Phrase; unless: Phrase[]}

/** One word of a variant: forms separated by `|`, each whole or a stem with `*` for its ending. */
function wordMatcher(pattern: string): (word: string) => boolean {
  const forms = pattern.split('|').map((form) => {
    const star = form.indexOf('*')
    return star < 0 ? {prefix: form, suffix: '', whole: true} : {prefix: form.slice(0, star), suffix: form.slice(star + 1), whole: false}
  })
  return (word) =>
    forms.some(({prefix, suffix, whole}) =>
      whole ? word === prefix : word.length >= prefix.length + suffix.length && word.startsWith(prefix) && word.endsWith(suffix),
    )
}
const phraseOf = (variant: string): Phrase => variant.toLowerCase().split(' ').filter(Boolean).map(wordMatcher)

const compiled: Record<Locale, Compiled[]> = Object.fromEntries(
  LOCALES.map((locale) => [
    locale,
    TERMS.flatMap(({concept, preferred, forbidden}) =>
      (forbidden[locale] ?? []).map((variant) => ({
        concept,
        preferred: preferred[locale],
        variant,
        phrase: phraseOf(variant.variant),
        unless: (variant.unlessFollowedBy ?? []).map(phraseOf),
      })),
    ),
  ]),
) as Record<Locale, Compiled[]>

/** Words of a text, lower-cased, with where each stands. */
function wordsOf(text: string): Word[] {
  return Array.from(text.matchAll(WORD), (match) => ({
    text: match[0].toLowerCase(),
    start: match.index,
    end: match.index + match[0].length,
  }))
}

/** Whether the phrase matches the words from `at` on, the words separated by spaces only; the index after it, or -1. */
function matchAt(text: string, words: Word[], at: number, phrase: Phrase): number {
  for (let offset = 0; offset < phrase.length; offset++) {
    const word = words[at + offset]
    if (!word || !phrase[offset]!(word.text)) return -1
    if (offset > 0 && text.slice(words[at + offset - 1]!.end, word.start).trim() !== '') return -1
  }
  return at + phrase.length
}

/** Chinese: each form of the variant wherever it stands, unless a legitimate use follows it; where each starts and ends. */
function findChinese(text: string, rule: Compiled): [number, number][] {
  const lower = text.toLowerCase()
  const found: [number, number][] = []
  for (const form of rule.variant.variant.toLowerCase().split('|')) {
    for (let index = lower.indexOf(form); index >= 0; index = lower.indexOf(form, index + form.length)) {
      if (!(rule.variant.unlessFollowedBy ?? []).some((next) => lower.startsWith(next.toLowerCase(), index + form.length)))
        found.push([index, index + form.length])
    }
  }
  return found
}

/** The forbidden variants a text in `locale` uses, in the order they stand, each with the preferred term and why. */
export function termFindings(text: string, locale: Locale): TermFinding[] {
  const findings: (TermFinding & {at: number})[] = []
  const normalized = text.normalize('NFC')
  const words = locale === 'zh' ? [] : wordsOf(normalized)
  for (const rule of compiled[locale]) {
    const report = ([start, end]: [number, number]) =>
      findings.push({
        concept: rule.concept,
        locale,
        found: normalized.slice(start, end),
        preferred: rule.preferred,
        why: rule.variant.why,
        at: start,
      })
    if (locale === 'zh') {
      findChinese(normalized, rule).forEach(report)
      continue
    }
    for (let at = 0; at < words.length; at++) {
      const end = matchAt(normalized, words, at, rule.phrase)
      if (end < 0 || rule.unless.some((phrase) => matchAt(normalized, words, end, phrase) >= 0)) continue
      report([words[at]!.start, words[end - 1]!.end])
    }
  }
  return findings.sort((a, b) => a.at - b.at).map(({at: _at, ...finding}) => finding)
}

/** What a reader reads of one language of a locale value: a string, or Portable Text's spans, a block a line. */
export function wordsReadIn(value: unknown): string {
  if (typeof value === 'string') return value
  if (!Array.isArray(value)) return ''
  return value
    .map((block) => {
      const children = (block as {children?: unknown} | null)?.children
      return Array.isArray(children) ? children.map((child) => (typeof child?.text === 'string' ? child.text : '')).join('') : ''
    })
    .join('\n')
}

/** The Studio's warning for one language of a text: every forbidden variant it uses, with the preferred term. */
export function termWarning(value: unknown, locale: Locale): string | true {
  const findings = termFindings(wordsReadIn(value), locale)
  if (findings.length === 0) return true
  return findings
    .map(
      ({found, preferred, concept, why}) => `${LOCALE_NAMES[locale]}: «${found}» — the term base says «${preferred}» (${concept}): ${why}.`,
    )
    .join(' ')
}

export type TermFindingAt = TermFinding & {where: string}

/** Every forbidden variant in the locale values of these documents, with the path of the text that uses it. */
export function checkDocuments(documents: readonly unknown[]): TermFindingAt[] {
  const found: TermFindingAt[] = []
  const visit = (value: unknown, where: string) => {
    if (Array.isArray(value))
      return value.forEach((item, index) => visit(item, `${where}[${(item as {_key?: string} | null)?._key ?? index}]`))
    if (!value || typeof value !== 'object') return
    if (isLocaleValue(value)) {
      for (const locale of LOCALES)
        for (const finding of termFindings(wordsReadIn(value[locale]), locale)) found.push({...finding, where: `${where}.${locale}`})
      return
    }
    for (const [key, field] of Object.entries(value)) if (!key.startsWith('_')) visit(field, where ? `${where}.${key}` : key)
  }
  for (const document of documents) visit(document, String((document as {_id?: unknown})._id ?? ''))
  return found
}

/** Every forbidden variant in the interface's messages, with the key of the message that uses it. */
export function checkMessages(messages: Record<Locale, object>): TermFindingAt[] {
  const found: TermFindingAt[] = []
  const visit = (value: unknown, where: string, locale: Locale) => {
    if (typeof value === 'string') for (const finding of termFindings(value, locale)) found.push({...finding, where: `${locale}.${where}`})
    else if (value && typeof value === 'object')
      for (const [key, child] of Object.entries(value)) visit(child, where ? `${where}.${key}` : key, locale)
  }
  for (const locale of LOCALES) visit(messages[locale], '', locale)
  return found
}
