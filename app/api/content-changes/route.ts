import {connection} from 'next/server'
import {changeFeedStatus} from '@/lib/content/change-feed'

/**
 * The change feed's state and the last change that reached the site, for the Studio's verification
 * age view on this same origin: states and times only (no secrets, hosts or error text). Never cached.
 */
export async function GET() {
  await connection()
  return Response.json(await changeFeedStatus(), {headers: {'Cache-Control': 'no-store'}})
}
