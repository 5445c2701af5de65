#!/usr/bin/env node
// `npm run audit`: Lighthouse (mobile, simulated throttling) with Debian's Chromium on four
// reader pages of a production build, each beside the same HTML with its scripts removed, served by
// the same server. Rounds are interleaved so both columns see the same machine load; medians are
// printed with Lighthouse's benchmarkIndex of this machine.
//
//   npm run audit                          3 rounds (AUDIT_ROUNDS=5 for more)
//   NEXT_DIST_DIR=.next-x npm run audit    audit another build directory
//   AUDIT_THROTTLING=devtools npm run audit   throttle the real load instead of simulating it
import {spawn, spawnSync} from 'node:child_process'
import {existsSync, mkdtempSync, rmSync} from 'node:fs'
import {createServer, request} from 'node:http'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {gzipSync} from 'node:zlib'
import lighthouse from 'lighthouse'

process.env.NEXT_TELEMETRY_DISABLED = '1'
const chromePath = process.env.CHROME_PATH || '/usr/bin/chromium'
if (!existsSync(chromePath)) {
  console.error(`No Chromium at ${chromePath}: apt-get install -y chromium (or set CHROME_PATH).`)
  process.exit(1)
}
const distDir = process.env.NEXT_DIST_DIR || '.next'
const rounds = Math.max(1, Number(process.env.AUDIT_ROUNDS) || 3)
// Lighthouse's default, simulated throttling; AUDIT_THROTTLING=devtools applies the same limits to the real load instead.
const throttlingMethod = process.env.AUDIT_THROTTLING === 'devtools' ? 'devtools' : 'simulate'
const pages = [
  ['home', '/en'],
  ['operator', '/en/operators/kcell'],
  ['checklist', '/en/checklist?operator=kcell&plan=prepaid&sim=physical&location=kz'],
  ['faq', '/en/faq'],
]
/** Done when, for each page: performance within 5 points and LCP within 300 ms of the script-less copy. */
const MAX_SCORE_GAP = 5
const MAX_LCP_GAP_MS = 300

// Audit a build of the site as readers get it, not the one `npm test` made with test values.
if (!existsSync(join(distDir, 'BUILD_ID')) || existsSync(join(distDir, 'TEST_BUILD'))) {
  const build = spawnSync('npx', ['next', 'build'], {stdio: 'inherit'})
  if (build.status !== 0) process.exit(build.status ?? 1)
}

const freePort = () =>
  new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const {port} = probe.address()
      probe.close(() => resolve(port))
    })
  })

const nextPort = await freePort()
const server = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', String(nextPort), '-H', '127.0.0.1'], {
  detached: true,
  stdio: 'ignore',
})
const nextBase = `http://127.0.0.1:${nextPort}`
for (
  let i = 0;
  i < 300 &&
  !(await fetch(`${nextBase}/api/health`).then(
    () => true,
    () => false,
  ));
  i++
)
  await new Promise((r) => setTimeout(r, 100))

/**
 * Both columns go through this one front server. `/_scriptless/<path>` answers the page at <path>
 * with every executable <script> and script preload removed (JSON-LD stays: it is data), with the
 * same headers and compression; everything else is passed through untouched.
 */
const SCRIPTLESS = '/_scriptless'
const withoutScripts = (html) =>
  html
    .replace(/<script\b(?![^>]*type="application\/ld\+json")[^>]*>[\s\S]*?<\/script>/g, '')
    .replace(/<link\b(?=[^>]*\brel="preload")(?=[^>]*\bas="script")[^>]*>/g, '')
    .replace(/<link\b(?=[^>]*\brel="modulepreload")[^>]*>/g, '')
const front = createServer((req, res) => {
  const scriptless = req.url.startsWith(`${SCRIPTLESS}/`)
  const path = scriptless ? req.url.slice(SCRIPTLESS.length) : req.url
  const headers = {...req.headers, host: `127.0.0.1:${nextPort}`}
  if (scriptless) headers['accept-encoding'] = 'identity'
  const upstream = request({host: '127.0.0.1', port: nextPort, path, method: req.method, headers}, (answer) => {
    // Hop-by-hop headers belong to the upstream connection, not to this one.
    const {connection: _connection, 'keep-alive': _keepAlive, 'transfer-encoding': _transferEncoding, ...endToEnd} = answer.headers
    if (!scriptless || !String(answer.headers['content-type']).startsWith('text/html')) {
      res.writeHead(answer.statusCode, endToEnd)
      answer.pipe(res)
      return
    }
    const chunks = []
    answer.on('data', (chunk) => chunks.push(chunk))
    answer.on('end', () => {
      let body = Buffer.from(withoutScripts(Buffer.concat(chunks).toString('utf8')))
      const out = {...endToEnd}
      delete out['content-length']
      delete out.etag
      if (/\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
        body = gzipSync(body)
        out['content-encoding'] = 'gzip'
      }
      out['content-length'] = String(body.length)
      res.writeHead(answer.statusCode, out)
      res.end(body)
    })
  })
  upstream.on('error', () => res.writeHead(502).end())
  req.pipe(upstream)
})
const frontPort = await freePort()
await new Promise((resolve) => front.listen(frontPort, '127.0.0.1', resolve))
const base = `http://127.0.0.1:${frontPort}`

