import {defineArrayMember, defineField, defineType} from 'sanity'
import {ALTERNATIVE_KINDS} from '../../lib/content/vocabulary'
import {factObject} from './facts'
import {requirePrimaryLocale, warnOfTranslationsBehind} from './localeValues'

/** The general guide on the home page: singleton, pinned in the desk structure. */
export const guide = defineType({
  name: 'guide',
  title: 'Guide',
  type: 'document',
  validation: warnOfTranslationsBehind,
  fields: [
    defineField({name: 'title', type: 'localeString', validation: requirePrimaryLocale}),
    defineField({name: 'intro', type: 'localeText', validation: requirePrimaryLocale}),
    defineField({
      name: 'whyCancel',
      title: 'Why cancel',
      description: 'Each reason is a fact with its source, or our advice.',
      type: 'array',
      of: [defineArrayMember({type: 'statement'})],
    }),
    defineField({
      name: 'generalSteps',
      title: 'General steps',
      description: 'Our advice for any operator, not an operator’s rule: readers see it labelled as advice.',
      type: 'localeBlockContent',
    }),
    defineField({
      name: 'unlinkFirst',
      title: 'Unlink before cancelling',
      description: 'Accounts that send codes to the number (banks, eGov, messengers…). Our advice: readers see it labelled as advice.',
      type: 'array',
      of: [defineArrayMember({type: 'localeString'})],
    }),
    defineField({
      name: 'precautions',
      description: 'Each precaution is a fact with its source, or our advice.',
      type: 'array',
      of: [defineArrayMember({type: 'statement'})],
    }),
    defineField({
      name: 'alternatives',
      description: 'Number portability and temporary block.',
      type: 'array',
      of: [
        defineArrayMember(
          factObject({
            name: 'alternative',
            fields: [
              defineField({
                name: 'kind',
                type: 'string',
                options: {list: [...ALTERNATIVE_KINDS]},
                validation: (rule) => rule.required(),
              }),
              defineField({name: 'title', type: 'localeString', validation: requirePrimaryLocale}),
              defineField({name: 'body', type: 'localeBlockContent'}),
            ],
            preview: {select: {title: 'title.zh', subtitle: 'kind'}},
          }),
        ),
      ],
    }),
    defineField({
      name: 'rules',
      title: 'Rules that affect cancelling',
      type: 'array',
      of: [
        defineArrayMember(
          factObject({
            name: 'regulation',
            fields: [
              defineField({name: 'title', type: 'localeString', validation: requirePrimaryLocale}),
              defineField({name: 'body', type: 'localeText', validation: requirePrimaryLocale}),
            ],
            preview: {select: {title: 'title.zh', subtitle: 'evidence.sourceUrl'}},
          }),
        ),
      ],
    }),
  ],
  preview: {prepare: () => ({title: 'Guide'})},
})
