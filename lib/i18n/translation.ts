import {FALLBACK_CHAIN} from './fallback'
import {LOCALES, type Locale} from './locales'

/**
 * Translation state, derived from the texts themselves. Every locale value (a text kept per
 * language: localeString, localeText, localeBlockContent) may carry a `translationBasis`: for each
 * language, the short hashes of all four texts as they were when that language was last written or
 * confirmed. A language whose own text is unchanged since then, while another language's text
 * changed, is behind that language. So any edit (Studio, API, import, script) is detected, and
 * reverting it makes the state current again. Empty languages are missing.
 *
 * The Studio keeps the basis up to date: on publish, each language that is not behind is recorded
 * against the texts as they are; "Translations still match" records every language. Beside the
 * hashes, the basis keeps the texts they stand for (`texts`, keyed by hash), so a translator sees
 * what changed in the newer language since the translation was written (translation-diff.ts), with
 * a real project and the local backend alike, whatever history the content store keeps.
 */
export type TranslationState = {state: 'current'} | {state: 'missing'} | {state: 'behind'; newer: Locale[]}
/** A text a basis names, as a reader reads it (`readableText`), keyed by its hash. */
export type BasisText = {_key: string; _type: 'basisText'; text: string}
/**
 * Per language, the hashes it was written against: `zh:1a2b3c4d en:… ru:- kk:…` (`-`: that text was
 * empty); and the texts behind those hashes.
 */
export type TranslationBasis = Partial<Record<Locale, string>> & {texts?: BasisText[]}

export const BASIS_FIELD = 'translationBasis'

/** The words of a text as a reader sees them: a string, or Portable Text's spans and link targets. */
export function readableText(value: unknown): string {
  if (typeof value === 'string') return value.normalize('NFC').replace(/\s+/g, ' ').trim()
  if (!Array.isArray(value)) return ''
  const parts: string[] = []
  for (const block of value) {
    if (!block || typeof block !== 'object') continue
    const {children, markDefs} = block as {children?: unknown; markDefs?: unknown}
    if (Array.isArray(children))
      for (const child of children) if (typeof (child as {text?: unknown})?.text === 'string') parts.push((child as {text: string}).text)
    if (Array.isArray(markDefs))
      for (const def of markDefs) if (typeof (def as {href?: unknown})?.href === 'string') parts.push(`<${(def as {href: string}).href}>`)
    parts.push('\n')
  }
  return readableText(parts.join(' '))
}

/** FNV-1a, 32 bits, as 8 hex digits: short, stable, the same in the browser and on the server. `''` for an empty text. */
export function textHash(value: unknown): string {
  const text = readableText(value)
  if (text === '') return ''
  let hash = 0x811c9dc5
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash.toString(16).padStart(8, '0')
}

const hashesOf = (value: Record<string, unknown>) =>
  Object.fromEntries(LOCALES.map((locale) => [locale, textHash(value[locale])])) as Record<Locale, string>

const serialize = (hashes: Record<Locale, string>) => LOCALES.map((locale) => `${locale}:${hashes[locale] || '-'}`).join(' ')

function parse(entry: unknown): Partial<Record<Locale, string>> | undefined {
  if (typeof entry !== 'string') return undefined
  const hashes: Partial<Record<Locale, string>> = {}
  for (const part of entry.split(' ')) {
    const [locale, hash] = part.split(':')
    if (LOCALES.includes(locale as Locale) && hash !== undefined) hashes[locale as Locale] = hash === '-' ? '' : hash
  }
  return hashes
}

const isObject = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value)

/** The basis of a locale value as stored, or an empty one. */
const basisOf = (value: Record<string, unknown>) => (isObject(value[BASIS_FIELD]) ? (value[BASIS_FIELD] as Record<string, unknown>) : {})

/** The state of each language of a locale value. */
export function translationStates(value: unknown): Record<Locale, TranslationState> {
  const record = isObject(value) ? value : {}
  const now = hashesOf(record)
  const basis = basisOf(record)
  const states = {} as Record<Locale, TranslationState>
  for (const locale of LOCALES) {
    const written = parse(basis[locale])
    if (now[locale] === '') states[locale] = {state: 'missing'}
    // No record of what it was written against, or rewritten since: as current as anyone can tell.
    else if (!written || written[locale] !== now[locale]) states[locale] = {state: 'current'}
    else {
      // Languages that changed since, into a text (a language filled in for the first time is new, not newer).
      const newer = FALLBACK_CHAIN_ALL[locale].filter((other) => now[other] !== '' && !!written[other] && written[other] !== now[other])
      states[locale] = newer.length > 0 ? {state: 'behind', newer} : {state: 'current'}
    }
  }
  return states
}

