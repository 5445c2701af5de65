#!/usr/bin/env node
// `npm run caching-proxy`: the caching proxy (Varnish, Debian's varnish + varnish-modules) in the
// foreground, in front of `next start`. Configured from the environment:
//   PROXY_PORT (8080), PROXY_BIND (all interfaces), UPSTREAM_URL (http://127.0.0.1:3000),
//   SITE_URL (its host is the one Host the site sees), PROXY_CACHE_SIZE (256m),
//   PROXY_WORK_DIR (.proxy: varnishd's working directory), VARNISHD (/usr/sbin/varnishd).
// The site purges it when PROXY_PURGE_URL names it (for example http://127.0.0.1:8080).
import {spawn} from 'node:child_process'
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {dirname, join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import {DRAFT_MODE_COOKIE} from '../lib/draft-mode-cookie.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const TEMPLATE = join(root, 'deploy', 'varnish', 'site.vcl')

/** Values spliced into the VCL: host names, addresses and ports only. */
const plain = (/** @type {string} */ value, /** @type {string} */ name) => {
  if (!/^[A-Za-z0-9.:[\]-]+$/.test(value)) throw new Error(`${name} must be a plain host or port, got "${value}"`)
  return value
}

/**
 * The VCL for this environment, and varnishd's arguments to serve it.
 * @param {Record<string, string | undefined>} [env]
 */
export function cachingProxyCommand(env = process.env) {
  const port = Number(env.PROXY_PORT || 8080)
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`PROXY_PORT must be a port number, got "${env.PROXY_PORT}"`)
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
  const vclFile = join(workDir, 'site.vcl')
  writeFileSync(vclFile, vcl)
  const bind = env.PROXY_BIND ?? ''
  const args = [
    '-F',
    '-n', workDir,
    '-a', `${bind.includes(':') ? `[${bind}]` : bind}:${port}`,
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
  return {command: env.VARNISHD || '/usr/sbin/varnishd', args, workDir, port}
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const {command, args, port} = cachingProxyCommand()
  if (!existsSync(command)) {
    console.error(`${command} not found: apt-get install varnish varnish-modules`)
    process.exit(1)
  }
  console.log(`[caching proxy] varnishd on port ${port} in front of ${process.env.UPSTREAM_URL || 'http://127.0.0.1:3000'}`)
  const child = spawn(command, args, {stdio: 'inherit'})
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) process.on(signal, () => child.kill(signal))
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
}
