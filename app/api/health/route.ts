import {connection} from 'next/server'
import {contentStore, countDocuments} from '@/lib/content'

/**
 * Liveness: answers while the process can serve, which it does from its caches and last good
 * answers even while the content store fails. Says which content store the server reads and how
 * many documents it sees (null when it could not count them: the reason goes to the log, never
 * into the answer). Readiness is /api/ready. Never cached.
 */
export async function GET() {
  await connection()
  const documents = await countDocuments().catch((error: Error) => {
    console.error(`[health] could not count the documents: ${error.message}`)
    return null
  })
  return Response.json({status: 'ok', store: contentStore, documents}, {headers: {'Cache-Control': 'no-store'}})
}
