import {connection} from 'next/server'
import {contentSource, countDocuments} from '@/lib/content'

/** Which content source the server uses and how many documents it sees. Never cached. */
export async function GET() {
  await connection()
  try {
    const documents = await countDocuments()
    return Response.json({status: 'ok', source: contentSource, documents}, {headers: {'Cache-Control': 'no-store'}})
  } catch (error) {
    return Response.json(
      {status: 'error', source: contentSource, message: (error as Error).message},
      {status: 503, headers: {'Cache-Control': 'no-store'}},
    )
  }
}
