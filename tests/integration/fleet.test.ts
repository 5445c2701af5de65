import {execFile} from 'node:child_process'
import {promisify} from 'node:util'
import autocannon from 'autocannon'
import {afterAll, beforeAll, expect, it} from 'vitest'
import {loadInstances} from '@/scripts/caching-proxy.mjs'
import {startCachingProxy, VARNISHADM, type RunningCachingProxy} from '../support/caching-proxy'
import {runGroq} from '../support/dataset'
import {ask, composeService, startInstance, type FleetInstance} from '../support/fleet'
import {startRedis, type RunningRedis} from '../support/redis'
import {describeWith, missingFor} from '../support/requirements'
import {freePort, get, TEST_SECRETS, TEST_SITE_URL, until as waitFor} from '../support/server'

/**
 * The fleet of compose.yaml, as processes (this machine's tests run no containers; npm run
 * fleet:up runs the same files with Podman, docs/deploy.md): Redis, the instances compose.yaml
 * asks for, each started as the image starts it and with the environment compose.yaml gives it,
 * and the caching proxy with the VCL it writes for them, probes and all. Readers' traffic goes
 * through the proxy's port on loopback while instances restart, or die.
 */
let redis: RunningRedis
let proxy: RunningCachingProxy
let instances: FleetInstance[] = []
let ports: number[] = []
let siteEnv: Record<string, string>

/** What readers ask for: pages the proxy caches, pages it passes through, and the report form's thank-you page. */
let paths: string[] = []
// Readers' traffic at a capped rate, mostly pages the proxy caches. A slow answer is not a failed
// one: on a busy machine the instances' renders take seconds while one of them restarts.
const LOAD = {connections: 40, overallRate: 100, timeout: 30}

const address = (port: number) => `127.0.0.1 ${port}`
/** Waits for a state of the fleet; a failure carries the proxy's log. */
const until = (what: string, done: () => Promise<boolean>, timeoutMs: number) =>
  waitFor(what, done, timeoutMs, 100).catch((error: Error) => {
    throw new Error(`${error.message}\n${proxy?.logs()}`)
  })
const inRotation = async (port: number) => (await proxy.instancesInRotation()).includes(address(port))

/** Steady reader traffic through the proxy; stop() ends it and gives every answer's status and time. */
function readers() {
  const answers: {at: number; status: number}[] = []
  const run = autocannon({
    url: proxy.url,
    ...LOAD,
    duration: 300,
    requests: paths.map((path) => ({method: 'GET', path})),
  }) as unknown as autocannon.Instance & Promise<autocannon.Result>
  run.on('response', (_client: unknown, status: number) => answers.push({at: Date.now(), status}))
  // An error is a reset or refused connection, or a timeout: status 0.
  run.on('reqError', () => answers.push({at: Date.now(), status: 0}))
  const started = Date.now()
  return {
    answers,
    stop: async () => {
      run.stop()
      const result = await run
      const failed = answers.filter(({status}) => status === 0 || status >= 500)
      return {result, failed, seconds: (Date.now() - started) / 1000}
    },
  }
}

beforeAll(async () => {
  if (missingFor('redis', 'varnish')) return
  const [slug] = await runGroq<string[]>('*[_type == "operator" && defined(slug.current)] | order(slug.current asc).slug.current')
  const cached = ['/en', '/zh', `/ru/operators/${slug}`, '/kk/faq', '/en/compare', `/en/operators/${slug}/report-received`]
  const passed = [`/en/checklist?operator=${slug}`, '/', '/api/health']
  paths = [...Array.from({length: 8}, () => cached).flat(), ...passed]
  const secrets = {REPORTS_CLIENT_SECRET: 'fleet-test-secret', DRAFT_MODE_SECRET: TEST_SECRETS.DRAFT_MODE_SECRET}
  const count = Number(composeService('site', secrets).deploy?.replicas)
  ports = await Promise.all(Array.from({length: count}, () => freePort()))
  redis = await startRedis()
  // compose.yaml's names for the other services become their addresses here.
  // Its purge listener stays on loopback here: the tests' traffic never leaves it.
  const {UPSTREAM_URL: _instances, PROXY_PURGE_BIND: _network, ...proxyEnv} = composeService('caching-proxy', secrets).environment
  proxy = await startCachingProxy(ports.map((port) => `http://127.0.0.1:${port}`).join(','), {
    ...proxyEnv,
    SITE_URL: TEST_SITE_URL,
    PROXY_CACHE_SIZE: '64m',
  })
  siteEnv = {
    ...composeService('site', secrets).environment,
    REDIS_URL: redis.url,
    PROXY_PURGE_URL: proxy.purgeUrl,
    TRUSTED_HOP_ADDRESSES: '127.0.0.1',
    SITE_URL: TEST_SITE_URL,
  }
  instances = await Promise.all(ports.map((port) => startInstance(port, siteEnv)))
  await until('every instance in rotation', async () => (await proxy.instancesInRotation()).length === count, 30_000)
  for (const path of new Set(paths)) expect((await get(`${proxy.url}${path}`)).status, path).toBeLessThan(400)
})

afterAll(async () => {
  for (const instance of instances) instance.signal('SIGKILL') // those still running
  await Promise.all(instances.map((instance) => instance.exited))
  await proxy?.close()
  await redis?.stop()
})

