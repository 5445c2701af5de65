import {spawn} from 'node:child_process'
import {copyFileSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {createServer} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {parseNdjson} from '@/lib/files.mjs'
import {sourceCitingDocumentsQuery} from '@/lib/content/queries'
import type {SourceCitingDocumentsQueryResult} from '@/lib/content/sanity.types'
import {sourceCheckId} from '@/lib/sources/check'
import {citedUrls} from '@/lib/sources/citations'
import {hostKey} from '@/lib/sources/politeness'
import {sourcesChangedSince} from '@/lib/sources/status'
import {startStudioBackend} from '@/sanity/local-backend'
import {recordsFileFor} from '@/sanity/local-backend/store'
import {runGroq, FIXTURE_FILE} from '../support/dataset'
import {freePort} from '../support/server'
import {html, htmlPage, robots, startPageServer, type PageServer} from '../support/source-pages'
import {validate} from '../support/validate'

/**
 * `npm run check-sources` as a scheduled job runs it, over every source the bundled dataset cites, each
 * host played by a stand-in on its own loopback address (127.0.0.2, 127.0.0.3, …) allowed by
 * SOURCE_CHECK_ALLOW, so hosts are checked side by side as they would be on the internet. With no
 * project, it records through a local backend over the dataset: one it starts itself, or the one
 * `npm start` runs. Prints the run time and what the run cost each host.
 */
type Run = {code: number | null; stdout: string; stderr: string; ms: number}

const dir = mkdtempSync(join(tmpdir(), 'kz-check-sources-'))
const dataset = join(dir, 'production.ndjson')
const servers: PageServer[] = []
/** The stand-in URL of each cited source, by its real URL. */
const standIn = new Map<string, string>()
/** How many sources the dataset cites. */
let cited = 0
const KCELL_DOCUMENTS = 'https://kcell.kz/kk/product/documents'
let kcellDocumentsText = 'Келісімшартты бұзу туралы өтініш. Жеке куәлік көшірмесі.'

/** A page of about the size of a real one: navigation, scripts, and paragraphs of text. */
const standInPage = (url: string) => () =>
  htmlPage(
    `<h1>${url}</h1>${url === KCELL_DOCUMENTS ? `<p>${kcellDocumentsText}</p>` : ''}` +
      Array.from({length: 40}, (_, index) => `<p>Paragraph ${index} of the stand-in for ${url}: ${'text '.repeat(60)}</p>`).join('\n'),
    {script: `window.__state = ${JSON.stringify({url, build: 'x'.repeat(2000)})}`},
  )

function runCli(args: string[], env: Record<string, string>): Promise<Run> {
  const started = performance.now()
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'check-sources', '--', ...args], {
      env: {...process.env, SANITY_PROJECT_ID: '', SITE_URL: 'https://kz-sim.example', CONTENT_DATASET_FILE: dataset, ...env},
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.once('error', reject)
    child.once('exit', (code) => resolve({code, stdout, stderr, ms: performance.now() - started}))
  })
}

const records = (file = dataset) => parseNdjson(readFileSync(recordsFileFor(file), 'utf8'), {file: 'records'})
const allowList = () => servers.map((server) => server.origin).join(',')

beforeAll(async () => {
  const urls = citedUrls(await runGroq<SourceCitingDocumentsQueryResult>(sourceCitingDocumentsQuery))
  cited = urls.length
  const hosts = [...new Set(urls.map((url) => new URL(url).host))].sort()
  // One address per site: kcell.kz and www.kcell.kz are two origins (two stand-ins, two robots.txt) on one machine.
  const sites = [...new Set(hosts.map(hostKey))]
  let text = readFileSync(FIXTURE_FILE, 'utf8')
  for (const host of hosts) {
    const paths = urls.filter((url) => new URL(url).host === host)
    const server = await startPageServer(`127.0.0.${sites.indexOf(hostKey(host)) + 2}`, {
      '/robots.txt': robots('User-agent: *\nDisallow: /admin/\n'),
      ...Object.fromEntries(paths.map((url) => [new URL(url).pathname, html(standInPage(url))])),
    })
    servers.push(server)
    for (const url of paths) standIn.set(url, `${server.origin}${new URL(url).pathname}`)
    text = text.replace(new RegExp(`https://${host.replace(/\./g, '\\.')}(?=[/"])`, 'g'), server.origin)
  }
  writeFileSync(dataset, text)
})
afterAll(() => Promise.all(servers.map((server) => server.stop())))

