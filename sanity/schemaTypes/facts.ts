import {defineField, defineType, type FieldDefinition, type PreviewConfig, type StringRule} from 'sanity'
import {
  CHANNEL_KINDS,
  CONTACT_KINDS,
  EFFECT_STATUSES,
  PREREQUISITE_KINDS,
  REFUND_OUTCOMES,
  STATEMENT_KINDS,
  STATEMENT_TOPICS,
  TRI_STATE,
} from '../../lib/content/vocabulary'
import {effectMoment, isEffectMoment} from '../../lib/content/effect'
import {EDITORIAL_WARNINGS} from '../../lib/content/verification'
import {requirePrimaryLocale} from './localeValues'
import {partialDateRule} from './partialDate'

/**
 * Every fact ends with its evidence: where it comes from and when it was checked. A fact without a
 * source is a warning (readers see it as not verified); a statement marked as advice has none.
 */
const isAdvice = (parent: unknown) => (parent as {kind?: string} | undefined)?.kind === 'advice'
const evidenceField = defineField({
  name: 'evidence',
  title: 'Evidence',
  type: 'evidence',
  hidden: ({parent}) => isAdvice(parent),
  validation: (rule) =>
    rule
      .custom((value: {sourceUrl?: string} | undefined, context) =>
        value?.sourceUrl || isAdvice(context.parent) ? true : EDITORIAL_WARNINGS.unsourced,
      )
      .warning(),
})
const triState = (name: string, title: string, description?: string) =>
  defineField({
    name,
    title,
    description,
    type: 'string',
    options: {list: [...TRI_STATE], layout: 'radio', direction: 'horizontal'},
    initialValue: 'unknown',
    validation: (rule) => rule.required(),
  })
const zh = (value: {zh?: string} | undefined) => value?.zh

type DatedFact = {effectiveFrom?: string; effectiveUntil?: string; status?: string; evidence?: {sourceUrl?: string}}
const MOMENT_HELP = 'A date (2026-01-03: 00:00 in Kazakhstan) or a date and time with its offset (2026-01-03T09:00:00+05:00).'
const momentRule = (rule: StringRule) =>
  rule.custom((value: string | undefined) =>
    value === undefined || isEffectMoment(value) ? true : `Write ${MOMENT_HELP.charAt(0).toLowerCase()}${MOMENT_HELP.slice(1)}`,
  )

/**
 * When a fact is in force, for rules announced with a date: readers see it as upcoming before its
 * start ("From 3 January 2026: …"), in force after, and not at all after its end (the change log
 * says so). A proposal is shown as "proposed, not in force". Pages switch on the day by themselves.
 */
export const effectFieldset = {name: 'effect', title: 'When it is in force', options: {collapsible: true, collapsed: true}}
export const effectFields = [
  defineField({
    name: 'effectiveFrom',
    title: 'In force from',
    description: `Leave empty when it is in force with no known start. ${MOMENT_HELP}`,
    type: 'string',
    fieldset: 'effect',
    validation: momentRule,
  }),
  defineField({
    name: 'effectiveUntil',
    title: 'In force until',
    description: `It leaves the page at this moment, and the change log says so. ${MOMENT_HELP}`,
    type: 'string',
    fieldset: 'effect',
    validation: (rule) => [
      momentRule(rule),
      rule
        .custom((until: string | undefined, context) => {
          const from = effectMoment((context.parent as DatedFact | undefined)?.effectiveFrom)
          const end = effectMoment(until)
          return from !== undefined && end !== undefined && end <= from
            ? 'It ends before it starts: check "In force from" and "In force until".'
            : true
        })
        .warning(),
    ],
  }),
  defineField({
    name: 'status',
    title: 'Status',
    type: 'string',
    options: {list: [...EFFECT_STATUSES], layout: 'radio', direction: 'horizontal'},
    initialValue: 'adopted',
    fieldset: 'effect',
    validation: (rule) =>
      rule
        .custom((status: string | undefined, context) =>
          status === 'proposed' && !(context.parent as DatedFact | undefined)?.evidence?.sourceUrl
            ? 'A proposal needs its source: readers are told where it was proposed.'
            : true,
        )
        .warning(),
  }),
]

/**
 * A fact: its own fields, then its evidence and when it is in force. Every fact of the model
 * (policies' facts, the guide's statements, rules and alternatives) is built here, so each one
 * warns the same way when it has no source.
 */
export function factObject<Definition extends {name: string; title?: string; fields: FieldDefinition[]; preview?: PreviewConfig}>(
  definition: Definition,
) {
  return {
    ...definition,
    type: 'object' as const,
    fieldsets: [effectFieldset],
    fields: [...definition.fields, evidenceField, ...effectFields],
  }
}

/** One way to reach an operator's support; the number or link stays empty until a source confirms it. */
export const contactChannel = defineType(
  factObject({
    name: 'contactChannel',
    title: 'Contact channel',
    fields: [
      defineField({
        name: 'kind',
        type: 'string',
        options: {list: [...CONTACT_KINDS]},
        validation: (rule) => rule.required(),
      }),
      defineField({name: 'label', type: 'localeString'}),
      defineField({
        name: 'value',
        title: 'Number, address or link',
        description: 'Leave empty until a source confirms it: the page then says "not yet verified".',
        type: 'string',
      }),
      defineField({
        name: 'valueFromAbroad',
        title: 'Number to dial from abroad',
        type: 'string',
        hidden: ({parent}) => (parent as {kind?: string} | undefined)?.kind !== 'hotline',
        validation: (rule) =>
          rule.custom((value: string | undefined) =>
            value === undefined || /^\+\d[\d ]{6,}$/.test(value) ? true : 'Use international format: +7 …',
          ),
      }),
      defineField({name: 'note', type: 'localeText'}),
    ],
    preview: {
      select: {kind: 'kind', value: 'value', label: 'label'},
      prepare: ({kind, value, label}) => ({
        title: zh(label) ?? kind,
        subtitle: value ?? 'not yet verified',
      }),
    },
  }),
)

