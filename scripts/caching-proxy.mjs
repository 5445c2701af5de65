#!/usr/bin/env node
// `npm run caching-proxy`: the caching proxy (Varnish, Debian's varnish, varnish-modules and
// varnish-vmod-digest) in the foreground, in front of `next start`. Configured from the environment:
//   PROXY_PORT (8080), PROXY_BIND (all interfaces), PROXY_PURGE_PORT (PROXY_PORT + 1, on loopback
//   only: the one listener that takes purges), UPSTREAM_URL (http://127.0.0.1:3000), SITE_URL (its
//   host is the one Host the site sees), DRAFT_MODE_SECRET (the site's: draft sessions pass only
//   when signed with it), PROXY_CACHE_SIZE (256m), PROXY_WORK_DIR (.proxy: varnishd's working
//   directory), VARNISHD (/usr/sbin/varnishd).
// The site purges it when PROXY_PURGE_URL names its purge listener (for example http://127.0.0.1:8081).
import {spawn} from 'node:child_process'
import {randomBytes} from 'node:crypto'
import {chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {dirname, join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import {DRAFT_MODE_COOKIE, DRAFT_SESSION_COOKIE, SECRET_FORMAT} from '../lib/draft-mode-cookie.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const TEMPLATE = join(root, 'deploy', 'varnish', 'site.vcl')

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

/**
 * The VCL for this environment, and varnishd's arguments to serve it.
 * @param {Record<string, string | undefined>} [env]
 */
export function cachingProxyCommand(env = process.env) {
  const port = portNumber(env.PROXY_PORT || 8080, 'PROXY_PORT')
  const purgePort = portNumber(env.PROXY_PURGE_PORT || port + 1, 'PROXY_PURGE_PORT')
  if (purgePort === port) throw new Error('PROXY_PURGE_PORT must differ from PROXY_PORT: purges have a listener of their own')
  const draftSecret = env.DRAFT_MODE_SECRET?.trim()
  if (draftSecret && !SECRET_FORMAT.test(draftSecret)) throw new Error('DRAFT_MODE_SECRET must be 32 to 256 characters of A-Z a-z 0-9 _ + / = . -')
  const upstream = new URL(env.UPSTREAM_URL || 'http://127.0.0.1:3000')
  // Varnish speaks plain HTTP to its backends: the site runs next to it.
  if (upstream.protocol !== 'http:') throw new Error(`UPSTREAM_URL must be http://, got "${upstream.href}"`)
  const siteHost = env.SITE_URL ? new URL(env.SITE_URL).host : upstream.host
  const workDir = resolve(env.PROXY_WORK_DIR || join(root, '.proxy'))
  mkdirSync(workDir, {recursive: true})
  const vcl = readFileSync(TEMPLATE, 'utf8')
    .replaceAll('{{UPSTREAM_HOST}}', plain(upstream.hostname.replace(/^\[|\]$/g, ''), 'UPSTREAM_URL'))
    .replaceAll('{{UPSTREAM_PORT}}', plain(upstream.port || '80', 'UPSTREAM_URL'))
    .replaceAll('{{SITE_HOST}}', plain(siteHost, 'SITE_URL'))
    .replaceAll('{{DRAFT_MODE_COOKIE}}', DRAFT_MODE_COOKIE)
    .replaceAll('{{DRAFT_SESSION_COOKIE}}', DRAFT_SESSION_COOKIE)
    .replaceAll('{{PURGE_LISTENER}}', PURGE_LISTENER)
    // Without the site's secret no session can be verified: one no one knows lets none through.
    .replaceAll('{{DRAFT_MODE_SECRET}}', draftSecret || randomBytes(32).toString('hex'))
  const vclFile = join(workDir, 'site.vcl')
  // It holds the secret: readable by its owner only.
  writeFileSync(vclFile, vcl, {mode: 0o600})
  chmodSync(vclFile, 0o600)
  const bind = env.PROXY_BIND ?? ''
  const args = [
    '-F',
    '-n', workDir,
    '-a', `public=${bind.includes(':') ? `[${bind}]` : bind}:${port}`,
    '-a', `${PURGE_LISTENER}=127.0.0.1:${purgePort}`,
    '-f', vclFile,
    '-s', `malloc,${env.PROXY_CACHE_SIZE || '256m'}`,
    // A page names many documents: room for a long Surrogate-Key header.
    '-p', 'http_resp_hdr_len=32k',
    '-p', 'http_resp_size=96k',
    '-p', 'workspace_backend=192k',
    // No management port, no privilege separation: one foreground process tree, any user.
    '-T', 'none',
    '-j', 'none',
  ]
  return {command: env.VARNISHD || '/usr/sbin/varnishd', args, workDir, port, purgePort, verifiesDraftSessions: Boolean(draftSecret)}
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const {command, args, port, purgePort, verifiesDraftSessions} = cachingProxyCommand()
  if (!existsSync(command)) {
    console.error(`${command} not found: apt-get install varnish varnish-modules varnish-vmod-digest`)
    process.exit(1)
  }
  console.log(`[caching proxy] varnishd on port ${port} in front of ${process.env.UPSTREAM_URL || 'http://127.0.0.1:3000'}; purges on 127.0.0.1:${purgePort}`)
  if (!verifiesDraftSessions) {
    console.warn('[caching proxy] DRAFT_MODE_SECRET is not set: draft sessions get the readers\' cached pages here; set it to the site\'s value')
  }
  const child = spawn(command, args, {stdio: 'inherit'})
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) process.on(signal, () => child.kill(signal))
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
}
