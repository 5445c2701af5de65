#!/usr/bin/env node
// Readers' traffic through a running fleet's caching proxy (127.0.0.1:FLEET_PORT) while something
// happens to it, and what every request got: `node scripts/fleet-load.mjs roll` runs
// `npm run fleet:roll` under load; `node scripts/fleet-load.mjs kill` kills one instance with
// SIGKILL and waits until the proxy's probe has taken it out. Prints the counts: a figure, never a
// pass or fail (docs/deploy.md, "Measured").
import {spawn} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'
import autocannon from 'autocannon'
import {addressOf, containers, engine, output, PROXY_WORK_DIR} from './fleet.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const port = process.env.FLEET_PORT || '8080'
const what = process.argv[2]
if (what !== 'roll' && what !== 'kill') {
  console.error('usage: node scripts/fleet-load.mjs roll|kill')
  process.exit(2)
}

// The bundled dataset's first operator, for its page and its report form's thank-you page.
const slug = readFileSync(join(root, 'sanity/seed/production.ndjson'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line))
  .filter((doc) => doc._type === 'operator' && !doc._id.startsWith('drafts.') && doc.slug?.current)
  .map((doc) => doc.slug.current)
  .sort()[0]
const cached = ['/en', '/zh', `/ru/operators/${slug}`, '/kk/faq', '/en/compare', `/en/operators/${slug}/report-received`]
const passed = [`/en/checklist?operator=${slug}`, '/', '/api/health']
const paths = [...Array.from({length: 8}, () => cached).flat(), ...passed]

const answers = []
const load = autocannon({
  url: `http://127.0.0.1:${port}`,
  connections: 40,
  overallRate: 100,
  timeout: 30,
  duration: 900,
  requests: paths.map((path) => ({method: 'GET', path})),
})
load.on('response', (_client, status) => answers.push({at: Date.now(), status}))
load.on('reqError', () => answers.push({at: Date.now(), status: 0}))
const started = Date.now()
const settle = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
await settle(5_000)

const [proxy] = containers('caching-proxy')

let event = Date.now()
let noticed
if (what === 'roll') {
  await new Promise((resolve) => spawn('npm', ['run', 'fleet:roll'], {cwd: root, stdio: 'inherit'}).on('exit', resolve))
} else {
  const [victim] = containers('site')
  const address = addressOf(victim)
  // Watched from inside the proxy's container, every 0.1 s, from before the kill: a `varnishadm`
  // from the host takes too long a round trip to time the probe.
  const backend = `ready_${address.replace(/[^A-Za-z0-9]/g, '_')}_3000`
  const admin = `varnishadm -n ${PROXY_WORK_DIR}`
  const watch = `while :; do vcl=$(${admin} vcl.list | awk '/^active/ {print $NF}'); ${admin} backend.list | grep -q "^$vcl.${backend} .*healthy" || break; sleep 0.1; done`
  const watching = new Promise((resolve) => spawn(engine, ['exec', proxy, 'sh', '-c', watch], {stdio: 'ignore'}).on('exit', resolve))
  await settle(1_000)
  event = Date.now()
  output(['kill', '--signal', 'KILL', victim])
  await watching
  noticed = Date.now()
  console.log(`killed ${victim} (${address}); the probe took it out ${((noticed - event) / 1000).toFixed(1)} s later`)
}
await settle(10_000)
load.stop()
const result = await load
const seconds = (Date.now() - started) / 1000
const failed = answers.filter(({status}) => status === 0 || status >= 500)
const statuses = Object.entries(result.statusCodeStats)
  .map(([status, {count}]) => `${status}: ${count}`)
  .join(', ')
console.log(
  `${what} under load: ${result.requests.total} requests in ${seconds.toFixed(1)} s (${(result.requests.total / seconds).toFixed(0)}/s; ${statuses}), ` +
    `${failed.length} failed (${result.errors} errors, ${result.timeouts} timeouts)` +
    (noticed ? `, ${failed.filter(({at}) => at > noticed).length} of them after the probe noticed` : ''),
)