describeWith(['redis', 'varnish'], 'a fleet of instances behind the caching proxy', () => {
  it("has compose.yaml's instances, each in rotation", async () => {
    expect(instances.length).toBeGreaterThanOrEqual(2)
    expect((await proxy.instancesInRotation()).sort()).toEqual(ports.map(address).sort())
  })

  it('restarts every instance, one at a time, under steady load without a failed request', async () => {
    const load = readers()
    const exits: {code: number | null; seconds: number; outSeconds: number; backSeconds: number}[] = []
    for (const [i, instance] of instances.entries()) {
      const stopping = Date.now()
      instance.signal('SIGTERM')
      // Not ready once it has the signal (an answer may also find it gone, at the end of its drain)…
      let ready: {status: number; text: string} | undefined
      await until(
        'readiness 503 after SIGTERM',
        async () => (ready = await ask(`${instance.url}/api/ready`).catch(() => undefined))?.status === 503,
        4_000,
      )
      expect(JSON.parse(ready!.text)).toEqual({status: 'not ready', checks: {accepting: 'down', store: 'ok', feed: 'off'}})
      // …so the proxy takes it out of rotation while it still serves, and only then does it stop.
      await until(`instance ${i + 1} out of rotation`, async () => !(await inRotation(ports[i]!)), 10_000)
      const out = Date.now()
      const {code, at} = await instance.exited
      expect(out).toBeLessThan(at)
      instances[i] = await startInstance(ports[i]!, siteEnv)
      await until(`instance ${i + 1} back in rotation`, () => inRotation(ports[i]!), 30_000)
      exits.push({code, seconds: (at - stopping) / 1000, outSeconds: (out - stopping) / 1000, backSeconds: (Date.now() - stopping) / 1000})
    }
    const {result, failed, seconds} = await load.stop()
    console.log(
      `[fleet] roll of ${instances.length} instances under load: ${result.requests.total} requests in ${seconds.toFixed(1)} s ` +
        `(${(result.requests.total / seconds).toFixed(0)}/s), ${failed.length} failed, ${result.errors} errors, ${result.timeouts} timeouts; ` +
        `instances out of rotation after ${exits.map(({outSeconds}) => `${outSeconds.toFixed(1)} s`).join(', ')}, ` +
        `exited ${exits.map(({code, seconds: s}) => `${code} after ${s.toFixed(1)} s`).join(', ')}, ` +
        `in rotation again after ${exits.map(({backSeconds}) => `${backSeconds.toFixed(1)} s`).join(', ')} (from SIGTERM)`,
    )
    expect(failed).toEqual([])
    expect(result.errors + result.timeouts).toBe(0)
    expect(result.requests.total / seconds).toBeGreaterThanOrEqual(50)
    for (const exit of exits) {
      expect(exit.code).toBe(0)
      expect(exit.seconds).toBeLessThan(30)
    }
  })

  it('loses at most the requests in flight when an instance is killed, and none once the probe has noticed', async () => {
    const load = readers()
    await until('some load', async () => load.answers.length > 100, 30_000)
    const killed = Date.now()
    instances[0]!.signal('SIGKILL')
    await instances[0]!.exited
    await until('the probe noticing', async () => !(await inRotation(ports[0]!)), 15_000)
    const noticed = Date.now()
    // Three seconds more of traffic on what is left.
    const after = load.answers.length
    await until('traffic after the probe noticed', async () => load.answers.length > after + 150, 30_000)
    const {result, failed} = await load.stop()
    console.log(
      `[fleet] SIGKILL of one instance under load: ${result.requests.total} requests, ${failed.length} failed ` +
        `(${failed.filter(({at}) => at > noticed).length} after the probe noticed, ${((noticed - killed) / 1000).toFixed(1)} s after the kill)`,
    )
    expect(noticed - killed).toBeLessThanOrEqual(5_000)
    expect(failed.filter(({at}) => at > noticed)).toEqual([])
    expect(failed.length).toBeLessThanOrEqual(LOAD.connections)
  })

  it('says not ready while Redis is down, without saying why, and the proxy still serves', async () => {
    // The first instance was killed above; the others serve.
    const instance = instances[1]
    await redis.stop()
    try {
      let ready = {status: 0, text: ''}
      await until('readiness 503', async () => (ready = await ask(`${instance!.url}/api/ready`)).status === 503, 15_000)
      expect(JSON.parse(ready.text)).toEqual({status: 'not ready', checks: {accepting: 'ok', store: 'down', feed: 'off'}})
      const health = await ask(`${instance!.url}/api/health`)
      expect(health.status).toBe(200)
      for (const answer of [ready.text, health.text]) expect(answer).not.toMatch(/redis|127\.0\.0\.1|:\d{4,5}|error|ECONN|\bat /i)
      // No instance says it is ready: the proxy asks them anyway, and they serve what they have.
      expect((await get(`${proxy.url}/en/compare`)).status).toBe(200)
    } finally {
      await redis.start()
    }
    await until('readiness 200 again', async () => (await ask(`${instance!.url}/api/ready`)).status === 200, 15_000)
  })

  it('follows the instances a name resolves to: a new VCL without the one that is gone, no restart, the cache kept', async () => {
    expect((await get(`${proxy.url}/en/compare`)).headers.get('x-cache')).toBe('HIT')
    // What the proxy does when the name of its instances stops resolving to the one killed above.
    const left = ports.slice(1)
    const upstream = left.map((port) => `http://127.0.0.1:${port}`).join(',')
    const instance = (port: number) => ({address: '127.0.0.1', port: String(port)})
    await loadInstances(
      {...process.env, UPSTREAM_URL: upstream, SITE_URL: TEST_SITE_URL},
      proxy.workDir,
      left.map(instance),
      1,
      ports.map(instance),
    )
    const vclList = (await promisify(execFile)(VARNISHADM, ['-n', proxy.workDir, 'vcl.list'])).stdout
    expect(vclList).toMatch(/^active\s.*\sinstances1$/m)
    expect((await proxy.instancesInRotation()).sort()).toEqual(left.map(address).sort())
    expect((await get(`${proxy.url}/en/compare`)).headers.get('x-cache')).toBe('HIT')
  })
})
