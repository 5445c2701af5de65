import {defineField, defineType} from 'sanity'
import {SOURCE_CHECK_STATUSES, SOURCE_CHECK_STATUS_TITLES} from '../../lib/sources/status'

/**
 * The last check of one cited source page, written by `npm run check-sources` (one document per
 * URL, replaced at each check). An editorial record: editors read it in the Sources view; readers
 * never see it, and nobody edits it by hand.
 */
export const sourceCheck = defineType({
  name: 'sourceCheck',
  title: 'Source check',
  type: 'document',
  readOnly: true,
  fields: [
    defineField({name: 'url', title: 'URL', type: 'string', validation: (rule) => rule.required()}),
    defineField({
      name: 'status',
      type: 'string',
      options: {list: SOURCE_CHECK_STATUSES.map((value) => ({value, title: SOURCE_CHECK_STATUS_TITLES[value]}))},
      validation: (rule) => rule.required(),
    }),
    defineField({name: 'detail', description: 'Why it is blocked or broken, where it moved, or other notes of the check.', type: 'string'}),
    defineField({name: 'httpStatus', title: 'HTTP status', type: 'number'}),
    defineField({name: 'finalUrl', title: 'Final URL', description: 'Where the last request ended, after redirects.', type: 'string'}),
    defineField({name: 'checkedAt', title: 'Checked at', type: 'datetime', validation: (rule) => rule.required()}),
    defineField({
      name: 'changedAt',
      title: 'Changed at',
      description: 'When a change of the text was last seen. Not set by the first check.',
      type: 'datetime',
    }),
    defineField({name: 'baselineAt', title: 'Baseline recorded at', type: 'datetime'}),
    defineField({
      name: 'comparedAs',
      title: 'Compared as',
      type: 'string',
      options: {
        list: [
          {value: 'text', title: 'Page text'},
          {value: 'bytes', title: 'File bytes'},
        ],
      },
    }),
    defineField({name: 'textHash', title: 'Hash of what was compared', type: 'string'}),
    defineField({name: 'size', title: 'File size (bytes)', type: 'number'}),
    defineField({
      name: 'excerpt',
      title: 'Last change',
      description: 'Lines removed (-) and added (+), at most 2 KB.',
      type: 'text',
      rows: 12,
    }),
    defineField({
      name: 'movedSeen',
      title: 'Move seen',
      description:
        'The address an editor saw this source move to and chose to keep citing as it is ("Mark move seen" in the Sources view).',
      type: 'string',
    }),
    defineField({name: 'etag', title: 'ETag', type: 'string', hidden: true}),
    defineField({name: 'lastModified', title: 'Last-Modified', type: 'string', hidden: true}),
    defineField({name: 'text', title: 'Page text, as last read', type: 'text', hidden: true}),
  ],
  preview: {
    select: {url: 'url', status: 'status', checkedAt: 'checkedAt'},
    prepare: ({url, status, checkedAt}) => ({title: url ?? 'No URL', subtitle: `${status ?? '—'} · checked ${checkedAt ?? '—'}`}),
  },
})
