import {defineField, defineType} from 'sanity'
import {CONFIDENCE_LEVELS} from '../../lib/content/vocabulary'
import {partialDateRule} from './partialDate'

/**
 * Where one fact comes from. Readers act on these facts, so each carries its own source and the
 * date it was checked; a fact with no source is shown as not yet verified.
 */
export const evidence = defineType({
  name: 'evidence',
  title: 'Evidence',
  type: 'object',
  options: {collapsible: true, collapsed: true},
  fields: [
    defineField({
      name: 'sourceUrl',
      title: 'Source URL',
      type: 'url',
      validation: (rule) => rule.uri({scheme: ['http', 'https']}),
    }),
    defineField({
      name: 'sourceDate',
      title: 'Source dated',
      description:
        'When the source itself was published, as precisely as known (2016, 2024-06, 2026-01-07). Readers see it beside the fact: an old notice reads differently from a new one.',
      type: 'string',
      validation: partialDateRule,
    }),
    defineField({
      name: 'verifiedAt',
      title: 'Verified on',
      description: 'When an editor checked the fact against the source.',
      type: 'date',
      validation: (rule) =>
        rule.custom((value: string | undefined, context) => {
          const parent = context.parent as {sourceUrl?: string} | undefined
          if (parent?.sourceUrl && !value) return 'A fact with a source needs the date it was checked.'
          if (value && value > new Date().toISOString().slice(0, 10)) return 'The date cannot be in the future.'
          return true
        }),
    }),
    defineField({
      name: 'confidence',
      title: 'Confidence',
      type: 'string',
      options: {list: [...CONFIDENCE_LEVELS], layout: 'radio', direction: 'horizontal'},
      initialValue: 'unverified',
    }),
  ],
  preview: {
    select: {url: 'sourceUrl', date: 'verifiedAt', confidence: 'confidence'},
    prepare: ({url, date, confidence}) => ({
      title: url ?? 'No source yet',
      subtitle: [confidence, date].filter(Boolean).join(' · '),
    }),
  },
})
