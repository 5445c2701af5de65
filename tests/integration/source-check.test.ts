import {gzipSync} from 'node:zlib'
import {afterEach, describe, expect, it} from 'vitest'
import {checkSource} from '@/lib/sources/check'
import {DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS, SourceFetcher, type FetcherOptions} from '@/lib/sources/fetcher'
import {DEFAULT_HOST_INTERVAL_MS} from '@/lib/sources/politeness'
import {ROBOTS_TOKEN, userAgent} from '@/lib/sources/run'
import {html, htmlPage, redirect, robots, startPageServer, type PageServer} from '../support/source-pages'

/**
 * One source check against servers on loopback, for each thing a source page can do: stay the
 * same, change, change only in markup or scripts, vanish, hang, be huge, move, redirect to a
 * private address, be disallowed by robots.txt, answer 304, or be a PDF. No request leaves the
 * machine: the stand-ins are allowed by origin, exactly as SOURCE_CHECK_ALLOW allows them.
 */
const servers: PageServer[] = []
const fetchers: SourceFetcher[] = []
afterEach(async () => {
  await Promise.all(fetchers.splice(0).map((fetcher) => fetcher.close()))
  await Promise.all(servers.splice(0).map((server) => server.stop()))
})

async function site(routes: Parameters<typeof startPageServer>[1], host = '127.0.0.1') {
  const server = await startPageServer(host, {'/robots.txt': robots('User-agent: *\nAllow: /\n'), ...routes})
  servers.push(server)
  return server
}

/** A checker allowed to reach `allowed`; the pause between requests is short here, and measured apart below. */
function fetcherFor(allowed: PageServer[], options: Partial<FetcherOptions> = {}) {
  const fetcher = new SourceFetcher({
    userAgent: userAgent('https://kz-sim.example'),
    robotsToken: ROBOTS_TOKEN,
    allowedOrigins: new Set(allowed.map((server) => server.origin)),
    hostIntervalMs: 10,
    ...options,
  })
  fetchers.push(fetcher)
  return fetcher
}

const pagePaths = (server: PageServer) => server.requests.map((request) => request.path).filter((path) => path !== '/robots.txt')

