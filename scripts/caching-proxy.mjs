#!/usr/bin/env node
// `npm run caching-proxy`: the caching proxy (Varnish, Debian's varnish, varnish-modules and
// varnish-vmod-digest) in the foreground, in front of the site's instances (`next start`).
// Configured from the environment:
//   PROXY_PORT (8080), PROXY_BIND (all interfaces), PROXY_PURGE_PORT (PROXY_PORT + 1: the one
//   listener that takes purges), PROXY_PURGE_BIND (127.0.0.1; a fleet's own network in a fleet),
//   SITE_URL (its host is the one Host the site sees), DRAFT_MODE_SECRET (the site's: draft
//   sessions pass only when signed with it), PROXY_CACHE_SIZE (256m), PROXY_WORK_DIR (.proxy:
//   varnishd's working directory), VARNISHD (/usr/sbin/varnishd), VARNISHADM (/usr/bin/varnishadm),
//   UPSTREAM_URL (http://127.0.0.1:3000): the instances, as http:// addresses separated by commas.
//   A host name stands for every address it resolves to (a compose service scaled to N), looked
//   up again every PROXY_LOOKUP_SECONDS (1): an instance that restarts with a new address is
//   followed by loading a new VCL, without a restart and without emptying the cache.
// The site purges it when PROXY_PURGE_URL names its purge listener (for example http://127.0.0.1:8081).
import {execFile, spawn} from 'node:child_process'
import {randomBytes} from 'node:crypto'
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {lookup} from 'node:dns/promises'
import {isIP} from 'node:net'
import {dirname, join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import {promisify} from 'node:util'
import {DRAFT_MODE_COOKIE, DRAFT_SESSION_COOKIE} from '../lib/site/draft-mode-cookie.mjs'
import {draftModeSecretSetting} from '../lib/env.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const TEMPLATE = join(root, 'deploy', 'varnish', 'site.vcl')
const DEFAULT_UPSTREAM = 'http://127.0.0.1:3000'

/** Values spliced into the VCL: host names, addresses and ports only. */
const plain = (/** @type {string} */ value, /** @type {string} */ name) => {
  if (!/^[A-Za-z0-9.:[\]-]+$/.test(value)) throw new Error(`${name} must be a plain host or port, got "${value}"`)
  return value
}

const portNumber = (/** @type {string | number} */ value, /** @type {string} */ name) => {
  const port = Number(value)
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`${name} must be a port number, got "${value}"`)
  return port
}

/** The listener that takes purges, by its name in the VCL (`local.socket`). */
const PURGE_LISTENER = 'purge'

/** Without the site's secret no session can be verified: one no one knows (the same for every VCL loaded) lets none through. */
const unknownSecret = randomBytes(32).toString('hex')

/** Writes a VCL, which holds the draft-mode secret: readable by its owner only. */
const writeVcl = (/** @type {string} */ file, /** @type {string} */ vcl) => writeFileSync(file, vcl, {mode: 0o600})

/** @param {Record<string, string | undefined>} env */
const upstreamUrls = (env) =>
  (env.UPSTREAM_URL || DEFAULT_UPSTREAM)
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const url = new URL(entry)
      // Varnish speaks plain HTTP to its backends: the site runs next to it.
      if (url.protocol !== 'http:') throw new Error(`UPSTREAM_URL must be http://, got "${url.href}"`)
      return url
    })

/** @typedef {{address: string, port: string}} Instance */

/**
 * The site's instances: every address of every UPSTREAM_URL, in a stable order.
 * @param {Record<string, string | undefined>} env
 * @returns {Promise<Instance[]>}
 */
export async function resolveInstances(env = process.env) {
  /** @type {Map<string, Instance>} */
  const instances = new Map()
  for (const url of upstreamUrls(env)) {
    const host = url.hostname.replace(/^\[|\]$/g, '')
    const port = plain(url.port || '80', 'UPSTREAM_URL')
    const addresses = isIP(host) ? [host] : (await lookup(host, {all: true})).map(({address}) => address)
    for (const address of addresses) instances.set(`${address} ${port}`, {address: plain(address, 'UPSTREAM_URL'), port})
  }
  return [...instances.values()].sort((a, b) => `${a.address} ${a.port}`.localeCompare(`${b.address} ${b.port}`))
}

const isLoopback = (/** @type {string} */ address) => address === '::1' || address.startsWith('127.')

/** A backend's name says which instance it is: ready_10_89_0_5_3000 is 10.89.0.5:3000, probed. */
const backendName = (/** @type {'ready' | 'any'} */ kind, /** @type {Instance} */ {address, port}) =>
  `${kind}_${address.replace(/[^A-Za-z0-9]/g, '_')}_${port}`

/**
 * The instances the proxy sends requests to: those of the VCL in use (or of the VCL named `vcl`)
 * whose probe says ready, as `address port`, read from `varnishadm -n <workDir>` answers to
 * `vcl.list` and `backend.list`. npm run fleet:roll waits on it before it stops the next instance.
 * @param {string} vclList
 * @param {string} backendList
 * @param {Instance[]} instances the candidates
 * @param {string} [vcl]
 */
