import {existsSync, readFileSync} from 'node:fs'
import {request} from 'node:https'
import {connect} from 'node:net'
import {join, resolve} from 'node:path'
import {getCACertificates, setDefaultCACertificates} from 'node:tls'
import type {SanityClient} from '@sanity/client'
import {writeClient} from '../lib/content/clients.ts'
import {localStudioPort} from '../lib/env.mjs'
import {CERTIFICATE_DIR} from '../sanity/local-backend/index.ts'
import {startLocalBackend} from '../sanity/local-backend/server.ts'

/**
 * How a command-line tool (the source checker) writes editorial records when no Sanity project is
 * configured: through the local backend, as the site does. The backend keeps records in a file
 * beside the dataset and rewrites that file whole, so there must never be two backends over one
 * dataset. So: when `npm start`'s backend answers on its port, use it; when the port is free,
 * start one in-process on that same port, which also keeps `npm start` from starting a second
 * one until the tool has finished; when something else holds the port, stop and say so.
 */
export type RecordsWriter = {client: SanityClient; description: string; close(): Promise<void>}

type PortState = 'free' | 'local backend' | 'something else'

function portIsFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({host: '127.0.0.1', port})
    socket.once('connect', () => {
      socket.destroy()
      done(false)
    })
    socket.once('error', (error: NodeJS.ErrnoException) => done(error.code === 'ECONNREFUSED'))
  })
}

/** Whether `npm start`'s backend answers its ping over HTTPS with its own certificate authority. */
function answersAsLocalBackend(port: number, ca: string): Promise<boolean> {
  return new Promise((done) => {
    const ping = request(
      {host: '127.0.0.1', servername: 'localhost', port, path: '/v1/ping', ca, headers: {host: `localhost:${port}`}, timeout: 3_000},
      (response) => {
        let body = ''
        response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk))
        response.on('end', () => done(response.statusCode === 200 && body.includes('PONG')))
      },
    )
    ping.once('timeout', () => ping.destroy())
    ping.once('error', () => done(false))
    ping.end()
  })
}

async function portState(port: number, ca: string | undefined): Promise<PortState> {
  if (await portIsFree(port)) return 'free'
  return ca && (await answersAsLocalBackend(port, ca)) ? 'local backend' : 'something else'
}

/** Requires `writeClient()` to find the local backend: the address `npm start` would give the site. */
function clientFor(url: string): SanityClient {
  process.env.LOCAL_STUDIO_URL = url
  const client = writeClient()
  if (!client) throw new Error(`The local backend at ${url} is not a localhost address`)
  return client
}

export async function openLocalRecordsWriter(datasetFile: string): Promise<RecordsWriter> {
  const port = localStudioPort()
  const caFile = join(resolve(CERTIFICATE_DIR), 'ca.pem')
  const ca = existsSync(caFile) ? readFileSync(caFile, 'utf8') : undefined
  const state = await portState(port, ca)
  if (state === 'local backend' && ca) {
    // Trust its certificate authority for this process, as `npm start` makes the site do.
    setDefaultCACertificates([...getCACertificates('default'), ca])
    const url = `https://localhost:${port}`
    return {client: clientFor(url), description: `the local backend npm start runs (${url})`, close: async () => {}}
  }
  if (state === 'something else') {
    throw new Error(
      `Port ${port} (LOCAL_STUDIO_PORT) is taken by something that is not the local backend. Stop it, or set LOCAL_STUDIO_PORT to a free port.`,
    )
  }
  const backend = await startLocalBackend({file: resolve(datasetFile), persist: true, port, allowedOrigins: []})
  return {
    client: clientFor(backend.url),
    description: `a local backend started for this run (${backend.url}) over ${datasetFile}`,
    close: () => backend.stop(),
  }
}
