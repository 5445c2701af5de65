/**
 * `npm run bench`: figures, not verdicts. Everything runs on loopback, measured in the same run:
 *  (a) update latency: an editor's change through @sanity/client → signed webhook → the first
 *      response that shows it (p50/p95/max over BENCH_EDITS edits), on one instance (local files)
 *      and across two instances sharing Redis (webhook to A, reads on B);
 *  (b) throughput and latency of `next start` serving cached pages, and of a plain node:http
 *      server serving the same bytes, with their ratio;
 *  (c) load with change: BENCH_LOAD_SECONDS of 50 connections over a mix of reader pages while a
 *      signed webhook arrives every second: requests, errors, non-2xx, p99.
 */
import {spawn} from 'node:child_process'
import {existsSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import type {SanityClient} from '@sanity/client'
import autocannon from 'autocannon'
import {signWebhookBody} from '@/lib/webhook'
import {editorClient, startContentLake, type ContentLake} from '../tests/support/content-lake'
import {SEED_FILE} from '../tests/support/dataset'
import {hasRedisServer, startRedis} from '../tests/support/redis'
import {buildSite, freePort, startSite, TEST_SECRETS, type RunningSite} from '../tests/support/server'

/** The baseline: the same bytes from plain node:http, nothing else. */
const STATIC_SERVER = `
const body = require('fs').readFileSync(process.argv[1])
require('http').createServer((q, r) => { r.writeHead(200, {'content-type': 'text/html; charset=utf-8', 'content-length': body.length}); r.end(body) })
  .listen(Number(process.argv[2]), '127.0.0.1')`

async function waitFor(url: string) {
  for (let i = 0; i < 100; i++) {
    if (await fetch(url).then((r) => r.arrayBuffer().then(() => true), () => false)) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`${url} did not start`)
}

const EDITS = Number(process.env.BENCH_EDITS) || 30
const THROUGHPUT_SECONDS = Number(process.env.BENCH_SECONDS) || 10
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS) || 60
const CONNECTIONS = 50
const DIST = '.next-bench'

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}
const ms = (value: number) => `${value.toFixed(1)} ms`

async function cannon(url: string | string[], seconds: number, extra: Partial<autocannon.Options> = {}) {
  const urls = Array.isArray(url) ? url : [url]
  const base = new URL(urls[0]!)
  return autocannon({
    url: base.origin,
    connections: CONNECTIONS,
    duration: seconds,
    requests: urls.map((u) => ({method: 'GET', path: new URL(u).pathname + new URL(u).search})),
    ...extra,
  })
}

/**
 * Edits operator.kcell BENCH_EDITS + 1 times with the webhook going to `webhookSite`, and times
 * from the webhook leaving the Lake to the first response from `readSite` that shows the edit.
 * Edit 0 is the first after start, reported apart.
 */
async function updateLatency(lake: ContentLake, editor: SanityClient, webhookSite: RunningSite, readSite: RunningSite) {
  lake.webhook.url = `${webhookSite.url}/api/revalidate`
  for (const path of ['/en/operators/kcell', '/zh', '/en/compare']) await (await fetch(`${readSite.url}${path}`)).text()
  const latencies: number[] = []
  for (let i = 0; i <= EDITS; i++) {
    const marker = `Kcell JSC (edit ${i}-${Date.now()})`
    await editor.patch('operator.kcell').set({legalEntity: marker}).commit()
    const sent = lake.lastWebhookSentAt
    for (;;) {
      const response = await fetch(`${readSite.url}/en/operators/kcell`)
      const html = await response.text()
      if (html.includes(marker)) break
      if (performance.now() - sent > 10_000) {
        const shown = html.match(/Kcell JSC \(edit [^)]*\)/)?.[0]
        throw new Error(`edit ${i} not visible after 10 s (cache ${response.headers.get('x-nextjs-cache')}, page shows "${shown}"); server log:\n${readSite.logs().slice(-6000)}`)
      }
    }
    latencies.push(performance.now() - sent)
    await lake.webhooksSettled()
  }
  if (process.env.BENCH_VERBOSE) console.log(latencies.map((l) => l.toFixed(0)).join(' '))
  return {cold: latencies[0]!, warm: latencies.slice(1)}
}

const summary = ({cold, warm}: {cold: number; warm: number[]}) =>
  `p50 ${ms(percentile(warm, 50))}  p95 ${ms(percentile(warm, 95))}  max ${ms(Math.max(...warm))}   (first edit after start: ${ms(cold)})`