/** A way to cancel, and who may use it. */
export const cancellationChannel = defineType(
  factObject({
    name: 'cancellationChannel',
    title: 'Cancellation channel',
    fields: [
      defineField({
        name: 'kind',
        type: 'string',
        options: {list: [...CHANNEL_KINDS]},
        validation: (rule) => rule.required(),
      }),
      triState('available', 'Can the contract be cancelled this way?'),
      triState('ownerInPerson', 'Must the owner come in person?'),
      triState('representativeAccepted', 'Is a representative with power of attorney accepted?'),
      defineField({name: 'note', type: 'localeText'}),
    ],
    preview: {
      select: {kind: 'kind', available: 'available'},
      prepare: ({kind, available}) => ({title: kind, subtitle: `available: ${available}`}),
    },
  }),
)

export const requiredDocument = defineType(
  factObject({
    name: 'requiredDocument',
    title: 'Required document',
    fields: [
      defineField({name: 'title', type: 'localeString', validation: requirePrimaryLocale}),
      defineField({name: 'note', type: 'localeText'}),
    ],
    preview: {select: {title: 'title'}, prepare: ({title}) => ({title: zh(title)})},
  }),
)

export const prerequisite = defineType(
  factObject({
    name: 'prerequisite',
    title: 'Prerequisite',
    fields: [
      defineField({
        name: 'kind',
        type: 'string',
        options: {list: [...PREREQUISITE_KINDS]},
        validation: (rule) => rule.required(),
      }),
      defineField({name: 'text', type: 'localeText', validation: requirePrimaryLocale}),
    ],
    preview: {select: {kind: 'kind', text: 'text'}, prepare: ({kind, text}) => ({title: kind, subtitle: zh(text)})},
  }),
)

/** What happens to money left on the account or in unused bundles. */
export const refundRule = defineType(
  factObject({
    name: 'refundRule',
    title: 'Refund rule',
    fields: [
      defineField({
        name: 'outcome',
        type: 'string',
        options: {list: [...REFUND_OUTCOMES], layout: 'radio', direction: 'horizontal'},
        initialValue: 'unknown',
        validation: (rule) => rule.required(),
      }),
      defineField({name: 'text', type: 'localeText'}),
    ],
  }),
)

/** What happens to the number, and how long it is held before it can go to someone else. */
export const numberHold = defineType(
  factObject({
    name: 'numberHold',
    title: 'Number after cancellation',
    fields: [
      defineField({
        name: 'holdDays',
        title: 'Days held before reissue',
        description: 'Leave empty when no source states it.',
        type: 'number',
        validation: (rule) => rule.integer().min(0).max(3650),
      }),
      defineField({name: 'text', type: 'localeText'}),
    ],
  }),
)

/** A fact that is only text: eSIM notes, notes for foreigners, fees, processing time. */
export const factNote = defineType(
  factObject({
    name: 'factNote',
    title: 'Fact',
    fields: [defineField({name: 'text', type: 'localeText'})],
  }),
)

export const changeLogEntry = defineType({
  name: 'changeLogEntry',
  title: 'Change',
  type: 'object',
  fields: [
    defineField({name: 'date', type: 'date', validation: (rule) => rule.required()}),
    defineField({name: 'summary', type: 'localeText', validation: requirePrimaryLocale}),
  ],
  preview: {
    select: {date: 'date', summary: 'summary'},
    prepare: ({date, summary}) => ({title: date, subtitle: zh(summary)}),
  },
})

/** An entry in a policy's list of sources, shown to readers. */
export const sourceReference = defineType({
  name: 'sourceReference',
  title: 'Source',
  type: 'object',
  fields: [
    defineField({
      name: 'url',
      type: 'url',
      validation: (rule) => rule.required().uri({scheme: ['http', 'https']}),
    }),
    defineField({name: 'title', type: 'string', validation: (rule) => rule.required()}),
    defineField({
      name: 'accessedAt',
      title: 'Accessed on',
      description: 'When the source was read, only as precisely as is known: a year (2026), a month (2026-06) or a day.',
      type: 'string',
      validation: (rule) => partialDateRule(rule.required()),
    }),
  ],
  preview: {select: {title: 'title', subtitle: 'url'}},
})

/**
 * One statement of the guide, and which kind it is: a fact, which says what a source says and
 * carries that source, or advice of ours, which readers see labelled as advice. A fact without a
 * source is a warning: add the source, or call it advice.
 */
export const statement = defineType(
  factObject({
    name: 'statement',
    title: 'Statement',
    fields: [
      defineField({
        name: 'kind',
        type: 'string',
        options: {list: [...STATEMENT_KINDS], layout: 'radio', direction: 'horizontal'},
        initialValue: 'fact',
        validation: (rule) => rule.required(),
      }),
      defineField({name: 'title', description: 'A short lead, shown in bold.', type: 'localeString'}),
      defineField({name: 'text', type: 'localeText', validation: requirePrimaryLocale}),
      defineField({
        name: 'topic',
        description: 'Only for the statements the checklist shows in a situation.',
        type: 'string',
        options: {list: [...STATEMENT_TOPICS]},
      }),
    ],
    preview: {
      select: {kind: 'kind', title: 'title', text: 'text'},
      prepare: ({kind, title, text}) => ({title: zh(title) ?? zh(text), subtitle: kind}),
    },
  }),
)
