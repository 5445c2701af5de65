/**
 * `npm run bench`: figures, not verdicts. Everything runs on loopback, measured in the same run:
 *  (a) update latency: an editor's change through @sanity/client → signed webhook → the first
 *      response that shows it (p50/p95/max over BENCH_EDITS edits), on one instance (local files)
 *      and across two instances sharing Redis (webhook to A, reads on B);
 *  (b) throughput and latency of `next start` serving cached pages, and of nginx serving the
 *      same bytes as static files (the baseline), with their ratio;
 *  (c) load with change: BENCH_LOAD_SECONDS of 50 connections over a mix of reader pages while a
 *      signed webhook arrives every second: requests, errors, non-2xx, p99.
 * And the caching proxy (npm run caching-proxy, Varnish) in front of the same `next start`:
 *  (a) update latency through the proxy; (b) its throughput beside `next start` alone and nginx
 *  serving the same bytes as static files; (d) BENCH_LOAD_SECONDS of load through it while an
 *  edit is published every second, counting errors and stale responses after a webhook answered.
 */
import {existsSync} from 'node:fs'
import type {SanityClient} from '@sanity/client'
import autocannon from 'autocannon'
import {signWebhookBody} from '@/lib/content/webhook/signature'
import {editorClient, startContentLake, type ContentLake} from '../tests/support/content-lake'
import {FIXTURE_FILE} from '../tests/support/dataset'
import {hasRedisServer, startRedis} from '../tests/support/redis'
import {hasVarnish, startCachingProxy} from '../tests/support/caching-proxy'
import {freePort, startSite, TEST_SECRETS, TEST_SITE_URL, type RunningSite} from '../tests/support/server'
import {nextBuild} from '../scripts/runtime.mjs'
import {loadWithEdits} from './fresh-load'
import {NGINX, startStaticNginx} from './static-nginx'

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
async function updateLatency(
  lake: ContentLake,
  editor: SanityClient,
  webhookSite: RunningSite,
  readSite: Pick<RunningSite, 'url' | 'logs'>,
) {
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
        throw new Error(
          `edit ${i} not visible after 10 s (cache ${response.headers.get('x-nextjs-cache') ?? response.headers.get('x-cache')}, page shows "${shown}"); log:\n${readSite.logs().slice(-6000)}`,
        )
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
  const lake = await startContentLake({file: FIXTURE_FILE, secret: TEST_SECRETS.SANITY_REVALIDATE_SECRET})
  const env = {
    SANITY_PROJECT_ID: 'bench',
    SANITY_API_HOST: lake.url,
    SANITY_REVALIDATE_SECRET: TEST_SECRETS.SANITY_REVALIDATE_SECRET,
  }
  // A fresh build of the current sources, unless asked to reuse the last one.
  if (!process.env.BENCH_REUSE_BUILD || !existsSync(`${DIST}/BUILD_ID`)) {
    const started = Date.now()
    if (!nextBuild({...env, NEXT_DIST_DIR: DIST, SITE_URL: TEST_SITE_URL, NEXT_SKIP_TYPECHECK: '1'})) throw new Error('next build failed')
    console.log(`build against the local Content Lake: ${((Date.now() - started) / 1000).toFixed(1)} s`)
  }
  // The proxy first, on a port the site is about to take, so the site knows where to purge.
  const sitePort = await freePort()
  const proxy = hasVarnish() ? await startCachingProxy(`http://127.0.0.1:${sitePort}`, {SITE_URL: TEST_SITE_URL}) : undefined
  const site = await startSite({distDir: DIST, port: sitePort, env: proxy ? {...env, PROXY_PURGE_URL: proxy.purgeUrl} : env})
  lake.webhook.url = `${site.url}/api/revalidate`
  const editor = editorClient(lake, 'kz-sim-guide-bench')

  try {
    // (a) Update latency, one instance
    const single = await updateLatency(lake, editor, site, site)
    console.log(`(a) update latency over ${EDITS} edits (webhook sent → first response showing the edit):`)
    console.log(`    one instance, local files    ${summary(single)}`)
    if (proxy) console.log(`    through the caching proxy    ${summary(await updateLatency(lake, editor, site, proxy))}`)
    else console.log('    through the caching proxy    skipped: no varnishd (apt-get install varnish varnish-modules)')
    // …and across instances: the webhook goes to A, readers are on B.
    if (hasRedisServer()) {
      const redis = await startRedis()
      const [a, b] = await Promise.all([
        startSite({distDir: DIST, env: {...env, REDIS_URL: redis.url}}),
        startSite({distDir: DIST, env: {...env, REDIS_URL: redis.url}}),
      ])
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

    // (b) Throughput: next start alone, the proxy in front of it, and nginx serving the same bytes
    // as static files (the baseline). Each server is its own process: the load generator does not share its thread.
    console.log(`(b) cached pages, ${THROUGHPUT_SECONDS} s each, ratio to nginx serving the same bytes as files:`)
    console.log('    page                     server            req/s      p50     p99   ratio')
    const paths = ['/zh', '/en/operators/kcell']
    const pages = new Map<string, Buffer>()
    for (const path of paths) pages.set(path, Buffer.from(await (await fetch(`${site.url}${path}`)).arrayBuffer()))
    const nginx = existsSync(NGINX) ? await startStaticNginx(pages) : undefined
    const row = (server: string, r: autocannon.Result, baseline?: autocannon.Result) =>
      `${server.padEnd(14)} ${r.requests.average.toFixed(0).padStart(9)}  ${String(r.latency.p50).padStart(5)} ms ${String(r.latency.p99).padStart(4)} ms   ${
        baseline ? (r.requests.average / baseline.requests.average).toFixed(3) : ''
      }${r.errors + r.non2xx > 0 ? `  (${r.errors} errors, ${r.non2xx} non-2xx)` : ''}`
    const ratios: string[] = []
    try {
      for (const path of paths) {
        const baseline = nginx ? await cannon(`${nginx.url}${path}`, THROUGHPUT_SECONDS) : undefined
        if (proxy) for (let i = 0; i < 3; i++) await (await fetch(`${proxy.url}${path}`)).arrayBuffer()
        const proxied = proxy ? await cannon(`${proxy.url}${path}`, THROUGHPUT_SECONDS) : undefined
        const next = await cannon(`${site.url}${path}`, THROUGHPUT_SECONDS)
        const size = `${(pages.get(path)!.length / 1024).toFixed(1)} KB page`
        console.log(
          `    ${path.padEnd(24)} ${baseline ? row('nginx static', baseline, baseline) : 'nginx static   skipped: no nginx (apt-get install nginx-light)'}   (${size})`,
        )
        console.log(`    ${''.padEnd(24)} ${proxied ? row('proxy', proxied, baseline) : 'proxy          skipped: no varnishd'}`)
        console.log(`    ${''.padEnd(24)} ${row('next start', next, baseline)}`)
        if (proxied) ratios.push(`${path}: proxy / next start ${(proxied.requests.average / next.requests.average).toFixed(2)}`)
      }
    } finally {
      await nginx?.stop()
    }
    if (ratios.length) console.log(`    ${ratios.join(';  ')}`)

    // (c) Load with change
    const mix = [
      '/zh',
      '/en',
      '/ru/operators/kcell',
      '/zh/operators/beeline',
      '/en/compare',
      '/kk/faq',
      '/en/checklist?operator=izi&location=abroad',
      '/zh/operators/activ',
    ].map((path) => `${site.url}${path}`)
    let webhooks = 0
    let webhookFailures = 0
    const ticker = setInterval(async () => {
      const body = JSON.stringify({_id: 'policy.kcell', _type: 'policy', operator: 'kcell'})
      const response = await fetch(`${site.url}/api/revalidate`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'sanity-webhook-signature': await signWebhookBody(body, TEST_SECRETS.SANITY_REVALIDATE_SECRET),
        },
        body,
      }).catch(() => undefined)
      webhooks++
      if (!response?.ok) webhookFailures++
    }, 1000)
    const load = await cannon(mix, LOAD_SECONDS)
    clearInterval(ticker)
    console.log(
      `\n(c) load with change: ${LOAD_SECONDS} s, ${CONNECTIONS} connections, ${mix.length} reader pages, a signed webhook every second`,
    )
    console.log(
      `    requests ${load.requests.total}  (${load.requests.average.toFixed(0)} req/s)  errors ${load.errors}  timeouts ${load.timeouts}  non-2xx ${load.non2xx}  p50 ${load.latency.p50} ms  p99 ${load.latency.p99} ms`,
    )
    console.log(`    webhooks sent ${webhooks}, failed ${webhookFailures}`)

    // (d) Load through the proxy while an edit is published every second: each response is checked.
    if (proxy) {
      await new Promise((resolve) => setTimeout(resolve, 1000))
      const edited = ['/en/operators/kcell', '/zh/operators/kcell']
      const loadPaths = [
        ...edited,
        '/zh',
        '/en',
        '/en/compare',
        '/kk/faq',
        '/en/checklist?operator=izi&location=abroad',
        '/ru/operators/beeline',
      ]
      const load = await loadWithEdits({
        url: proxy.url,
        paths: loadPaths,
        seconds: LOAD_SECONDS,
        connections: CONNECTIONS,
        async edit(n) {
          await editor
            .patch('operator.kcell')
            .set({legalEntity: `Kcell JSC (load ${n})`})
            .commit()
          await lake.webhooksSettled()
        },
        shownEdit: (path, html) => (edited.includes(path) ? Number(html.match(/Kcell JSC \(load (\d+)\)/)?.[1] ?? 0) : undefined),
      })
      console.log(
        `\n(d) through the proxy: ${LOAD_SECONDS} s, ${CONNECTIONS} connections, ${loadPaths.length} reader pages, an edit published every second`,
      )
      console.log(
        `    requests ${load.requests}  (${(load.requests / LOAD_SECONDS).toFixed(0)} req/s)  errors ${load.errors}  p50 ${ms(percentile(load.latencies, 50))}  p99 ${ms(percentile(load.latencies, 99))}`,
      )
      console.log(
        `    edits ${load.edits} (failed ${load.editFailures}); responses checked for the edited field ${load.checked}, stale after the webhook answered ${load.stale}`,
      )
    } else {
      console.log('\n(d) through the proxy: skipped: no varnishd (apt-get install varnish varnish-modules)')
    }
  } finally {
    await site.stop()
    await proxy?.close()
    await lake.stop()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
