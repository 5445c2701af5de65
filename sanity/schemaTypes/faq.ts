import {defineArrayMember, defineField, defineType} from 'sanity'
import {requirePrimaryLocale, warnOfTranslationsBehind} from './localeValues'

/** A question readers ask, answered once for all operators or where they differ. */
export const faq = defineType({
  name: 'faq',
  title: 'FAQ entry',
  type: 'document',
  validation: warnOfTranslationsBehind,
  fields: [
    defineField({name: 'question', type: 'localeString', validation: requirePrimaryLocale}),
    defineField({name: 'answer', type: 'localeBlockContent', validation: requirePrimaryLocale}),
    defineField({
      name: 'operators',
      description: 'Only when the answer is specific to some operators.',
      type: 'array',
      of: [defineArrayMember({type: 'reference', to: [{type: 'operator'}]})],
    }),
    defineField({
      name: 'sources',
      type: 'array',
      of: [defineArrayMember({type: 'sourceReference'})],
    }),
    defineField({name: 'order', type: 'number', initialValue: 100}),
  ],
  orderings: [{title: 'List order', name: 'order', by: [{field: 'order', direction: 'asc'}]}],
  preview: {select: {title: 'question.zh', subtitle: 'question.en'}},
})
