import {defineArrayMember, defineType} from 'sanity'
import {safeHref} from '../../lib/text/safe-url'

/**
 * Rich text for steps, explanations and answers. Kept deliberately small: paragraphs, one heading
 * level, lists, emphasis and links. Links accept only the schemes the site will render as links.
 */
export const blockContent = defineType({
  name: 'blockContent',
  title: 'Rich text',
  type: 'array',
  of: [
    defineArrayMember({
      type: 'block',
      styles: [
        {title: 'Normal', value: 'normal'},
        {title: 'Heading', value: 'h3'},
      ],
      lists: [
        {title: 'Numbered', value: 'number'},
        {title: 'Bullet', value: 'bullet'},
      ],
      marks: {
        decorators: [
          {title: 'Strong', value: 'strong'},
          {title: 'Emphasis', value: 'em'},
        ],
        annotations: [
          {
            name: 'link',
            type: 'object',
            title: 'Link',
            fields: [
              {
                name: 'href',
                type: 'string',
                title: 'URL',
                description: 'https://…, mailto:, tel:, or a path on this site such as /en/faq',
                validation: (rule) =>
                  rule
                    .required()
                    .custom((href: string | undefined) =>
                      href === undefined || safeHref(href) !== undefined
                        ? true
                        : 'Only http(s), mailto:, tel:, site paths and #anchors are allowed.',
                    ),
              },
            ],
          },
        ],
      },
    }),
  ],
})
