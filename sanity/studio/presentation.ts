import {defineLocations, presentationTool} from 'sanity/presentation'
import {checklistPath, localePath, operatorPath} from '../../lib/site/paths'

/**
 * The site in the Studio's frame, in draft mode: editors see their drafts on the real pages before
 * they publish, and click a value to open it (the pages mark each value with where it lives). The
 * site and the Studio share an origin, so the preview needs no URL. Every route has a main
 * document, and every document type says which pages show it.
 */
/** The Studio is in English: the preview opens the English pages. */
const EDITORS_LOCALE = 'en'
const page = (title: string, href: string) => ({title, href})
const operatorPages = (slug: string | undefined, name: string | undefined) =>
  slug
    ? [
        page(name ?? slug, operatorPath(EDITORS_LOCALE, slug)),
        page('Compare operators', localePath(EDITORS_LOCALE, '/compare')),
        page(`Checklist for ${name ?? slug}`, checklistPath(EDITORS_LOCALE, slug)),
      ]
    : []

export const presentation = presentationTool({
  previewUrl: {
    initial: localePath(EDITORS_LOCALE),
    previewMode: {enable: '/api/draft-mode/enable', disable: '/api/draft-mode/disable'},
  },
  resolve: {
    mainDocuments: [
      {route: '/:locale', filter: '_type == "guide" && _id == "guide"'},
      {route: '/:locale/operators/:slug', filter: '_type == "operator" && slug.current == $slug'},
      {route: '/:locale/faq', filter: '_type == "faq"'},
      {route: '/:locale/compare', filter: '_type == "policy"'},
      {route: '/:locale/compare/side-by-side', filter: '_type == "policy"'},
      {route: '/:locale/checklist', filter: '_type == "policy"'},
    ],
    locations: {
      guide: defineLocations({locations: [page('Guide', localePath(EDITORS_LOCALE))]}),
      siteSettings: defineLocations({locations: [page('Every page (title, description, footer)', localePath(EDITORS_LOCALE))]}),
      faq: defineLocations({locations: [page('FAQ', localePath(EDITORS_LOCALE, '/faq'))]}),
      operator: defineLocations({
        select: {slug: 'slug.current', name: 'name'},
        resolve: (doc) => ({locations: operatorPages(doc?.slug, doc?.name)}),
      }),
      policy: defineLocations({
        select: {slug: 'operator.slug.current', name: 'operator.name'},
        resolve: (doc) => ({locations: operatorPages(doc?.slug, doc?.name)}),
      }),
    },
  },
})
