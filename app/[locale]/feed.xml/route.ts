import {getOperators} from '@/lib/content'
import {isLocale} from '@/lib/i18n'
import {policyChangesFeed} from '@/lib/site/feed'

/** Policy changes per language, as Atom: readers subscribe to know when a policy was corrected. */
export async function GET(_request: Request, {params}: RouteContext<'/[locale]/feed.xml'>) {
  const {locale} = await params
  if (!isLocale(locale)) return new Response('Not found', {status: 404})
  const xml = policyChangesFeed(await getOperators(), locale)
  return new Response(xml, {headers: {'Content-Type': 'application/atom+xml; charset=utf-8'}})
}
