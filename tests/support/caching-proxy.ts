import {execFile, spawn, type ChildProcess} from 'node:child_process'
import {existsSync, mkdtempSync, readdirSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {promisify} from 'node:util'
import {readyInstances, resolveInstances} from '@/scripts/caching-proxy.mjs'
import {freePort, TEST_SECRETS, until} from './server'

/** Debian's varnishd (`apt-get install varnish varnish-modules varnish-vmod-digest`; .ci/run installs them when missing). */
export const VARNISHD = process.env.VARNISHD || '/usr/sbin/varnishd'
export const VARNISHADM = process.env.VARNISHADM || '/usr/bin/varnishadm'
export const VARNISHSTAT = process.env.VARNISHSTAT || '/usr/bin/varnishstat'
/** The VCL imports xkey (varnish-modules) and digest (varnish-vmod-digest). */
const VMODS = ['libvmod_xkey.so', 'libvmod_digest.so']
const vmodDirs = () => readdirSync('/usr/lib').map((dir) => join('/usr/lib', dir, 'varnish', 'vmods'))
export const hasVarnish = () => existsSync(VARNISHD) && VMODS.every((vmod) => vmodDirs().some((dir) => existsSync(join(dir, vmod))))

export type RunningCachingProxy = {
  /** The public listener, for readers. */
  url: string
  port: number
  /** The purge listener (PROXY_PURGE_PORT, loopback only): the site's PROXY_PURGE_URL. */
  purgeUrl: string
  /** varnishd's working directory (PROXY_WORK_DIR). */
  workDir: string
  logs: () => string
  /** One of varnishd's counters (varnishstat), e.g. MAIN.busy_sleep: requests that waited for another's fetch. */
  counter: (name: string) => Promise<number>
  /**
   * The instances it sends requests to (`address port`), among those of `among` (default: the
   * upstream it was started with), as its VCL in use and its probe say; `varnishadm` reads them
   * from its working directory, as npm run fleet:roll does in the container.
   */
  instancesInRotation: (among?: string) => Promise<string[]>
  /** Stops varnishd; start() again serves on the same port with an empty cache, as after a restart. */
  stop: () => Promise<void>
  start: () => Promise<void>
  /** Stops it for good and removes its working directory. */
  close: () => Promise<void>
}

/** `npm run caching-proxy` (scripts/caching-proxy.mjs → varnishd -F) on a free loopback port, in front of `upstream` (one or more addresses, as UPSTREAM_URL). */
export async function startCachingProxy(upstream: string, env: Record<string, string> = {}): Promise<RunningCachingProxy> {
  const [port, purgePort] = [await freePort(), await freePort()]
  const workDir = mkdtempSync(join(tmpdir(), 'kz-proxy-'))
  const url = `http://127.0.0.1:${port}`
  const purgeUrl = `http://127.0.0.1:${purgePort}`
  let child: ChildProcess | undefined
  let output = ''
  const proxy: RunningCachingProxy = {
    url,
    port,
    purgeUrl,
    workDir,
    logs: () => output,
    async counter(name) {
      const {stdout} = await promisify(execFile)(VARNISHSTAT, ['-n', workDir, '-1', '-f', name])
      return Number(stdout.trim().split(/\s+/)[1] ?? 0)
    },
    async instancesInRotation(among = upstream) {
      const admin = async (command: string) => (await promisify(execFile)(VARNISHADM, ['-n', workDir, command])).stdout
      return readyInstances(await admin('vcl.list'), await admin('backend.list'), await resolveInstances({UPSTREAM_URL: among}))
    },
    async start() {
      child = spawn(process.execPath, ['scripts/caching-proxy.mjs'], {
        env: {
          ...process.env,
          PROXY_PORT: String(port),
          PROXY_PURGE_PORT: String(purgePort),
          PROXY_BIND: '127.0.0.1',
          UPSTREAM_URL: upstream,
          PROXY_WORK_DIR: workDir,
          DRAFT_MODE_SECRET: TEST_SECRETS.DRAFT_MODE_SECRET,
          VARNISHD,
          VARNISHADM,
          ...env,
        },
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      child.stdout?.on('data', (chunk) => (output += chunk))
      child.stderr?.on('data', (chunk) => (output += chunk))
      // A PURGE without keys is answered by the proxy itself: it listens, whatever the site does.
      await until(
        'varnishd answers on its purge listener',
        async () => {
          if (child!.exitCode !== null) throw new Error('varnishd exited')
          return fetch(purgeUrl, {method: 'PURGE'}).then(
            (response) => (response.arrayBuffer(), response.status === 400),
            () => false,
          )
        },
        30_000,
        100,
      ).catch((error: Error) => {
        throw new Error(`varnishd did not start: ${error.message}\n${output}`)
      })
    },
    async stop() {
      if (!child || child.exitCode !== null) return
      const exited = new Promise((resolve) => child!.once('exit', resolve))
      try {
        process.kill(-child.pid!, 'SIGTERM')
      } catch {
        return
      }
      await exited
    },
    async close() {
      await proxy.stop()
      rmSync(workDir, {recursive: true, force: true})
    },
  }
  await proxy.start()
  return proxy
}