export function readyInstances(vclList, backendList, instances, vcl) {
  const active =
    vcl ??
    vclList
      .split('\n')
      .find((line) => line.startsWith('active'))
      ?.trim()
      .split(/\s+/)
      .at(-1)
  const healthy = new Set(
    backendList
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      // name, admin (probe), probe (good/window), health (healthy or sick), last change
      .filter(([name = '', , , health]) => name.startsWith(`${active}.`) && health === 'healthy')
      .map(([name = '']) => name.slice(`${active}.`.length)),
  )
  return instances.filter((instance) => healthy.has(backendName('ready', instance))).map(({address, port}) => `${address} ${port}`)
}

/**
 * The VCL for these instances: deploy/varnish/site.vcl with each instance as a backend twice
 * (probed for readiness, and not), the directors over them, and their addresses among those that
 * may purge.
 * @param {Instance[]} instances
 * @param {Record<string, string | undefined>} env
 */
export function siteVcl(instances, env = process.env) {
  if (instances.length === 0) throw new Error('UPSTREAM_URL names no instance')
  const backend = (/** @type {'ready' | 'any'} */ kind, /** @type {Instance} */ instance) =>
    [
      `backend ${backendName(kind, instance)} {`,
      `    .host = "${instance.address}";`,
      `    .port = "${instance.port}";`,
      '    .connect_timeout = 1s;',
      '    .first_byte_timeout = 30s;',
      '    .between_bytes_timeout = 10s;',
      ...(kind === 'ready' ? ['    .probe = readiness;'] : []),
      '}',
    ].join('\n')
  const kinds = /** @type {const} */ (['ready', 'any'])
  const backends = instances.flatMap((instance) => kinds.map((kind) => backend(kind, instance))).join('\n\n')
  const members = instances
    .flatMap((instance) => kinds.map((kind) => `    ${kind}_instances.add_backend(${backendName(kind, instance)});`))
    .join('\n')
  const purgers = [...new Set(instances.map(({address}) => address).filter((address) => !isLoopback(address)))].map(
    (address) => `    "${address}";`,
  )
  const firstUpstream = upstreamUrls(env)[0]
  const siteHost = env.SITE_URL ? new URL(env.SITE_URL).host : firstUpstream.host
  return readFileSync(TEMPLATE, 'utf8')
    .replaceAll('{{BACKENDS}}', backends)
    .replaceAll('{{DIRECTOR_MEMBERS}}', members)
    .replaceAll('{{PURGERS}}', purgers.join('\n'))
    .replaceAll('{{SITE_HOST}}', plain(siteHost, 'SITE_URL'))
    .replaceAll('{{DRAFT_MODE_COOKIE}}', DRAFT_MODE_COOKIE)
    .replaceAll('{{DRAFT_SESSION_COOKIE}}', DRAFT_SESSION_COOKIE)
    .replaceAll('{{PURGE_LISTENER}}', PURGE_LISTENER)
    .replaceAll('{{DRAFT_MODE_SECRET}}', draftModeSecretSetting(env) || unknownSecret)
}

/**
 * The VCL for this environment, written into the working directory, and varnishd's arguments to
 * serve it.
 * @param {Record<string, string | undefined>} [env]
 */
export async function cachingProxyCommand(env = process.env) {
  const port = portNumber(env.PROXY_PORT || 8080, 'PROXY_PORT')
  const purgePort = portNumber(env.PROXY_PURGE_PORT || port + 1, 'PROXY_PURGE_PORT')
  if (purgePort === port) throw new Error('PROXY_PURGE_PORT must differ from PROXY_PORT: purges have a listener of their own')
  const workDir = resolve(env.PROXY_WORK_DIR || join(root, '.proxy'))
  mkdirSync(workDir, {recursive: true})
  // Started beside its instances (a compose fleet), the proxy may look for them before their names exist.
  let instances
  for (const started = Date.now(); !instances;) {
    instances = await resolveInstances(env).catch((/** @type {NodeJS.ErrnoException} */ error) => {
      if (Date.now() - started > 60_000 || !['ENOTFOUND', 'EAI_AGAIN'].includes(error.code ?? '')) throw error
      return new Promise((resolve) => setTimeout(resolve, 1_000))
    })
  }
  const vclFile = join(workDir, 'site.vcl')
  writeVcl(vclFile, siteVcl(instances, env))
  const listener = (/** @type {string} */ bind, /** @type {number} */ at) => `${bind.includes(':') ? `[${bind}]` : bind}:${at}`
  const args = [
    '-F',
    '-n',
    workDir,
    '-a',
    `public=${listener(env.PROXY_BIND ?? '', port)}`,
    '-a',
    `${PURGE_LISTENER}=${listener(env.PROXY_PURGE_BIND?.trim() || '127.0.0.1', purgePort)}`,
    '-f',
    vclFile,
    '-s',
    `malloc,${env.PROXY_CACHE_SIZE || '256m'}`,
    // A page names many documents: room for a long Surrogate-Key header.
    '-p',
    'http_resp_hdr_len=32k',
    '-p',
    'http_resp_size=96k',
    '-p',
    'workspace_backend=192k',
    // Close an idle connection to an instance before the instance does (Node: after 5 s), so a
    // request is never sent on a connection the instance is closing.
    '-p',
    'backend_idle_timeout=4',
    // The management interface on loopback only, with the secret varnishd writes into workDir:
    // new VCL when instances move (below), and `varnishadm -n workDir backend.list` for who is in.
    '-T',
    '127.0.0.1:0',
    // No privilege separation: one foreground process tree, any user.
    '-j',
    'none',
  ]
  return {
    command: env.VARNISHD || '/usr/sbin/varnishd',
    args,
    workDir,
    port,
    purgePort,
    instances,
    verifiesDraftSessions: Boolean(draftModeSecretSetting(env)),
  }
}