describe('checking one source', () => {
  it('records a baseline, then reports an unchanged page as unchanged', async () => {
    const server = await site({'/documents': html(() => htmlPage('<h1>Документы</h1><p>Заявление на расторжение договора</p>'))})
    const fetcher = fetcherFor([server])
    const url = `${server.origin}/documents`
    const first = await checkSource(url, undefined, fetcher)
    expect(first).toMatchObject({
      _type: 'sourceCheck',
      url,
      status: 'unchanged',
      httpStatus: 200,
      finalUrl: url,
      comparedAs: 'text',
      detail: 'first check: recorded as the baseline',
    })
    expect(first.baselineAt).toBe(first.checkedAt)
    expect(first.changedAt).toBeUndefined()
    expect(first.textHash).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(first.text).toBe('Документы\nЗаявление на расторжение договора')
    const second = await checkSource(url, first, fetcher)
    expect(second).toMatchObject({_id: first._id, status: 'unchanged', textHash: first.textHash, baselineAt: first.baselineAt})
    expect(second.changedAt).toBeUndefined()
    expect(second.detail).toBeUndefined()
    // It says who asks, and where to read about it.
    expect(server.requests[0]!.headers['user-agent']).toBe(
      `${ROBOTS_TOKEN}/1.0 (+https://kz-sim.example; KZ SIM Guide checks the pages it cites for changes)`,
    )
  })

  it('reports a changed page as changed, with the lines removed and added', async () => {
    let rule = 'Остаток средств возвращается по заявлению.'
    const server = await site({'/notice': html(() => htmlPage(`<h1>Расторжение</h1><p>${rule}</p><p>Пакеты не возвращаются.</p>`))})
    const fetcher = fetcherFor([server])
    const url = `${server.origin}/notice`
    const first = await checkSource(url, undefined, fetcher)
    rule = 'Остаток средств не возвращается.'
    const second = await checkSource(url, first, fetcher)
    expect(second).toMatchObject({status: 'changed', httpStatus: 200})
    expect(second.changedAt).toBe(second.checkedAt)
    expect(second.textHash).not.toBe(first.textHash)
    expect(second.excerpt).toBe('- Остаток средств возвращается по заявлению.\n+ Остаток средств не возвращается.')
    // The next check compares with the changed text, and keeps the date of the change.
    const third = await checkSource(url, second, fetcher)
    expect(third).toMatchObject({status: 'unchanged', changedAt: second.changedAt, excerpt: second.excerpt})
  })

  it('sees no change when only whitespace, markup or a script changed', async () => {
    let version = 0
    const variants = [
      htmlPage('<h1>FAQ</h1><p>Тариф меняет владелец SIM-карты.</p>'),
      htmlPage('\n  <h1 class="title">FAQ</h1>\n\n  <p>Тариф   меняет\n владелец&nbsp;SIM-карты.</p>  '),
      htmlPage('<h1>FAQ</h1><p>Тариф меняет владелец SIM-карты.</p><script>track("page", 42)</script>', {
        script: 'window.build = "9f3c2a"',
      }),
    ]
    const server = await site({'/faq': html(() => variants[version]!)})
    const fetcher = fetcherFor([server])
    const url = `${server.origin}/faq`
    let previous = await checkSource(url, undefined, fetcher)
    for (version = 1; version < variants.length; version++) {
      const check = await checkSource(url, previous, fetcher)
      expect(check.status, `variant ${version}`).toBe('unchanged')
      expect(check.textHash).toBe(previous.textHash)
      previous = check
    }
  })

  it('reports a 404 as unreachable, and keeps the last good text for the next comparison', async () => {
    let gone = false
    const server = await site({
      '/page': (request, response) =>
        gone ? response.writeHead(404).end('Not found') : html(() => htmlPage('<p>Бланк заявления</p>'))(request, response),
    })
    const fetcher = fetcherFor([server])
    const url = `${server.origin}/page`
    const first = await checkSource(url, undefined, fetcher)
    gone = true
    const second = await checkSource(url, first, fetcher)
    expect(second).toMatchObject({
      status: 'unreachable',
      httpStatus: 404,
      detail: 'answered 404',
      textHash: first.textHash,
      text: first.text,
    })
    gone = false
    expect(await checkSource(url, second, fetcher)).toMatchObject({status: 'unchanged', httpStatus: 200})
  })

  it('gives up on a server that never answers after the time limit (15 s by default)', async () => {
    expect(DEFAULT_TIMEOUT_MS).toBe(15_000)
    const server = await site({
      '/slow': () => {},
      // Headers at once, then a body that never ends: the limit covers the whole answer.
      '/drip': (_request, response) => response.writeHead(200, {'content-type': 'text/html'}).write('<p>Начало'),
    })
    const fetcher = fetcherFor([server], {timeoutMs: 300})
    for (const path of ['/slow', '/drip']) {
      const started = performance.now()
      const check = await checkSource(`${server.origin}${path}`, undefined, fetcher)
      expect(check, path).toMatchObject({status: 'unreachable', detail: 'no complete answer within 0.3 s'})
      expect(performance.now() - started).toBeLessThan(3_000)
    }
  })

  it('reads at most 2 MB of a 32 MB page, and stops downloading the rest', async () => {
    expect(DEFAULT_MAX_BYTES).toBe(2 * 1024 * 1024)
    // Large enough that loopback's socket buffers (a few MB) cannot take it all once the checker
    // stops reading, however late a busy machine lets it stop; sent in chunks, as a server would.
    const [opening = '', closing = ''] = htmlPage('\u0000').split('\u0000')
    const chunk = Buffer.from(`<p>${'Условия обслуживания абонентов. '.repeat(30)}</p>\n`.repeat(64))
    const chunks = Math.ceil((32 * 1024 * 1024) / chunk.length)
    let finished = false
    let closed: () => void
    const connectionClosed = new Promise<void>((resolve) => (closed = resolve))
    const server = await site({
      '/huge': async (_request, response) => {
        response.writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'content-length': String(Buffer.byteLength(opening) + chunks * chunk.length + Buffer.byteLength(closing)),
        })
        response.on('finish', () => (finished = true))
        response.on('close', () => closed())
        response.write(opening)
        for (let sent = 0; sent < chunks && !response.destroyed; sent++) {
          if (!response.write(chunk)) await new Promise((resolve) => (response.once('drain', resolve), response.once('close', resolve)))
        }
        if (!response.destroyed) response.end(closing)
      },
    })
    const fetcher = fetcherFor([server])
    const check = await checkSource(`${server.origin}/huge`, undefined, fetcher)
    expect(check).toMatchObject({
      status: 'unchanged',
      httpStatus: 200,
      detail: 'first check: recorded as the baseline; only the first 2 MB were read',
    })
    // The text kept is from the first 2 MB; validators are not kept for a partial read.
    expect(Buffer.byteLength(check.text!)).toBeLessThan(2 * 1024 * 1024)
    expect(check.etag).toBeUndefined()
    // The checker hung up: the server's answer ends there, unsent.
    await connectionClosed
    expect(finished, 'the server could not send the whole page').toBe(false)
  })

  it('decompresses gzip, within the same cap', async () => {
    const page = htmlPage('<p>Сжатая страница</p>')
    const server = await site({
      '/gz': (_request, response) =>
        response.writeHead(200, {'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip'}).end(gzipSync(page)),
    })
    const check = await checkSource(`${server.origin}/gz`, undefined, fetcherFor([server]))
    expect(check.text).toBe('Сжатая страница')
    expect(server.requests.at(-1)!.headers['accept-encoding']).toContain('gzip')
  })

  it('reports a 301 to a new address as moved, with where it went', async () => {
    const server = await site({'/old': redirect(301, '/new'), '/new': html(() => htmlPage('<p>Новый адрес</p>'))})
    const check = await checkSource(`${server.origin}/old`, undefined, fetcherFor([server]))
    expect(check).toMatchObject({status: 'moved', httpStatus: 200, finalUrl: `${server.origin}/new`})
    expect(check.detail).toContain(`permanently redirected to ${server.origin}/new`)
    // A temporary redirect is followed, not reported.
    server.routes.set('/temporary', redirect(302, '/new'))
    expect(await checkSource(`${server.origin}/temporary`, undefined, fetcherFor([server]))).toMatchObject({
      status: 'unchanged',
      finalUrl: `${server.origin}/new`,
    })
  })

  it('keeps reporting a move at the next checks, conditional or not, until an editor marks it seen', async () => {
    const etag = '"new-v1"'
    const server = await site({
      '/old': redirect(301, '/new'),
      '/new': (request, response) =>
        request.headers['if-none-match'] === etag
          ? response.writeHead(304, {etag}).end()
          : html(() => htmlPage('<p>Новый адрес</p>'), {etag})(request, response),
    })
    const fetcher = fetcherFor([server])
    const url = `${server.origin}/old`
    const first = await checkSource(url, undefined, fetcher)
    const second = await checkSource(url, first, fetcher)
    expect(second).toMatchObject({status: 'moved', httpStatus: 304, finalUrl: `${server.origin}/new`})
    expect(second.detail).toContain(`permanently redirected to ${server.origin}/new`)
    const seen = await checkSource(url, {...second, movedSeen: `${server.origin}/new`}, fetcher)
    expect(seen).toMatchObject({status: 'unchanged', movedSeen: `${server.origin}/new`})
    // A move to yet another address is news again.
    server.routes.set('/old', redirect(301, '/newer'))
    server.routes.set(
      '/newer',
      html(() => htmlPage('<p>Новый адрес</p>')),
    )
    expect(await checkSource(url, seen, fetcher)).toMatchObject({status: 'moved', finalUrl: `${server.origin}/newer`})
  })

  it('follows at most 5 redirects', async () => {
    const server = await site(Object.fromEntries(Array.from({length: 7}, (_, hop) => [`/hop${hop}`, redirect(302, `/hop${hop + 1}`)])))
    const check = await checkSource(`${server.origin}/hop0`, undefined, fetcherFor([server]))
    expect(check).toMatchObject({status: 'unreachable', detail: 'more than 5 redirects'})
    expect(pagePaths(server)).toEqual(['/hop0', '/hop1', '/hop2', '/hop3', '/hop4', '/hop5'])
  })

  it('blocks a redirect to a private address, in any spelling, and that address receives no request', async () => {
    const internal = await site({'/admin': html(() => '<p>internal</p>')})
    const spellings = [
      `http://127.0.0.1:${internal.port}/admin`,
      `http://localhost:${internal.port}/admin`,
      `http://2130706433:${internal.port}/admin`,
      `http://0x7f.1:${internal.port}/admin`,
      `http://0177.0.0.1:${internal.port}/admin`,
      `http://[::ffff:127.0.0.1]:${internal.port}/admin`,
      `https://127.0.0.1:${internal.port}/admin`,
      // Over TLS the name is resolved by the same guarded lookup.
      `https://localhost:${internal.port}/admin`,
    ]
    const server = await site(Object.fromEntries(spellings.map((location, index) => [`/r${index}`, redirect(302, location)])))
    // Only the public-facing stand-in is allowed: the internal one is "the local network".
    const fetcher = fetcherFor([server])
    for (const [index, location] of spellings.entries()) {
      const check = await checkSource(`${server.origin}/r${index}`, undefined, fetcher)
      expect(check.status, location).toBe('blocked')
      expect(check.detail).toMatch(/^redirected to .+: .*(loopback).*not a public address/)
    }
    expect(internal.requests).toEqual([])
    // Named directly, too: a name is judged by what it resolves to.
    const direct = await checkSource(`http://localhost:${internal.port}/admin`, undefined, fetcher)
    expect(direct).toMatchObject({status: 'blocked', detail: 'localhost resolves to 127.0.0.1 (loopback), not a public address'})
    expect(internal.requests).toEqual([])
  })

  it('allows a SOURCE_CHECK_ALLOW origin for the URL the dataset cites, never as a redirect target from another origin', async () => {
    // Both stand-ins are allowed, as two local test services would be; only `cited` is what the dataset cites.
    const internal = await site({'/admin': html(() => '<p>internal</p>'), '/self': redirect(302, '/admin')})
    const cited = await site(
      {'/notice': redirect(302, `${internal.origin}/admin`), '/named': redirect(302, `http://localhost:${internal.port}/admin`)},
      '127.0.0.2',
    )
    const fetcher = fetcherFor([cited, internal])
    for (const path of ['/notice', '/named']) {
      const check = await checkSource(`${cited.origin}${path}`, undefined, fetcher)
      expect(check.status, path).toBe('blocked')
      expect(check.detail).toMatch(/^redirected to .+: .*loopback.*not a public address/)
    }
    expect(internal.requests).toEqual([])
    // Cited itself, it is fetched, and so is a redirect that stays on its origin.
    expect(await checkSource(`${internal.origin}/self`, undefined, fetcher)).toMatchObject({
      status: 'unchanged',
      finalUrl: `${internal.origin}/admin`,
    })
  })

  it('honours robots.txt: a disallowed page is blocked, and never requested', async () => {
    const server = await site({
      '/robots.txt': robots(`User-agent: *\nAllow: /\n\nUser-agent: ${ROBOTS_TOKEN}\nDisallow: /private/\n`),
      '/private/notice': html(() => htmlPage('<p>Закрыто</p>')),
      '/public': html(() => htmlPage('<p>Открыто</p>')),
    })
    const fetcher = fetcherFor([server])
    const blocked = await checkSource(`${server.origin}/private/notice`, undefined, fetcher)
    expect(blocked).toMatchObject({
      status: 'blocked',
      detail: `robots.txt of ${server.origin} disallows /private/notice for ${ROBOTS_TOKEN}`,
    })
    expect(await checkSource(`${server.origin}/public`, undefined, fetcher)).toMatchObject({status: 'unchanged'})
    // robots.txt is read once per run, and the disallowed page is never asked for.
    expect(server.requests.map((request) => request.path)).toEqual(['/robots.txt', '/public'])
  })

  it('sends ETag and Last-Modified back, and takes a 304 as unchanged', async () => {
    const server = await site({
      '/documents': (request, response) => {
        const etag = '"v1"'
        if (request.headers['if-none-match'] === etag) return response.writeHead(304, {etag}).end()
        response
          .writeHead(200, {'content-type': 'text/html', etag, 'last-modified': 'Tue, 24 Nov 2026 10:00:00 GMT'})
          .end(htmlPage('<p>Документы</p>'))
      },
      '/dated': (request, response) => {
        const lastModified = 'Tue, 24 Nov 2026 10:00:00 GMT'
        if (request.headers['if-modified-since'] === lastModified) return response.writeHead(304).end()
        response.writeHead(200, {'content-type': 'application/pdf', 'last-modified': lastModified}).end('%PDF-1.4 dated')
      },
    })
    const fetcher = fetcherFor([server])
    const first = await checkSource(`${server.origin}/documents`, undefined, fetcher)
    expect(first).toMatchObject({etag: '"v1"', lastModified: 'Tue, 24 Nov 2026 10:00:00 GMT'})
    const second = await checkSource(`${server.origin}/documents`, first, fetcher)
    expect(second).toMatchObject({
      status: 'unchanged',
      httpStatus: 304,
      detail: 'not modified (conditional GET)',
      textHash: first.textHash,
      text: first.text,
      etag: '"v1"',
    })
    expect(server.requests.at(-1)!.headers['if-none-match']).toBe('"v1"')
    const dated = await checkSource(`${server.origin}/dated`, undefined, fetcher)
    expect(await checkSource(`${server.origin}/dated`, dated, fetcher)).toMatchObject({status: 'unchanged', httpStatus: 304})
    // The first check of a URL is never conditional.
    expect(server.requests.filter((request) => request.path === '/documents')[0]!.headers['if-none-match']).toBeUndefined()
  })

  it('compares a PDF by its bytes', async () => {
    let pdf = Buffer.from('%PDF-1.7\n% Заявление на расторжение договора\n1 0 obj <<>> endobj\n%%EOF\n')
    const server = await site({'/form.pdf': (_request, response) => response.writeHead(200, {'content-type': 'application/pdf'}).end(pdf)})
    const fetcher = fetcherFor([server])
    const url = `${server.origin}/form.pdf`
    const first = await checkSource(url, undefined, fetcher)
    expect(first).toMatchObject({status: 'unchanged', comparedAs: 'bytes', size: pdf.length})
    expect(first.text).toBeUndefined()
    expect((await checkSource(url, first, fetcher)).status).toBe('unchanged')
    pdf = Buffer.concat([pdf, Buffer.from('% revised\n')])
    const changed = await checkSource(url, first, fetcher)
    expect(changed).toMatchObject({status: 'changed', size: pdf.length})
    expect(changed.excerpt).toBe(`The file changed (compared by its bytes): ${first.size} → ${pdf.length} bytes.`)
  })

  it('refuses what is not http(s) without a request', async () => {
    const fetcher = fetcherFor([])
    for (const url of ['file:///etc/passwd', 'ftp://example.com/x', 'not a url']) {
      expect((await checkSource(url, undefined, fetcher)).status, url).toBe('blocked')
    }
    expect(fetcher.schedule.log).toEqual([])
  })
})

