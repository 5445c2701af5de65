import {execFileSync} from 'node:child_process'
import {copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {request as httpRequest} from 'node:http'
import {connect} from 'node:http2'
import {createServer as createTlsServer, connect as tlsConnect} from 'node:tls'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {createClient} from '@sanity/client'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {ensureCertificate} from '@/sanity/local-backend/certificate'
import {startLocalBackend, type LocalBackend} from '@/sanity/local-backend/server'
import {draftsFileFor} from '@/sanity/local-backend/store'
import {FIXTURE_FILE, fixtureDocuments} from '../support/dataset'

/**
 * The local backend the Studio edits through, on a copy of the bundled dataset: what it refuses
 * (and that refusing changes nothing), the Studio's actions, perspectives, and atomic writes.
 */
const SITE_ORIGIN = 'http://localhost:3000'
const STUDIO_HEADERS = {'x-sanity-app': 'studio@6.16.0', 'content-type': 'application/json', origin: SITE_ORIGIN}
let backend: LocalBackend
let file: string

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kz-local-backend-'))
  file = join(dir, 'production.ndjson')
  copyFileSync(FIXTURE_FILE, file)
  backend = await startLocalBackend({file, persist: true, allowedOrigins: [SITE_ORIGIN]})
})
afterAll(() => backend?.stop())

const api = (path: string) => `${backend.url}/v2025-02-19${path}`
const renameKcell = (legalEntity: string) => JSON.stringify({mutations: [{patch: {id: 'operator.kcell', set: {legalEntity}}}]})