async function main() {
  console.log(`Node ${process.version}; ${CONNECTIONS} connections; loopback only\n`)
  const lake = await startContentLake({file: SEED_FILE, secret: TEST_SECRETS.SANITY_REVALIDATE_SECRET})
  const env = {
    SANITY_PROJECT_ID: 'bench',
    SANITY_API_HOST: lake.url,
    SANITY_REVALIDATE_SECRET: TEST_SECRETS.SANITY_REVALIDATE_SECRET,
  }
  // A fresh build of the current sources, unless asked to reuse the last one.
  if (!process.env.BENCH_REUSE_BUILD || !existsSync(`${DIST}/BUILD_ID`)) {
    const started = Date.now()
    await buildSite(env, DIST)
    console.log(`build against the local Content Lake: ${((Date.now() - started) / 1000).toFixed(1)} s`)
  }
  const site = await startSite({distDir: DIST, env})
  lake.webhook.url = `${site.url}/api/revalidate`
  const editor = editorClient(lake, 'kz-sim-guide-bench')

  try {
    // (a) Update latency, one instance
    const single = await updateLatency(lake, editor, site, site)
    console.log(`(a) update latency over ${EDITS} edits (webhook sent → first response showing the edit):`)
    console.log(`    one instance, local files    ${summary(single)}`)
    // …and across instances: the webhook goes to A, readers are on B.
    if (hasRedisServer()) {
      const redis = await startRedis()
      const [a, b] = await Promise.all([startSite({distDir: DIST, env: {...env, REDIS_URL: redis.url}}), startSite({distDir: DIST, env: {...env, REDIS_URL: redis.url}})])
      try {
        const across = await updateLatency(lake, editor, a, b)
        console.log(`    A → B, sharing Redis         ${summary(across)}`)
      } finally {
        await Promise.all([a.stop(), b.stop()])
        await redis.stop()
        lake.webhook.url = `${site.url}/api/revalidate`
      }
    } else {
      console.log('    A → B, sharing Redis         skipped: no redis-server (apt-get install redis-server)')
    }
    console.log('')

    // (b) Throughput: next start (cached) vs a plain static server with the same bytes
    console.log(`(b) cached pages, ${THROUGHPUT_SECONDS} s each:`)
    console.log('    page                     server        req/s      p50     p99   ratio')
    for (const path of ['/zh', '/en/operators/kcell']) {
      const body = Buffer.from(await (await fetch(`${site.url}${path}`)).arrayBuffer())
      // Its own process, like next start, so the load generator does not share its thread.
      const file = join(mkdtempSync(join(tmpdir(), 'kz-bench-')), 'page.html')
      writeFileSync(file, body)
      const port = await freePort()
      const plainServer = spawn(process.execPath, ['-e', STATIC_SERVER, file, String(port)], {stdio: 'ignore'})
      await waitFor(`http://127.0.0.1:${port}/`)
      const next = await cannon(`${site.url}${path}`, THROUGHPUT_SECONDS)
      const plain = await cannon(`http://127.0.0.1:${port}${path}`, THROUGHPUT_SECONDS)
      plainServer.kill()
      const row = (name: string, r: autocannon.Result) =>
        `${r.requests.average.toFixed(0).padStart(9)}  ${String(r.latency.p50).padStart(5)} ms ${String(r.latency.p99).padStart(4)} ms`
      console.log(`    ${path.padEnd(24)} next start ${row('next', next)}   ${(next.requests.average / plain.requests.average).toFixed(3)}`)
      console.log(`    ${''.padEnd(24)} node:http  ${row('static', plain)}   (${(body.length / 1024).toFixed(1)} KB page)`)
    }

    // (c) Load with change
    const mix = ['/zh', '/en', '/ru/operators/kcell', '/zh/operators/beeline', '/en/compare', '/kk/faq', '/en/checklist?operator=izi&location=abroad', '/zh/operators/activ'].map(
      (path) => `${site.url}${path}`,
    )
    let webhooks = 0
    let webhookFailures = 0
    const ticker = setInterval(async () => {
      const body = JSON.stringify({_id: 'policy.kcell', _type: 'policy', operator: 'kcell'})
      const response = await fetch(`${site.url}/api/revalidate`, {
        method: 'POST',
        headers: {'content-type': 'application/json', 'sanity-webhook-signature': await signWebhookBody(body, TEST_SECRETS.SANITY_REVALIDATE_SECRET)},
        body,
      }).catch(() => undefined)
      webhooks++
      if (!response?.ok) webhookFailures++
    }, 1000)
    const load = await cannon(mix, LOAD_SECONDS)
    clearInterval(ticker)
    console.log(`\n(c) load with change: ${LOAD_SECONDS} s, ${CONNECTIONS} connections, ${mix.length} reader pages, a signed webhook every second`)
    console.log(`    requests ${load.requests.total}  (${load.requests.average.toFixed(0)} req/s)  errors ${load.errors}  timeouts ${load.timeouts}  non-2xx ${load.non2xx}  p50 ${load.latency.p50} ms  p99 ${load.latency.p99} ms`)
    console.log(`    webhooks sent ${webhooks}, failed ${webhookFailures}`)
  } finally {
    await site.stop()
    await lake.stop()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
