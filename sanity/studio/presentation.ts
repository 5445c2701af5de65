import {defineLocations, presentationTool} from 'sanity/presentation'
import {localePath, operatorPath} from '../../lib/paths'

/** The Studio is in English: the preview opens the English pages. */
const EDITORS_LOCALE = 'en'

/**
 * The site in the Studio's frame, in draft mode: editors see their drafts on the real pages
 * before they publish. The site and the Studio share an origin, so the preview needs no URL.
 */
const operatorPage = (slug: string | undefined, name: string | undefined) =>
  slug ? [{title: name ?? slug, href: operatorPath(EDITORS_LOCALE, slug)}] : []

export const presentation = presentationTool({
  previewUrl: {
    initial: localePath(EDITORS_LOCALE),
    previewMode: {enable: '/api/draft-mode/enable', disable: '/api/draft-mode/disable'},
  },
  resolve: {
    mainDocuments: [{route: '/:locale/operators/:slug', filter: '_type == "operator" && slug.current == $slug'}],
    locations: {
      operator: defineLocations({
        select: {slug: 'slug.current', name: 'name'},
        resolve: (doc) => ({locations: operatorPage(doc?.slug, doc?.name)}),
      }),
      policy: defineLocations({
        select: {slug: 'operator.slug.current', name: 'operator.name'},
        resolve: (doc) => ({locations: operatorPage(doc?.slug, doc?.name)}),
      }),
    },
  },
})