/** A raw request, so the Host header can be anything (fetch does not let a caller set it). */
function rawRequest(options: {
  path: string
  method: string
  headers: Record<string, string>
  body?: string
}): Promise<{status: number; body: string}> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {host: '127.0.0.1', port: backend.port, path: options.path, method: options.method, headers: options.headers},
      (res) => {
        let body = ''
        res.on('data', (chunk) => (body += chunk))
        res.on('end', () => resolve({status: res.statusCode ?? 0, body}))
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

describe('what the local backend refuses, changing nothing', () => {
  it('refuses a mutation posted from another origin, a simple text/plain POST, and a foreign Host', async () => {
    const before = readFileSync(file, 'utf8')
    const fromElsewhere = await fetch(api('/data/mutate/production'), {
      method: 'POST',
      headers: {...STUDIO_HEADERS, origin: 'https://evil.example'},
      body: renameKcell('from another origin'),
    })
    expect(fromElsewhere.status).toBe(403)
    expect(fromElsewhere.headers.get('access-control-allow-origin')).toBeNull()

    // What a form or a no-cors fetch on any page can send: no custom header, a "simple" content type.
    const simple = await fetch(api('/data/mutate/production'), {
      method: 'POST',
      headers: {'content-type': 'text/plain'},
      body: renameKcell('simple post'),
    })
    expect(simple.status).toBe(403)
    const simpleFromSite = await fetch(api('/data/actions/production'), {
      method: 'POST',
      headers: {'content-type': 'text/plain', origin: SITE_ORIGIN},
      body: JSON.stringify({actions: [{actionType: 'sanity.action.document.delete', publishedId: 'operator.kcell'}]}),
    })
    expect(simpleFromSite.status).toBe(403)

    // DNS rebinding: a name the attacker controls, resolving to 127.0.0.1.
    const rebound = await rawRequest({
      path: '/v2025-02-19/data/mutate/production',
      method: 'POST',
      headers: {...STUDIO_HEADERS, origin: SITE_ORIGIN, host: `rebind.evil.example:${backend.port}`},
      body: renameKcell('foreign host'),
    })
    expect(rebound.status).toBe(403)
    const reboundRead = await rawRequest({
      path: '/v2025-02-19/data/doc/production/operator.kcell',
      method: 'GET',
      headers: {host: `rebind.evil.example:${backend.port}`},
    })
    expect(reboundRead.status).toBe(403)
    expect(reboundRead.body).not.toContain('Kcell')

    expect(readFileSync(file, 'utf8')).toBe(before)
    expect(existsSync(draftsFileFor(file))).toBe(false)
  })

  it('answers a preflight from the site alone, never echoing another origin', async () => {
    const preflight = (origin: string) =>
      fetch(api('/data/actions/production'), {
        method: 'OPTIONS',
        headers: {origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-sanity-app'},
      })
    const ours = await preflight(SITE_ORIGIN)
    expect(ours.status).toBe(204)
    expect(ours.headers.get('access-control-allow-origin')).toBe(SITE_ORIGIN)
    expect(ours.headers.get('access-control-allow-credentials')).toBe('true')
    const theirs = await preflight('http://localhost:3000.evil.example')
    expect(theirs.status).toBe(403)
    expect(theirs.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('tells the Studio that no usage events leave a local Studio', async () => {
    const response = await fetch(api('/intake/telemetry-status'), {headers: STUDIO_HEADERS})
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({status: 'denied'})
  })

  it('answers what it does not implement with a clear error, not a silent success', async () => {
    const response = await fetch(api('/data/export/production'))
    expect(response.status).toBe(501)
    expect(((await response.json()) as {error: {description: string}}).error.description).toMatch(/does not implement GET .*export/)
    const unknownAction = await fetch(api('/data/actions/production'), {
      method: 'POST',
      headers: STUDIO_HEADERS,
      body: JSON.stringify({actions: [{actionType: 'sanity.action.document.version.create', publishedId: 'operator.kcell'}]}),
    })
    expect(unknownAction.status).toBe(400)
    expect(await unknownAction.text()).toMatch(/does not implement the action/)
  })
})

describe('editing as the Studio does', () => {
  const act = (...actions: object[]) =>
    fetch(api('/data/actions/production'), {method: 'POST', headers: STUDIO_HEADERS, body: JSON.stringify({actions})}).then(
      async (response) => {
        expect(response.status, await response.clone().text()).toBe(200)
        return response.json()
      },
    )
  const query = async (groq: string, perspective: string) =>
    (
      (await (await fetch(`${api('/data/query/production')}?query=${encodeURIComponent(groq)}&perspective=${perspective}`)).json()) as {
        result: unknown
      }
    ).result

  it('keeps a draft beside the dataset, shows it in the drafts perspective only, and publishes it into the file atomically', async () => {
    const listener = await fetch(
      `${api('/data/listen/production')}?query=${encodeURIComponent('*[_id in ["policy.kcell", "drafts.policy.kcell"]]')}`,
      {
        headers: {origin: SITE_ORIGIN},
      },
    )
    const events = listener.body!.pipeThrough(new TextDecoderStream()).getReader()

    await act({
      actionType: 'sanity.action.document.edit',
      draftId: 'drafts.policy.kcell',
      publishedId: 'policy.kcell',
      patch: {
        set: {confidence: 'low'},
        setIfMissing: {changeLog: []},
        insert: {after: 'changeLog[-1]', items: [{_key: 'k1', _type: 'changeLogEntry', date: '2026-11-26'}]},
      },
    })
    expect(readFileSync(file, 'utf8')).not.toContain('"k1"')
    expect(readFileSync(draftsFileFor(file), 'utf8')).toContain('"_id":"drafts.policy.kcell"')
    expect(await query('*[_id == "policy.kcell"][0].confidence', 'published')).not.toBe('low')
    expect(await query('*[_id == "policy.kcell"][0].confidence', 'drafts')).toBe('low')
    expect(await query('count(*[_id == "drafts.policy.kcell"])', 'raw')).toBe(1)

    let seen = ''
    while (!seen.includes('"transition":"appear"')) seen += (await events.read()).value
    expect(seen).toMatch(/^event: welcome/)
    expect(seen).toContain('"documentId":"drafts.policy.kcell"')

    await act({actionType: 'sanity.action.document.publish', draftId: 'drafts.policy.kcell', publishedId: 'policy.kcell'})
    const published = readFileSync(file, 'utf8')
      .split('\n')
      .find((line) => line.includes('"_id":"policy.kcell"'))!
    expect(JSON.parse(published)).toMatchObject({
      confidence: 'low',
      changeLog: expect.arrayContaining([expect.objectContaining({_key: 'k1'})]),
    })
    expect(readFileSync(draftsFileFor(file), 'utf8')).toBe('')
    expect(readFileSync(file, 'utf8').split('\n').filter(Boolean)).toHaveLength(fixtureDocuments().length)
    await events.cancel()
  })

  it('streams the Live Content API’s events: a restart for each change the stream may see, drafts only when it asked for them', async () => {
    const open = async (search: string) => {
      const response = await fetch(`${api('/data/live/events/production')}${search}`, {headers: {origin: SITE_ORIGIN}})
      expect(response.headers.get('content-type')).toBe('text/event-stream')
      return response.body!.pipeThrough(new TextDecoderStream()).getReader()
    }
    const [published, withDrafts] = await Promise.all([open(''), open('?includeDrafts=true')])
    const next = async (reader: ReadableStreamDefaultReader<string>) => (await reader.read()).value ?? ''
    expect(await next(published)).toMatch(/^event: welcome/)
    expect(await next(withDrafts)).toMatch(/^event: welcome/)
    const draft = await act({
      actionType: 'sanity.action.document.edit',
      draftId: 'drafts.faq.esim',
      publishedId: 'faq.esim',
      patch: {set: {order: 7}},
    })
    expect(await next(withDrafts)).toContain(`event: restart\ndata: {"id":"${(draft as {transactionId: string}).transactionId}"}`)
    await act({actionType: 'sanity.action.document.publish', draftId: 'drafts.faq.esim', publishedId: 'faq.esim'})
    // The stream of published content saw nothing of the draft: its first event is the publish.
    expect(await next(published)).toMatch(/^event: restart/)
    expect(await next(withDrafts)).toMatch(/^event: restart/)
    await Promise.all([published.cancel(), withDrafts.cancel()])
    // The Studio asks whether its origin may use the API when a stream fails.
    expect(await (await fetch(api('/check/cors'), {headers: {origin: SITE_ORIGIN}})).json()).toEqual({
      result: {allowed: true, withCredentials: true},
    })
  })

  it('answers @sanity/client: mutations, documents and a slice with a parameter', async () => {
    const client = createClient({
      projectId: 'local',
      dataset: 'production',
      apiHost: backend.url,
      useProjectHostname: false,
      apiVersion: '2025-02-19',
      useCdn: false,
      headers: {'x-sanity-app': 'test'},
    })
    await client.createOrReplace({_id: 'faq.local-test', _type: 'faq'})
    expect(await client.getDocument('faq.local-test')).toMatchObject({_type: 'faq'})
    expect(await client.fetch('*[_type == "faq"] | order(_id) [0...$limit]._id', {limit: 2})).toHaveLength(2)
    await client.delete('faq.local-test')
    expect(await client.getDocument('faq.local-test')).toBeUndefined()
    await expect(client.patch('operator.kcell').set({name: 'x'}).ifRevisionId('not-the-revision').commit()).rejects.toThrow(/revision/)
    // The Studio deletes its expired preview secrets by query.
    await client.create({_id: 'drafts.secret-1', _type: 'sanity.previewUrlSecret'})
    await client.create({_id: 'secret-2', _type: 'sanity.previewUrlSecret'})
    await client.delete({query: '*[_type == $type]', params: {type: 'sanity.previewUrlSecret'}})
    expect(await client.fetch('count(*[_type == "sanity.previewUrlSecret"])', {}, {perspective: 'raw'})).toBe(0)
    expect(await client.fetch('count(*[_type == "operator"])')).toBeGreaterThan(0)
  })
})

describe('over HTTP/2 with its own certificate', () => {
  it('speaks HTTP/2 to a client that trusts its authority', async () => {
    const certificate = ensureCertificate(mkdtempSync(join(tmpdir(), 'kz-cert-')))
    const secure = await startLocalBackend({file, persist: false, allowedOrigins: [SITE_ORIGIN], tls: certificate})
    try {
      const session = connect(secure.url, {ca: readFileSync(certificate.caFile)})
      const body = await new Promise<string>((resolve, reject) => {
        const stream = session.request({':path': '/v2025-02-19/users/me', origin: SITE_ORIGIN})
        let text = ''
        stream.on('data', (chunk) => (text += chunk))
        stream.on('end', () => resolve(text))
        stream.on('error', reject)
      })
      session.close()
      expect(JSON.parse(body)).toMatchObject({id: 'local-editor'})
      expect(secure.url).toMatch(/^https:\/\/localhost:\d+$/)
    } finally {
      await secure.stop()
    }
  })

  it('has a certificate authority that can vouch for loopback names only: a certificate it signs for another name is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kz-cert-'))
    const certificate = ensureCertificate(dir)
    // Whoever can read the authority's key signs a certificate for another site with it…
    const file = (name: string) => join(dir, name)
    const openssl = (...args: string[]) => execFileSync('openssl', args, {stdio: ['ignore', 'pipe', 'pipe']})
    openssl(
      'req',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-subj',
      '/CN=bank.example',
      '-keyout',
      file('evil-key.pem'),
      '-out',
      file('evil.csr'),
    )
    writeFileSync(file('evil.ext'), 'subjectAltName=DNS:bank.example\nextendedKeyUsage=serverAuth\n')
    openssl(
      'x509',
      '-req',
      '-in',
      file('evil.csr'),
      '-CA',
      certificate.caFile,
      '-CAkey',
      file('ca-key.pem'),
      '-CAcreateserial',
      '-days',
      '10',
      '-extfile',
      file('evil.ext'),
      '-out',
      file('evil.pem'),
    )
    // …and serves it. A client that trusts the authority refuses it; the localhost one it accepts.
    const handshake = (cert: string, key: string, servername: string) =>
      new Promise<string>((resolve) => {
        const server = createTlsServer({cert, key}, (socket) => socket.end()).listen(0, '127.0.0.1', () => {
          const {port} = server.address() as {port: number}
          const client = tlsConnect(
            {host: '127.0.0.1', port, servername, ca: readFileSync(certificate.caFile)},
            () => (client.end(), server.close(), resolve('trusted')),
          )
          client.on('error', (error) => (server.close(), resolve(error.message)))
        })
      })
    expect(await handshake(readFileSync(file('evil.pem'), 'utf8'), readFileSync(file('evil-key.pem'), 'utf8'), 'bank.example')).toBe(
      'permitted subtree violation',
    )
    expect(await handshake(certificate.cert, certificate.key, 'localhost')).toBe('trusted')
  })
})