/** Every other language, in the order a reader of `locale` would read them (their fallback chain first). */
const FALLBACK_CHAIN_ALL = Object.fromEntries(
  LOCALES.map((locale) => [
    locale,
    [...FALLBACK_CHAIN[locale], ...LOCALES].filter((other, index, all) => other !== locale && all.indexOf(other) === index),
  ]),
) as Record<Locale, Locale[]>

/**
 * The text behind a hash a language was written against: kept in the basis, or undefined (a
 * basis written before texts were kept, or a text edited by hand: its hash no longer matches).
 */
export function writtenText(value: Record<string, unknown>, hash: string): string | undefined {
  const texts = basisOf(value).texts
  const kept = Array.isArray(texts) ? texts.find((entry) => isObject(entry) && entry._key === hash) : undefined
  return isObject(kept) && typeof kept.text === 'string' && textHash(kept.text) === hash ? kept.text : undefined
}

/** What a language of this locale value was written against, by language (`''`: that text was empty). */
export function writtenAgainst(value: Record<string, unknown>, locale: Locale): Partial<Record<Locale, string>> | undefined {
  return parse(basisOf(value)[locale])
}

/** A basis from its entries, with the texts behind every hash they name: as the texts are now, or as kept. */
function withTexts(value: Record<string, unknown>, entries: Partial<Record<Locale, string>>): TranslationBasis {
  const now = new Map(LOCALES.map((locale) => [textHash(value[locale]), readableText(value[locale])]))
  const hashes = new Set(Object.values(entries).flatMap((entry) => Object.values(parse(entry) ?? {})))
  const texts = [...hashes].flatMap((hash) => {
    const text = hash === '' ? undefined : (now.get(hash) ?? writtenText(value, hash))
    return text === undefined ? [] : [{_key: hash, _type: 'basisText' as const, text}]
  })
  return {...entries, texts}
}

/**
 * The basis after a publish: each language that is not behind is recorded against the texts as
 * they are; a language that is behind keeps what it was written against, so it stays behind.
 */
export function basisAfterPublish(value: Record<string, unknown>): TranslationBasis {
  const states = translationStates(value)
  const current = serialize(hashesOf(value))
  const basis = basisOf(value)
  return withTexts(
    value,
    Object.fromEntries(
      LOCALES.flatMap((locale) => {
        if (states[locale].state === 'behind') return typeof basis[locale] === 'string' ? [[locale, basis[locale]]] : []
        return states[locale].state === 'missing' ? [] : [[locale, current]]
      }),
    ),
  )
}

/** The basis when an editor confirms that every language still says the same (a typo, a link). */
export function matchingBasis(value: Record<string, unknown>): TranslationBasis {
  const current = serialize(hashesOf(value))
  return withTexts(value, Object.fromEntries(LOCALES.filter((locale) => textHash(value[locale]) !== '').map((locale) => [locale, current])))
}

export const LOCALE_VALUE_TYPES = ['localeString', 'localeText', 'localeBlockContent'] as const

/**
 * Drops, in place, the texts the translation bases keep for the Studio's translator view: the site
 * reads only their hashes, and the copies nearly double a dataset it holds in memory and queries.
 */
export function withoutBasisTexts<T>(value: T): T {
  if (Array.isArray(value)) value.forEach(withoutBasisTexts)
  else if (isObject(value)) {
    if (isObject(value[BASIS_FIELD])) delete value[BASIS_FIELD].texts
    Object.values(value).forEach(withoutBasisTexts)
  }
  return value
}

/** A locale value, as stored: an object of one of the locale value types. */
export const isLocaleValue = (value: unknown): value is Record<string, unknown> =>
  isObject(value) && (LOCALE_VALUE_TYPES as readonly unknown[]).includes(value._type)

export type TranslationSummary = {texts: number; behind: number; missing: number}

/** How many texts of a document (or any part of one) have a language behind, or a language missing. */
export function translationSummary(value: unknown): TranslationSummary {
  const summary: TranslationSummary = {texts: 0, behind: 0, missing: 0}
  const visit = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(visit)
    if (!isObject(node)) return
    if (isLocaleValue(node)) {
      const states = Object.values(translationStates(node))
      summary.texts += 1
      if (states.some((entry) => entry.state === 'behind')) summary.behind += 1
      if (states.some((entry) => entry.state === 'missing')) summary.missing += 1
      return
    }
    Object.values(node).forEach(visit)
  }
  visit(value)
  return summary
}
