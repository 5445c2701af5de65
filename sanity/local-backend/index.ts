import {resolve} from 'node:path'
import {ensureCertificate} from './certificate.ts'
import {startLocalBackend, type LocalBackend} from './server.ts'

/**
 * The local backend as `npm start` runs it for the Studio: HTTPS with HTTP/2, on loopback, over
 * the bundled dataset, writing published changes into it (the site's watcher picks them up).
 * A convenience for trying the Studio with no account; a team uses a real Sanity project.
 */
export const CERTIFICATE_DIR = '.local-studio'

export type StudioBackend = LocalBackend & {caFile: string}

export async function startStudioBackend(options: {
  file: string
  port: number
  siteOrigins: string[]
  certificateDir?: string
}): Promise<StudioBackend> {
  const certificate = ensureCertificate(resolve(options.certificateDir ?? CERTIFICATE_DIR))
  const backend = await startLocalBackend({
    file: resolve(options.file),
    persist: true,
    port: options.port,
    tls: certificate,
    allowedOrigins: options.siteOrigins,
  })
  return Object.assign(backend, {caFile: certificate.caFile})
}
