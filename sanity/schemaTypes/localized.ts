import {defineField, defineType, type Rule} from 'sanity'
import {DEFAULT_LOCALE, LOCALES, LOCALE_NAMES} from '../../lib/i18n/locales'

/**
 * Field-level localization: a fact is entered once on the document, and only its text carries one
 * value per language. Chinese is primary and is the one a required text must have; the other
 * languages fall back (kk → ru → en → zh) when empty, and the page says so.
 */
function localeFields(type: 'string' | 'text' | 'blockContent') {
  return LOCALES.map((locale) =>
    defineField({
      name: locale,
      title: LOCALE_NAMES[locale],
      type,
      ...(type === 'text' ? {rows: 3} : {}),
    }),
  )
}

export const localeString = defineType({
  name: 'localeString',
  title: 'Localized string',
  type: 'object',
  fields: localeFields('string'),
  options: {collapsible: true, collapsed: false},
})

export const localeText = defineType({
  name: 'localeText',
  title: 'Localized text',
  type: 'object',
  fields: localeFields('text'),
  options: {collapsible: true, collapsed: false},
})

export const localeBlockContent = defineType({
  name: 'localeBlockContent',
  title: 'Localized rich text',
  type: 'object',
  fields: localeFields('blockContent'),
  options: {collapsible: true, collapsed: true},
})

/** A localized field that readers need: the primary language must be filled in. */
export function requirePrimaryLocale(rule: Rule) {
  return rule.required().custom((value: Record<string, unknown> | undefined) => {
    const primary = value?.[DEFAULT_LOCALE]
    const filled = Array.isArray(primary) ? primary.length > 0 : typeof primary === 'string' && primary.trim() !== ''
    return filled || `The ${LOCALE_NAMES[DEFAULT_LOCALE]} text is required; other languages fall back to it.`
  }).error()
}