describe('npm run check-sources over the dataset’s sources', () => {
  it('records a baseline for every source, then reports a changed page within one run, with the policies that cite it', async () => {
    const port = await freePort()
    const env = {LOCAL_STUDIO_PORT: String(port), SOURCE_CHECK_ALLOW: allowList()}
    const first = await runCli(['--fail-on-change'], env)
    expect(first.stderr).toBe('')
    expect(first.code, first.stdout).toBe(0)
    expect(first.stdout).toContain(`Recording results in a local backend started for this run (http://localhost:${port})`)
    expect(first.stdout).toContain(`[${cited}/${cited}]`)
    expect(first.stdout).toContain(`changed: 0, moved: 0, unreachable: 0, blocked: 0, unchanged: ${cited}`)
    const baseline = records()
    expect(baseline).toHaveLength(cited)
    expect(baseline.every((record) => record._type === 'sourceCheck' && record.status === 'unchanged' && record.baselineAt)).toBe(true)

    kcellDocumentsText = 'Келісімшартты бұзу туралы өтініш тек онлайн қабылданады.'
    const secondStarted = performance.now()
    const second = await runCli(['--fail-on-change'], env)
    expect(second.code, second.stdout).toBe(1)
    const url = standIn.get(KCELL_DOCUMENTS)!
    expect(second.stdout).toMatch(new RegExp(`^\\[\\s*\\d+/${cited}\\] changed\\s+200\\s+${url.replace(/[.]/g, '\\.')}$`, 'm'))
    const row = second.stdout.split('\n').find((line) => line.startsWith('changed ') && line.includes(url))!
    for (const citing of ['policy.kcell', 'policy.activ', 'faq.where-to-cancel', 'faq.which-id']) expect(row).toContain(citing)
    expect(second.stdout).toContain(`changed: 1, moved: 0, unreachable: 0, blocked: 0, unchanged: ${cited - 1}`)
    expect(second.stdout).toContain('1 need an editor')

    // In the dataset's records, where the Studio reads it.
    const changed = records().find((record) => record._id === sourceCheckId(url))!
    expect(changed).toMatchObject({url, status: 'changed', httpStatus: 200})
    expect(changed.excerpt).toBe(
      '- Келісімшартты бұзу туралы өтініш. Жеке куәлік көшірмесі.\n+ Келісімшартты бұзу туралы өтініш тек онлайн қабылданады.',
    )
    // The policy that cites it now warns its editor, until it is verified again.
    const written = parseNdjson(readFileSync(dataset, 'utf8'))
    const policy = written.find((doc) => doc._id === 'policy.kcell')!
    const checks = records().map((record) => ({
      url: String(record.url),
      status: String(record.status),
      changedAt: (record.changedAt as string) ?? null,
    }))
    expect(sourcesChangedSince(policy, policy.verifiedAt as string, checks).map((check) => check.url)).toEqual([url])
    const warnings = await validate(policy, [...written, ...records()], {editorialWarnings: true})
    expect(warnings).toContainEqual({path: 'verifiedAt', message: expect.stringContaining(url)})
    const today = new Date().toISOString().slice(0, 10)
    expect(
      (await validate({...policy, verifiedAt: today}, [...written, ...records()], {editorialWarnings: true})).map((w) => w.message).join(),
    ).not.toContain(url)

    // What it cost: the run time, and requests per host with the pauses between them.
    const stoodInFor = new Map<string, string[]>()
    for (const [real, local] of standIn)
      stoodInFor.set(new URL(local).hostname, [...new Set([...(stoodInFor.get(new URL(local).hostname) ?? []), new URL(real).host])])
    const cost = second.stdout
      .slice(second.stdout.indexOf('Requests per site'))
      .replace(
        /^( {2})(127\.0\.0\.\d+)( +)/gm,
        (_line, indent: string, address: string) => `${indent}${(stoodInFor.get(address) ?? [address]).join(' + ').padEnd(32)} `,
      )
    console.log(
      `check-sources over the dataset's ${cited} sources against local stand-ins: first run ${(first.ms / 1000).toFixed(1)} s, second ${(second.ms / 1000).toFixed(1)} s (wall, with npm and tsx start-up)\n${cost}`,
    )
    for (const server of servers) {
      // Each run reads robots.txt once, first, then each page once.
      const pages = [...standIn.values()]
        .filter((url) => url.startsWith(`${server.origin}/`))
        .map((url) => new URL(url).pathname)
        .sort()
      const inRun = (second: boolean) =>
        server.requests.filter((request) => request.startedAt >= secondStarted === second).map((request) => request.path)
      expect([inRun(false), inRun(true)], server.origin).toEqual([
        ['/robots.txt', ...pages],
        ['/robots.txt', ...pages],
      ])
    }
    // One request at a time per machine, at least a second apart. Measured from start to start, as
    // the stand-in saw them: the checker waits a second after a response has reached it, which is
    // after the stand-in began answering, so the stand-in's gaps hold however late a busy machine
    // lets it note when it finished sending.
    for (const host of new Set(servers.map((server) => server.host))) {
      const requests = servers
        .filter((server) => server.host === host)
        .flatMap((server) => server.requests)
        .sort((a, b) => a.startedAt - b.startedAt)
      for (const [index, request] of requests.entries()) {
        const previous = requests[index - 1]
        if (!previous || request.startedAt >= secondStarted !== previous.startedAt >= secondStarted) continue
        expect(request.startedAt, `${host}: one at a time`).toBeGreaterThanOrEqual(previous.endedAt!)
        expect(request.startedAt - previous.startedAt, host).toBeGreaterThanOrEqual(990)
      }
    }
  })

  it('writes through the local backend npm start runs, rather than start a second writer over the same file', async () => {
    const file = join(dir, 'studio.ndjson')
    copyFileSync(dataset, file)
    const port = await freePort()
    const backend = await startStudioBackend({file, port, siteOrigins: []})
    // A check of a page the content cited once, and no longer does.
    const gone = 'https://example.com/no-longer-cited'
    await backend.commit([
      {create: {_id: sourceCheckId(gone), _type: 'sourceCheck', url: gone, status: 'unchanged', checkedAt: new Date().toISOString()}},
    ])
    try {
      const run = await runCli([], {LOCAL_STUDIO_PORT: String(port), SOURCE_CHECK_ALLOW: allowList(), CONTENT_DATASET_FILE: file})
      expect(run.code, run.stdout + run.stderr).toBe(0)
      expect(run.stdout).toContain(`Recording results in the local backend npm start runs (https://localhost:${port})`)
      expect(run.stdout).toContain(`Removed the checks of 1 no longer cited: ${gone}`)
      expect(backend.store.get(sourceCheckId(gone))).toBeUndefined()
      expect(backend.store.all().filter((doc) => doc._type === 'sourceCheck')).toHaveLength(cited)
      expect(records(file)).toHaveLength(cited)
    } finally {
      await backend.stop()
    }
  })

  it('stops, and says why, when something else holds the local backend’s port', async () => {
    // The checker only connects and leaves: the reset that follows is expected.
    const squatter = createServer((socket) => socket.on('error', () => {}).end('HTTP/1.1 200 OK\r\n\r\nnot sanity'))
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve))
    const port = (squatter.address() as {port: number}).port
    try {
      const run = await runCli(['--fail-on-change'], {LOCAL_STUDIO_PORT: String(port)})
      expect(run.code).toBe(2)
      expect(run.stderr).toContain(`Port ${port} (LOCAL_STUDIO_PORT) is taken by something that is not the local backend`)
    } finally {
      squatter.close()
    }
  })

  it('refuses a malformed allow list, and a project without a write token', async () => {
    const badAllow = await runCli([], {SOURCE_CHECK_ALLOW: 'http://127.0.0.1'})
    expect(badAllow.code).toBe(2)
    expect(badAllow.stderr).toContain('SOURCE_CHECK_ALLOW: "http://127.0.0.1" is not an origin written as scheme://host:port')
    const noToken = await runCli([], {SANITY_PROJECT_ID: 'abc123', SANITY_API_WRITE_TOKEN: ''})
    expect(noToken.code).toBe(2)
    expect(noToken.stderr).toContain('SANITY_API_WRITE_TOKEN is not')
    const unknown = await runCli(['--fial-on-change'], {})
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('Usage: npm run check-sources')
  })
})
