import {defineField, defineType} from 'sanity'
import {LOCALES, LOCALE_NAMES} from '../../lib/i18n/locales'
import {REPORT_CHANNELS, REPORT_OUTCOMES, REPORT_STATUSES} from '../../lib/reports/vocabulary'

const titleOf = (list: readonly {value: string; title: string}[], value: unknown) =>
  list.find((entry) => entry.value === value)?.title ?? String(value ?? '?')

/**
 * What a reader says happened when they cancelled, sent from the form on an operator's page or
 * the checklist, and stored by the site's server (lib/reports). An editorial record: a lead for
 * editors, never content; readers never see it. What the reader sent is read-only; editors only
 * mark it useful or dismiss it (sanity/studio/ReportActions.tsx). Edited live, without drafts:
 * there is nothing to publish.
 */
export const readerReport = defineType({
  name: 'readerReport',
  title: 'Reader report',
  type: 'document',
  liveEdit: true,
  fields: [
    defineField({
      name: 'status',
      type: 'string',
      description: 'Set with the "Mark useful" and "Dismiss" actions.',
      options: {list: [...REPORT_STATUSES], layout: 'radio', direction: 'horizontal'},
      initialValue: 'new',
      readOnly: true,
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'operator',
      type: 'reference',
      to: [{type: 'operator'}],
      // A report never stops an editor from deleting or replacing an operator.
      weak: true,
      readOnly: true,
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'outcome',
      type: 'string',
      options: {list: [...REPORT_OUTCOMES]},
      readOnly: true,
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'channel',
      title: 'Channel used',
      type: 'string',
      options: {list: [...REPORT_CHANNELS]},
      readOnly: true,
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'happenedOn',
      title: 'When it happened',
      description: 'Month and year, as the reader gave them (YYYY-MM).',
      type: 'string',
      readOnly: true,
      validation: (rule) => rule.required().regex(/^\d{4}-(0[1-9]|1[0-2])$/, {name: 'month (YYYY-MM)'}),
    }),
    defineField({
      name: 'message',
      title: 'What was different',
      description:
        'The reader’s words, as plain text. Phone numbers, e-mail addresses and ID or IIN numbers were masked before it was saved.',
      type: 'text',
      rows: 6,
      readOnly: true,
    }),
    defineField({
      name: 'locale',
      title: 'Page language',
      type: 'string',
      options: {list: LOCALES.map((locale) => ({value: locale, title: LOCALE_NAMES[locale]}))},
      readOnly: true,
      validation: (rule) => rule.required(),
    }),
    defineField({name: 'receivedAt', title: 'Received', type: 'datetime', readOnly: true, validation: (rule) => rule.required()}),
  ],
  orderings: [{title: 'Received, newest first', name: 'receivedDesc', by: [{field: 'receivedAt', direction: 'desc'}]}],
  preview: {
    select: {
      operator: 'operator.name',
      outcome: 'outcome',
      channel: 'channel',
      happenedOn: 'happenedOn',
      status: 'status',
      message: 'message',
    },
    prepare: ({operator, outcome, channel, happenedOn, status, message}) => ({
      title: `${operator ?? '(operator removed)'}: ${titleOf(REPORT_OUTCOMES, outcome)}`,
      subtitle: [
        titleOf(REPORT_STATUSES, status),
        titleOf(REPORT_CHANNELS, channel),
        happenedOn,
        typeof message === 'string' ? message.slice(0, 80) : undefined,
      ]
        .filter(Boolean)
        .join(' · '),
    }),
  },
})
