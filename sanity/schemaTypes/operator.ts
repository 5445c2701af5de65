import {defineArrayMember, defineField, defineType} from 'sanity'
import {warnOfTranslationsBehind} from './localeValues'
import {publishedIdOf} from '../../lib/content/ids'

/** A mobile operator or one of its brands, as readers know it (Kcell, activ, Beeline, izi…). */
export const operator = defineType({
  name: 'operator',
  title: 'Operator',
  type: 'document',
  validation: warnOfTranslationsBehind,
  fields: [
    defineField({
      name: 'name',
      description: 'The brand name readers know.',
      type: 'string',
      validation: (rule) => rule.required().max(60),
    }),
    defineField({
      name: 'slug',
      type: 'slug',
      options: {source: 'name', maxLength: 48},
      validation: (rule) =>
        rule
          .required()
          .custom((slug: {current?: string} | undefined) =>
            !slug?.current || /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug.current)
              ? true
              : 'Lower-case letters, digits and hyphens only: it becomes the page address.',
          ),
    }),
    defineField({name: 'legalEntity', title: 'Legal entity', type: 'string'}),
    defineField({
      name: 'parent',
      title: 'Brand of',
      description: 'For a brand (activ, izi): the operator it belongs to.',
      type: 'reference',
      to: [{type: 'operator'}],
      validation: (rule) =>
        rule.custom((parent: {_ref?: string} | undefined, context) => {
          const id = context.document && publishedIdOf(context.document._id)
          return parent?._ref && parent._ref === id ? 'An operator cannot be a brand of itself.' : true
        }),
    }),
    defineField({
      name: 'parentAssumed',
      title: 'Brand relation only assumed',
      description: 'Tick when no source confirms the "Brand of" link: readers see it marked as assumed.',
      type: 'boolean',
      initialValue: false,
      hidden: ({document}) => !(document as {parent?: unknown} | undefined)?.parent,
    }),
    defineField({
      name: 'website',
      type: 'url',
      validation: (rule) => rule.uri({scheme: ['https', 'http']}),
    }),
    defineField({name: 'summary', description: 'One or two sentences for the operator list.', type: 'localeText'}),
    defineField({
      name: 'about',
      title: 'Ownership and background',
      type: 'factNote',
    }),
    defineField({
      name: 'contacts',
      type: 'array',
      of: [defineArrayMember({type: 'contactChannel'})],
    }),
    defineField({
      name: 'order',
      description: 'Position in lists; lower comes first.',
      type: 'number',
      initialValue: 100,
    }),
  ],
  orderings: [{title: 'List order', name: 'order', by: [{field: 'order', direction: 'asc'}]}],
  preview: {
    select: {title: 'name', legalEntity: 'legalEntity', parent: 'parent.name', assumed: 'parentAssumed'},
    prepare: ({title, legalEntity, parent, assumed}) => ({
      title,
      subtitle: [parent && `brand of ${parent}${assumed ? ' (assumed)' : ''}`, legalEntity].filter(Boolean).join(' · '),
    }),
  },
})
