import {defineField, defineType} from 'sanity'
import {requirePrimaryLocale, warnOfTranslationsBehind} from './localeValues'

/** Site-wide title, description and disclaimer: singleton, pinned in the desk structure. */
export const siteSettings = defineType({
  name: 'siteSettings',
  title: 'Site settings',
  type: 'document',
  validation: warnOfTranslationsBehind,
  fields: [
    defineField({name: 'title', type: 'localeString', validation: requirePrimaryLocale}),
    defineField({name: 'description', type: 'localeText', validation: requirePrimaryLocale}),
    defineField({name: 'disclaimer', type: 'localeText', validation: requirePrimaryLocale}),
  ],
  preview: {prepare: () => ({title: 'Site settings'})},
})
