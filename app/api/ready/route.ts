import {connection} from 'next/server'
import {readiness} from '@/lib/instance/readiness'

/**
 * Readiness, for the caching proxy's probe: 200 while this instance should get new requests, 503
 * while a check says it cannot serve correctly or it is leaving (SIGTERM). Names each check's
 * state, never why. Never cached.
 */
export async function GET() {
  await connection()
  const {ready, checks} = await readiness()
  return Response.json({status: ready ? 'ready' : 'not ready', checks}, {status: ready ? 200 : 503, headers: {'Cache-Control': 'no-store'}})
}
