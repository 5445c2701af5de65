import {generateStaticParams as readerParams} from '@/app/[locale]/operators/[slug]/report-received/page'

export {default, generateMetadata} from '@/app/[locale]/operators/[slug]/report-received/page'

/** As the layout says: one page prerendered, to check the route; draft mode renders the rest. */
export async function generateStaticParams() {
  return (await readerParams()).slice(0, 1)
}