/** Chromium with a DevTools port of its own choosing, read from its first line of output. */
const profile = mkdtempSync(join(tmpdir(), 'audit-chromium-'))
const chrome = spawn(
  chromePath,
  [
    '--headless',
    '--remote-debugging-port=0',
    `--user-data-dir=${profile}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    'about:blank',
  ],
  {stdio: ['ignore', 'ignore', 'pipe']},
)
const chromePort = await new Promise((resolve, reject) => {
  let output = ''
  chrome.stderr.on('data', (chunk) => {
    output += chunk
    const match = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(output)
    if (match) resolve(Number(match[1]))
  })
  chrome.once('exit', (code) => reject(new Error(`Chromium exited (${code}):\n${output}`)))
})

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}
const score = (category) => Math.round(category.score * 100)

/**
 * Of the page's own scripts (`/_next/`): how many the unthrottled load had downloaded, and how many
 * it had run, before its first paint. Simulated throttling replays that load on a slow phone and
 * charges to LCP every script downloaded before the paint, unless it ran after the paint in a task
 * of 10 ms or more (shorter tasks are pruned from its graph, so nothing clears their scripts). On
 * loopback the runtime is always downloaded first: that is the gap to the script-less copy.
 */
function scriptsBeforePaint(traceEvents) {
  const paint = traceEvents.find((event) => event.name === 'firstContentfulPaint')?.ts ?? Infinity
  const own = (url) => /\/_next\/static\/.*\.js/.test(url ?? '')
  const urls = new Map(
    traceEvents
      .filter((event) => event.name === 'ResourceSendRequest' && own(event.args?.data?.url))
      .map((event) => [event.args.data.requestId, event.args.data.url]),
  )
  const downloaded = traceEvents.filter(
    (event) => event.name === 'ResourceFinish' && urls.has(event.args?.data?.requestId) && event.args.data.finishTime * 1e6 < paint,
  )
  const ran = traceEvents.filter((event) => event.name === 'EvaluateScript' && own(event.args?.data?.url) && event.ts < paint)
  return {
    downloaded: new Set(downloaded.map((event) => event.args.data.requestId)).size,
    ran: new Set(ran.map((event) => event.args.data.url)).size,
    of: urls.size,
  }
}

async function audit(url, categories) {
  const run = () => lighthouse(url, {port: chromePort, output: 'json', logLevel: 'error', onlyCategories: categories, throttlingMethod})
  let {lhr, artifacts} = await run()
  // A run Chromium could not finish (e.g. no paint recorded under load) is retried once, not counted.
  if (lhr.runtimeError) ({lhr, artifacts} = await run())
  if (lhr.runtimeError) throw new Error(`Lighthouse could not audit ${url}: ${lhr.runtimeError.message}`)
  const requests = lhr.audits['network-requests'].details?.items ?? []
  const bytes = (type) => requests.filter((item) => item.resourceType === type).reduce((sum, item) => sum + item.transferSize, 0)
  // The audits behind accessibility, best practices and SEO that did not pass, to say why a score fell.
  const failing = ['accessibility', 'best-practices', 'seo']
    .flatMap((id) => lhr.categories[id]?.auditRefs ?? [])
    .map((ref) => lhr.audits[ref.id])
    .filter((audit) => audit.score !== null && audit.score < 1 && ['binary', 'numeric'].includes(audit.scoreDisplayMode))
  return {
    perf: score(lhr.categories.performance),
    fcp: lhr.audits['first-contentful-paint'].numericValue,
    lcp: lhr.audits['largest-contentful-paint'].numericValue,
    tbt: lhr.audits['total-blocking-time'].numericValue,
    others: ['accessibility', 'best-practices', 'seo'].filter((id) => lhr.categories[id]).map((id) => score(lhr.categories[id])),
    htmlBytes: bytes('Document'),
    jsBytes: bytes('Script'),
    benchmarkIndex: lhr.environment.benchmarkIndex,
    scripts: scriptsBeforePaint(artifacts.Trace.traceEvents),
    failing,
  }
}

const results = new Map(pages.map(([name]) => [name, {served: [], scriptless: []}]))
let exitCode = 0
try {
  // Warm the cache (readers get cached pages); check the served page has scripts and its copy none.
  for (const [, path] of pages) {
    const [served, scriptless] = await Promise.all(
      [`${base}${path}`, `${base}${SCRIPTLESS}${path}`].map((url) => fetch(url).then((r) => r.text())),
    )
    if (!/<script\b[^>]*\bsrc=/.test(served) || /<script\b(?![^>]*application\/ld\+json)/.test(scriptless))
      throw new Error(`${path}: the script-less copy is not the page without its scripts`)
  }
  for (let round = 1; round <= rounds; round++) {
    for (const [name, path] of pages) {
      // Alternate which column goes first, so neither always follows the other.
      const order = round % 2 ? ['served', 'scriptless'] : ['scriptless', 'served']
      for (const column of order) {
        const url = column === 'served' ? `${base}${path}` : `${base}${SCRIPTLESS}${path}`
        const result = await audit(url, column === 'served' ? ['performance', 'accessibility', 'best-practices', 'seo'] : ['performance'])
        results.get(name)[column].push(result)
        console.log(
          `round ${round} ${name.padEnd(9)} ${column.padEnd(10)} perf ${String(result.perf).padStart(3)}  FCP ${Math.round(result.fcp)} ms  LCP ${Math.round(result.lcp)} ms  TBT ${Math.round(result.tbt)} ms${result.scripts.of > 0 ? `  scripts before the paint: downloaded ${result.scripts.downloaded}/${result.scripts.of}, run ${result.scripts.ran}/${result.scripts.of}` : ''}`,
        )
      }
    }
  }

  const all = [...results.values()].flatMap(({served, scriptless}) => [...served, ...scriptless])
  console.log(
    `\nLighthouse benchmarkIndex of this machine: median ${Math.round(median(all.map((r) => r.benchmarkIndex)))} (${Math.round(Math.min(...all.map((r) => r.benchmarkIndex)))}–${Math.round(Math.max(...all.map((r) => r.benchmarkIndex)))}), ${rounds} rounds, ${throttlingMethod} throttling, medians below`,
  )
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`
  console.log(
    `\n${'page'.padEnd(10)} ${'as served: perf, LCP, TBT'.padEnd(28)} ${'without scripts: perf, LCP, TBT'.padEnd(32)} a11y best  seo  HTML gz   JS gz`,
  )
  for (const [name, path] of pages) {
    const {served, scriptless} = results.get(name)
    const column = (runs) =>
      `${String(median(runs.map((r) => r.perf))).padStart(3)}, ${(median(runs.map((r) => r.lcp)) / 1000).toFixed(2)} s, ${(median(runs.map((r) => r.tbt)) / 1000).toFixed(2)} s`
    const others = [0, 1, 2].map((i) => String(Math.min(...served.map((r) => r.others[i]))).padStart(4))
    console.log(
      `${name.padEnd(10)} ${column(served).padEnd(28)} ${column(scriptless).padEnd(32)} ${others.join(' ')} ${kb(median(served.map((r) => r.htmlBytes))).padStart(8)} ${kb(median(served.map((r) => r.jsBytes))).padStart(8)}`,
    )
    const scoreGap = median(scriptless.map((r) => r.perf)) - median(served.map((r) => r.perf))
    const lcpGap = median(served.map((r) => r.lcp)) - median(scriptless.map((r) => r.lcp))
    const problems = []
    if (scoreGap > MAX_SCORE_GAP) problems.push(`performance ${scoreGap} points below the script-less copy`)
    if (lcpGap > MAX_LCP_GAP_MS) problems.push(`LCP ${Math.round(lcpGap)} ms later than the script-less copy`)
    if (others.some((value) => Number(value) < 100)) problems.push('accessibility, best practices or SEO below 100')
    for (const audit of new Map(served.flatMap((r) => r.failing).map((audit) => [audit.id, audit])).values()) {
      problems.push(`${audit.id}: ${audit.displayValue || audit.title}`)
    }
    if (problems.length > 0) exitCode = 1
    for (const problem of problems) console.log(`    - ${path}: ${problem}`)
  }
  console.log(`\n(HTML and JS: bytes transferred, gzipped, for the page as served.)`)
} finally {
  chrome.kill('SIGTERM')
  await new Promise((resolve) => (chrome.exitCode !== null ? resolve() : chrome.once('exit', resolve)))
  rmSync(profile, {recursive: true, force: true})
  front.close()
  process.kill(-server.pid, 'SIGTERM')
}
process.exit(exitCode)
