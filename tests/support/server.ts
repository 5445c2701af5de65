import {execFileSync, spawn, type ChildProcess} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {createServer} from 'node:net'
import type {AddressInfo} from 'node:net'

/** Known fake secrets: builds and servers in tests use them; a test searches client bundles for them. */
export const TEST_SECRETS = {
  SANITY_REVALIDATE_SECRET: 'test-revalidate-secret-6f1c2b7e9a',
  SANITY_API_READ_TOKEN: 'test-read-token-skA93kdLq0ZmB71Xc',
}

/** The public address the test build is made with (SITE_URL is read at build time). */
export const TEST_SITE_URL = 'https://kz-sim.example'

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

export type RunningSite = {url: string; port: number; logs: () => string; stop: () => Promise<void>; memoryKb: () => number}

// Built and served with the same public address, as in production.
const baseEnv = (): NodeJS.ProcessEnv => ({...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production', SITE_URL: TEST_SITE_URL})

/**
 * The time budget of a test or hook that runs `next build`: a cold build takes 45-90 s on this
 * 2-core machine when idle, and several times that when the machine is busy.
 */
export const BUILD_BUDGET_MS = 600_000

/** `next build` into a dist directory; resolves with the build's output, rejects when it fails. */
export function buildSite(env: Record<string, string>, distDir: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'build'], {
      env: {...baseEnv(), ...env, NEXT_DIST_DIR: distDir, NEXT_SKIP_TYPECHECK: '1'},
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout?.on('data', (chunk) => (output += chunk))
    child.stderr?.on('data', (chunk) => (output += chunk))
    child.on('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`next build failed (${code}):\n${output}`))))
  })
}

/** Starts `next start` on loopback in its own process group, and waits until it answers. */
export async function startSite(options: {distDir?: string; env?: Record<string, string>; port?: number} = {}): Promise<RunningSite> {
  const port = options.port ?? (await freePort())
  const child: ChildProcess = spawn(
    process.execPath,
    ['node_modules/next/dist/bin/next', 'start', '-p', String(port), '-H', '127.0.0.1'],
    {env: {...baseEnv(), ...options.env, NEXT_DIST_DIR: options.distDir ?? '.next'}, detached: true, stdio: ['ignore', 'pipe', 'pipe']},
  )
  let output = ''
  child.stdout?.on('data', (chunk) => (output += chunk))
  child.stderr?.on('data', (chunk) => (output += chunk))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 30_000
  for (;;) {
    try {
      const response = await fetch(`${url}/api/health`)
      await response.arrayBuffer()
      if (response.status < 500) break
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`server did not start:\n${output}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return {
    url,
    port,
    logs: () => output,
    // Resident memory of the server's whole process group, in KB.
    memoryKb: () =>
      execFileSync('pgrep', ['-g', String(child.pid)], {encoding: 'utf8'})
        .split('\n')
        .filter(Boolean)
        .reduce((sum, pid) => sum + Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)?.[1] ?? 0), 0),
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
