import {defineArrayMember, defineField, defineType} from 'sanity'
import {warnOfTranslationsBehind} from './localeValues'
import {EDITORIAL_WARNINGS, STALE_AFTER_DAYS} from '../../lib/content/verification'
import {CONFIDENCE_LEVELS, SUBSCRIPTION_KINDS} from '../../lib/content/vocabulary'
import {daysSince} from '../../lib/i18n/format'
import {translationSummary} from '../../lib/i18n/translation'
import {sourceChangedSinceVerified} from '../studio/sourceChangeRule'

const today = () => new Date().toISOString().slice(0, 10)

/** The policy's fields that hold texts for readers. */
const TEXT_FIELDS = [
  'channels',
  'documents',
  'prerequisites',
  'steps',
  'balanceRefund',
  'bundleRefund',
  'numberHold',
  'fees',
  'processingTime',
  'esimNotes',
  'foreignerNotes',
  'changeLog',
]

/**
 * How to cancel with one operator. Facts are entered once; only their text is per language.
 * `verifiedAt` and `confidence` are what readers use to judge how far to trust the page; a policy
 * with nothing verified has no `verifiedAt`, only the date it was last reviewed (`reviewedAt`).
 */
export const policy = defineType({
  name: 'policy',
  title: 'Cancellation policy',
  type: 'document',
  validation: warnOfTranslationsBehind,
  groups: [
    {name: 'scope', title: 'Scope', default: true},
    {name: 'how', title: 'How to cancel'},
    {name: 'after', title: 'Money and number'},
    {name: 'notes', title: 'Notes'},
    {name: 'trust', title: 'Sources and changes'},
  ],
  fields: [
    defineField({
      name: 'operator',
      type: 'reference',
      to: [{type: 'operator'}],
      group: 'scope',
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'subscriptions',
      title: 'Subscriptions covered',
      type: 'array',
      // The list on the member too: the schema's types (and TypeGen's) then know the values.
      of: [defineArrayMember({type: 'string', options: {list: [...SUBSCRIPTION_KINDS]}})],
      options: {list: [...SUBSCRIPTION_KINDS], layout: 'grid'},
      group: 'scope',
      validation: (rule) => rule.required().min(1).unique(),
    }),
    defineField({
      name: 'channels',
      title: 'Cancellation channels',
      type: 'array',
      of: [defineArrayMember({type: 'cancellationChannel'})],
      group: 'how',
    }),
    defineField({
      name: 'documents',
      title: 'Required documents',
      type: 'array',
      of: [defineArrayMember({type: 'requiredDocument'})],
      group: 'how',
    }),
    defineField({
      name: 'prerequisites',
      type: 'array',
      of: [defineArrayMember({type: 'prerequisite'})],
      group: 'how',
    }),
    defineField({name: 'steps', title: 'Steps', type: 'localeBlockContent', group: 'how'}),
    defineField({name: 'balanceRefund', title: 'Remaining balance', type: 'refundRule', group: 'after'}),
    defineField({name: 'bundleRefund', title: 'Unused bundles', type: 'refundRule', group: 'after'}),
    defineField({name: 'numberHold', title: 'The number afterwards', type: 'numberHold', group: 'after'}),
    defineField({name: 'fees', type: 'factNote', group: 'after'}),
    defineField({name: 'processingTime', title: 'Processing time', type: 'factNote', group: 'after'}),
    defineField({name: 'esimNotes', title: 'eSIM', type: 'factNote', group: 'notes'}),
    defineField({name: 'foreignerNotes', title: 'Foreigners', type: 'factNote', group: 'notes'}),
    defineField({
      name: 'verifiedAt',
      title: 'Verified on',
      description:
        'When the sources below were last read and the procedure checked against them. Leave it empty while the confidence is "unverified": readers take a date here to mean the procedure was verified.',
      type: 'date',
      group: 'trust',
      validation: (rule) => [
        rule.custom((value: string | undefined, context) => {
          if (value && value > today()) return 'The date cannot be in the future.'
          const confidence = (context.document as {confidence?: string} | undefined)?.confidence
          return !value && confidence && confidence !== 'unverified'
            ? 'A policy rated above "unverified" needs the date it was verified.'
            : true
        }),
        rule
          .custom((value: string | undefined, context) =>
            value && (context.document as {confidence?: string} | undefined)?.confidence === 'unverified'
              ? 'Nothing is verified at "unverified": readers will not see this date. Leave it empty, or raise the confidence.'
              : true,
          )
          .warning(),
        rule
          .custom((value: string | undefined) =>
            value && daysSince(value) > STALE_AFTER_DAYS ? EDITORIAL_WARNINGS.stale(daysSince(value)) : true,
          )
          .warning(),
        // The source checker saw a cited page change after this date (npm run check-sources).
        rule.custom(sourceChangedSinceVerified).warning(),
      ],
    }),
    defineField({
      name: 'reviewedAt',
      title: 'Page reviewed on',
      description: 'When an editor last reviewed this page, even if nothing could be verified. Readers see it.',
      type: 'date',
      group: 'trust',
      validation: (rule) =>
        rule.required().custom((value: string | undefined) => (value && value > today() ? 'The date cannot be in the future.' : true)),
    }),
    defineField({
      name: 'confidence',
      type: 'string',
      options: {list: [...CONFIDENCE_LEVELS], layout: 'radio'},
      group: 'trust',
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'sources',
      type: 'array',
      of: [defineArrayMember({type: 'sourceReference'})],
      group: 'trust',
      validation: (rule) =>
        rule.custom((sources: unknown[] | undefined, context) => {
          const confidence = (context.document as {confidence?: string} | undefined)?.confidence
          return confidence && confidence !== 'unverified' && !sources?.length
            ? 'A policy rated above "unverified" needs at least one source.'
            : true
        }),
    }),
    defineField({
      name: 'changeLog',
      title: 'Change log',
      description: 'Readers see this list: say what changed, in plain words.',
      type: 'array',
      of: [defineArrayMember({type: 'changeLogEntry'})],
      group: 'trust',
    }),
  ],
  preview: {
    // Every field that holds texts, so the list can say how many are behind or missing a language.
    select: {
      title: 'operator.name',
      verifiedAt: 'verifiedAt',
      reviewedAt: 'reviewedAt',
      confidence: 'confidence',
      ...Object.fromEntries(TEXT_FIELDS.map((field) => [field, field])),
    },
    prepare: ({title, verifiedAt, reviewedAt, confidence, ...texts}) => {
      const {behind, missing} = translationSummary(texts)
      return {
        title: title ?? 'Policy without operator',
        subtitle: [
          `verified ${verifiedAt ?? '—'} · reviewed ${reviewedAt ?? '—'} · ${confidence ?? 'unverified'}`,
          `${behind} behind · ${missing} missing`,
        ].join(' · '),
      }
    },
  },
})