describe('politeness', () => {
  it('asks one host one thing at a time, at least a second apart, while other hosts go on', async () => {
    expect(DEFAULT_HOST_INTERVAL_MS).toBe(1_000)
    const page = html(() => htmlPage('<p>Страница</p>'))
    const busy = await site({'/a': page, '/b': page, '/c': page}, '127.0.0.1')
    const other = await site({'/x': page}, '127.0.0.2')
    const fetcher = fetcherFor([busy, other], {hostIntervalMs: DEFAULT_HOST_INTERVAL_MS})
    const started = performance.now()
    await Promise.all([
      ...['/a', '/b', '/c'].map((path) => checkSource(`${busy.origin}${path}`, undefined, fetcher)),
      checkSource(`${other.origin}/x`, undefined, fetcher),
    ])
    const elapsed = performance.now() - started
    // robots.txt + 3 pages on one host: 3 pauses of a second; the other host did not wait for it.
    expect(busy.requests.map((request) => request.path)).toEqual(['/robots.txt', '/a', '/b', '/c'])
    for (const [index, request] of busy.requests.entries()) {
      if (index === 0) continue
      const previous = busy.requests[index - 1]!
      expect(request.startedAt - previous.endedAt!, `pause before ${request.path}`).toBeGreaterThanOrEqual(990)
    }
    expect(elapsed).toBeGreaterThanOrEqual(2_990)
    expect(other.requests.at(-1)!.startedAt - started).toBeLessThan(2_000)
  })
})
