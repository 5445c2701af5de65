import {defineArrayMember, defineField, defineType, type DocumentRule, type Rule, type SanityDocument} from 'sanity'
import {BASIS_FIELD, translationSummary} from '../../lib/i18n/translation'
import {DEFAULT_LOCALE, LOCALES, LOCALE_NAMES} from '../../lib/i18n/locales'
import {termWarning} from '../../lib/i18n/term-check'
import {TranslationStateField} from '../studio/TranslationStateField'

/**
 * Locale values: a fact is entered once on the document, and only its text carries one value per
 * language. Chinese is primary and is the one a required text must have; the other languages fall
 * back (kk → ru → en → zh) when empty, and the page says so. Each language's field shows whether
 * it is current, behind another language's newer text, or missing (lib/i18n/translation.ts), and
 * warns when it uses a variant the term base forbids.
 */
function localeFields(type: 'string' | 'text' | 'blockContent') {
  return [
    ...LOCALES.map((locale) => ({
      ...defineField({
        name: locale,
        title: LOCALE_NAMES[locale],
        type,
        ...(type === 'text' ? {rows: 3} : {}),
        components: {field: TranslationStateField},
      }),
      // A forbidden variant of the term base (lib/i18n/terms.ts): a warning that names the preferred term, never an error.
      validation: (rule: Rule) => rule.custom((value: unknown) => termWarning(value, locale)).warning(),
    })),
    defineField({name: BASIS_FIELD, type: 'translationBasis', hidden: true, readOnly: true}),
  ]
}

/**
 * What each language of a locale value was written against: kept by the Studio on publish, never
 * edited by hand. Per language, the hashes of the four texts; and the texts behind those hashes
 * (keyed by hash), which the translator's view compares with the texts now.
 */
export const translationBasis = defineType({
  name: 'translationBasis',
  title: 'Translation basis',
  type: 'object',
  fields: [
    ...LOCALES.map((locale) => defineField({name: locale, type: 'string'})),
    defineField({name: 'texts', type: 'array', of: [defineArrayMember({type: 'basisText'})]}),
  ],
})

/** A text a translation basis names, as readers read it; its `_key` is its hash. */
export const basisText = defineType({
  name: 'basisText',
  title: 'Text written against',
  type: 'object',
  fields: [defineField({name: 'text', type: 'text'})],
})

export const localeString = defineType({
  name: 'localeString',
  title: 'String in four languages',
  type: 'object',
  fields: localeFields('string'),
  options: {collapsible: true, collapsed: false},
})

export const localeText = defineType({
  name: 'localeText',
  title: 'Text in four languages',
  type: 'object',
  fields: localeFields('text'),
  options: {collapsible: true, collapsed: false},
})

export const localeBlockContent = defineType({
  name: 'localeBlockContent',
  title: 'Rich text in four languages',
  type: 'object',
  fields: localeFields('blockContent'),
  options: {collapsible: true, collapsed: true},
})

/** A locale value that readers need: the primary language must be filled in. */
export function requirePrimaryLocale(rule: Rule) {
  return rule
    .required()
    .custom((value: Record<string, unknown> | undefined) => {
      const primary = value?.[DEFAULT_LOCALE]
      const filled = Array.isArray(primary) ? primary.length > 0 : typeof primary === 'string' && primary.trim() !== ''
      return filled || `The ${LOCALE_NAMES[DEFAULT_LOCALE]} text is required; other languages fall back to it.`
    })
    .error()
}

/**
 * A document whose texts are behind in some language may still be published (an urgent fix in one
 * language must not wait for three translations), with a warning that says how many.
 */
export const warnOfTranslationsBehind = (rule: DocumentRule) =>
  rule
    .custom((document: SanityDocument | undefined) => {
      const {behind} = translationSummary(document)
      return behind === 0
        ? true
        : `${behind} ${behind === 1 ? 'text has' : 'texts have'} a language behind another language's newer text: translate it, or use "Translations still match".`
    })
    .warning()
