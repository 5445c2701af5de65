import {execFileSync, spawn, type ChildProcess} from 'node:child_process'
import {mkdtempSync, readFileSync} from 'node:fs'
import {createServer} from 'node:net'
import type {AddressInfo} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {scheduler} from 'node:timers/promises'
import {FIXTURE_FILE, TEST_SITE_URL} from './test-build.mjs'

export {TEST_SECRETS, TEST_SITE_URL} from './test-build.mjs'

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const {port} = server.address() as AddressInfo
      server.close(() => resolve(port))
    })
  })
}

export type RunningSite = {
  url: string
  port: number
  /** Where this server keeps its cache files (FRESHNESS_DIR): give it to the next start to restart it as it was. */
  stateDir: string
  logs: () => string
  stop: () => Promise<void>
  /**
   * What the server holds once a full garbage collection has run, through its inspector (start it
   * with `inspect`): bytes V8 keeps alive (heap and external memory, summed over the processes)
   * and the resident memory of the group in KB.
   */
  retainedMemory: () => Promise<{liveBytes: number; residentKb: number}>
}

// Built and served with the same public address, as in production.
// The frozen fixture unless a test names another dataset: vitest's environment does not reach the
// global set-up, which starts the reader site.
const baseEnv = (): NodeJS.ProcessEnv => ({
  ...process.env,
  NEXT_TELEMETRY_DISABLED: '1',
  NODE_ENV: 'production',
  SITE_URL: TEST_SITE_URL,
  CONTENT_DATASET_FILE: FIXTURE_FILE,
})

/**
 * Starts `next start` of the tests' build (scripts/test.mjs) on loopback in its own process group,
 * and waits until it is ready (/api/ready: its store answers, its change feed has caught up), or,
 * with `until: 'live'`, until it answers at all (a start while Redis or the Lake is down on purpose).
 * Servers share the build, never their cache: each keeps its files in a directory of its own
 * (`stateDir`), or in the Redis its env names.
 */
export async function startSite(
  options: {
    env?: Record<string, string>
    port?: number
    stateDir?: string
    distDir?: string
    inspect?: boolean
    until?: 'ready' | 'live'
  } = {},
): Promise<RunningSite> {
  const port = options.port ?? (await freePort())
  const stateDir = options.stateDir ?? mkdtempSync(join(tmpdir(), 'kz-site-state-'))
  // The inspector on a port of its own, on loopback: a test can ask the server for a full collection.
  const inspect = options.inspect ? {NODE_OPTIONS: `${options.env?.NODE_OPTIONS ?? ''} --inspect=127.0.0.1:0`.trim()} : {}
  const child: ChildProcess = spawn(
    process.execPath,
    ['node_modules/next/dist/bin/next', 'start', '-p', String(port), '-H', '127.0.0.1'],
    // As `npm start` runs it: the loopback address it is reached at is one of the site's origins.
    {
      env: {
        ...baseEnv(),
        SITE_ORIGINS: `http://127.0.0.1:${port}`,
        ...options.env,
        ...inspect,
        NEXT_DIST_DIR: options.distDir ?? '.next',
        FRESHNESS_DIR: stateDir,
      },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let output = ''
  child.stdout?.on('data', (chunk) => (output += chunk))
  child.stderr?.on('data', (chunk) => (output += chunk))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const url = `http://127.0.0.1:${port}`
  const probe = options.until === 'live' ? '/api/health' : '/api/ready'
  await until(
    `${url}${probe} answers 200`,
    async () => {
      if (child.exitCode !== null) throw new Error(`server exited:\n${output}`)
      const response = await fetch(`${url}${probe}`).catch(() => undefined)
      await response?.arrayBuffer()
      return response?.status === 200
    },
    60_000,
  ).catch((error: Error) => {
    throw new Error(`server did not start: ${error.message}\n${output}`)
  })
  // Resident memory of the server's whole process group, in KB.
  const residentKb = () =>
    execFileSync('pgrep', ['-g', String(child.pid)], {encoding: 'utf8'})
      .split('\n')
      .filter(Boolean)
      .reduce((sum, pid) => sum + Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)?.[1] ?? 0), 0)
  return {
    url,
    port,
    stateDir,
    logs: () => output,
    retainedMemory: async () => {
      // Each process of the group prints where its inspector listens (again after each session).
      const inspectors = new Set(output.match(/ws:\/\/127\.0\.0\.1:\d+\/[\w-]+/g))
      if (inspectors.size === 0) throw new Error('the server was started without `inspect`')
      let liveBytes = 0
      for (const address of inspectors) {
        const socket = new WebSocket(address)
        await new Promise((resolve, reject) => ((socket.onopen = resolve), (socket.onerror = reject)))
        const call = (id: number, method: string, params = {}) =>
          new Promise<{result: {result?: {value?: string}}}>((resolve) => {
            socket.onmessage = (event) => resolve(JSON.parse(String(event.data)))
            socket.send(JSON.stringify({id, method, params}))
          })
        await call(1, 'HeapProfiler.collectGarbage')
        const usage = await call(2, 'Runtime.evaluate', {expression: 'JSON.stringify(process.memoryUsage())', returnByValue: true})
        const {heapUsed, external} = JSON.parse(usage.result.result?.value ?? '{}') as {heapUsed: number; external: number}
        liveBytes += heapUsed + external
        socket.close()
      }
      return {liveBytes, residentKb: residentKb()}
    },
    stop: async () => {
      if (child.exitCode !== null) return
      try {
        process.kill(-child.pid!, 'SIGTERM')
      } catch {
        return
      }
      const timeout = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL')
        } catch {}
      }, 5_000)
      await exited
      clearTimeout(timeout)
    },
  }
}

export async function get(url: string, init?: RequestInit) {
  const response = await fetch(url, {redirect: 'manual', ...init})
  return {status: response.status, headers: response.headers, text: await response.text()}
}

/** The visible text of an HTML page, for assertions on what a reader sees. */
export function visibleText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/\s+/g, ' ')
}

/**
 * Polls `condition` until it holds: the one way tests wait for the site, on an event it makes
 * visible (an answer, a state), never for a fixed time. Rejects after `timeoutMs`, saying what.
 */
export async function until(what: string, condition: () => Promise<boolean> | boolean, timeoutMs: number, everyMs = 50): Promise<void> {
  for (const started = Date.now(); !(await condition());) {
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs / 1000} s`)
    await scheduler.wait(everyMs)
  }
}

/**
 * Resolves once every change the site has heard has settled (/api/content-changes says none is
 * pending): applied by its webhook or the change feed, and expired the second time that closes
 * the race window. A page cached after this stays cached until the next change.
 */
export async function changesSettled(site: {url: string}, timeoutMs = 30_000): Promise<void> {
  await until(
    `changes settled on ${site.url}`,
    async () => {
      const response = await fetch(`${site.url}/api/content-changes`).catch(() => undefined)
      return response?.status === 200 && ((await response.json()) as {pending: number}).pending === 0
    },
    timeoutMs,
  )
}