/** How long a new VCL's probes get to agree with the VCL in use before it is used anyway. */
const SWITCH_WAIT_MS = 20_000

/**
 * Loads the VCL for a new set of instances into the running varnishd and makes it the one in use:
 * at once when instances only left (one that is gone must not wait), otherwise once its probes,
 * which start from nothing, say ready every instance the VCL in use has ready (switching sooner
 * would take a ready instance out of rotation for a while).
 * @param {Record<string, string | undefined>} env
 * @param {string} workDir
 * @param {Instance[]} instances
 * @param {number} generation
 * @param {Instance[]} [previous] the instances of the VCL in use
 */
export async function loadInstances(env, workDir, instances, generation, previous = []) {
  // A VCL compiles while the management process answers nothing else: a generous timeout.
  const admin = async (/** @type {string[]} */ ...args) =>
    (await promisify(execFile)(env.VARNISHADM || '/usr/bin/varnishadm', ['-n', workDir, '-t', '60', ...args])).stdout
  const name = `instances${generation}`
  const file = join(workDir, `${name}.vcl`)
  writeVcl(file, siteVcl(instances, env))
  await admin('vcl.load', name, file)
  const known = new Set(previous.map(({address, port}) => `${address} ${port}`))
  const onlyLeft = instances.every(({address, port}) => known.has(`${address} ${port}`))
  for (const started = Date.now(); !onlyLeft && Date.now() - started < SWITCH_WAIT_MS;) {
    // backend.list shows the VCL in use unless asked for another by name.
    const [vclList, inUse, loaded] = await Promise.all(
      [admin('vcl.list'), admin('backend.list'), admin('backend.list', `${name}.*`)].map((answer) => answer.catch(() => '')),
    )
    const readyNow = readyInstances(vclList, inUse, instances)
    const readyThen = new Set(readyInstances(vclList, loaded, instances, name))
    if (readyNow.every((instance) => readyThen.has(instance))) break
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  await admin('vcl.use', name)
  // The previous VCLs, once no request holds them (a busy one is discarded on a later change).
  for (const line of (await admin('vcl.list')).split('\n')) {
    const old = line.trim().split(/\s+/).at(-1) ?? ''
    if (/^(boot|instances\d+)$/.test(old) && old !== name) await admin('vcl.discard', old).catch(() => {})
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const {command, args, port, purgePort, workDir, instances, verifiesDraftSessions} = await cachingProxyCommand()
  if (!existsSync(command)) {
    console.error(`${command} not found: apt-get install varnish varnish-modules varnish-vmod-digest`)
    process.exit(1)
  }
  const describe = (/** @type {Instance[]} */ list) =>
    list.map(({address, port: at}) => `${address.includes(':') ? `[${address}]` : address}:${at}`).join(', ')
  console.log(`[caching proxy] varnishd on port ${port} in front of ${describe(instances)}; purges on port ${purgePort}`)
  if (!verifiesDraftSessions) {
    console.warn(
      "[caching proxy] DRAFT_MODE_SECRET is not set: draft sessions get the readers' cached pages here; set it to the site's value",
    )
  }
  const child = spawn(command, args, {stdio: 'inherit'})
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) process.on(signal, () => child.kill(signal))
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
  if (upstreamUrls(process.env).some((url) => !isIP(url.hostname.replace(/^\[|\]$/g, '')))) {
    let current = instances
    let generation = 0
    const everyMs = Number(process.env.PROXY_LOOKUP_SECONDS || 1) * 1000
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, everyMs))
      const found = await resolveInstances().catch(() => undefined)
      // A name that resolves to nothing (every instance down at once) keeps the last instances.
      if (!found || found.length === 0 || describe(found) === describe(current)) continue
      try {
        await loadInstances(process.env, workDir, found, ++generation, current)
        console.log(`[caching proxy] instances now ${describe(found)} (were ${describe(current)})`)
        current = found
      } catch (error) {
        console.error(`[caching proxy] could not load the VCL for ${describe(found)}: ${/** @type {Error} */ (error).message}`)
      }
    }
  }
}
