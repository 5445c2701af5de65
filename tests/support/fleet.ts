import {spawn, type ChildProcess} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {get as httpGet} from 'node:http'
import {parse} from 'yaml'
import {completeInPlace} from '@/scripts/standalone.mjs'
import {until} from './server'

/**
 * The fleet of compose.yaml and the Dockerfile, as processes on loopback, for a machine where the
 * tests cannot run containers: the same server (`CMD` of the Dockerfile's site stage, in the
 * standalone output the image copies), with the environment the image and compose.yaml give it.
 */
type ComposeService = {environment?: Record<string, string | null>; deploy?: {replicas?: string | number}}

/** compose.yaml's `${NAME}`, `${NAME:-default}` and `${NAME:?error}`, from `values` (compose reads the caller's environment). */
export function interpolate(text: string, values: Record<string, string | undefined>): string {
  return text.replace(/\$\{([A-Z0-9_]+)(?::?([-?])([^}]*))?\}/g, (_, name: string, kind?: string, rest?: string) => {
    const value = values[name]
    if (value) return value
    if (kind === '?') throw new Error(`compose.yaml needs ${name}: ${rest}`)
    return kind === '-' ? (rest ?? '') : ''
  })
}

/**
 * A service of compose.yaml with its variables filled in from `values`; its environment as the
 * container gets it (a setting without a value comes from `values`, or is not set).
 */
export function composeService(name: string, values: Record<string, string | undefined> = {}) {
  const services = parse(readFileSync('compose.yaml', 'utf8')).services as Record<string, ComposeService>
  const service = services[name]
  if (!service) throw new Error(`compose.yaml has no service ${name}`)
  const filled = JSON.parse(interpolate(JSON.stringify(service), values)) as ComposeService
  const environment = Object.entries(filled.environment ?? {}).flatMap(([key, value]) => {
    const given = value ?? values[key]
    return given === undefined ? [] : [[key, given] as const]
  })
  return {...filled, environment: Object.fromEntries(environment) as Record<string, string>}
}

/** The Dockerfile stage's `ENV` settings and `CMD` (exec form). */
export function imageStage(target: string): {env: Record<string, string>; command: string[]} {
  const lines = readFileSync('Dockerfile', 'utf8').split('\n')
  const start = lines.findIndex((line) => new RegExp(`^FROM \\S+ AS ${target}$`).test(line))
  if (start === -1) throw new Error(`the Dockerfile has no stage ${target}`)
  const end = lines.findIndex((line, i) => i > start && line.startsWith('FROM '))
  const stage = lines.slice(start, end === -1 ? undefined : end)
  const env = Object.fromEntries(
    stage
      .filter((line) => line.startsWith('ENV '))
      .flatMap((line) => line.slice(4).trim().split(/\s+/))
      .map((pair) => pair.split('=') as [string, string]),
  )
  const cmd = stage.find((line) => line.startsWith('CMD '))
  if (!cmd) throw new Error(`the Dockerfile's ${target} stage has no CMD`)
  return {env, command: JSON.parse(cmd.slice(4)) as string[]}
}

/**
 * A GET on a connection of its own: instances close their connections as they restart, and a
 * pooled one the client has not yet seen closed would fail the request, not the instance.
 */
export function ask(url: string): Promise<{status: number; text: string}> {
  return new Promise((resolve, reject) => {
    httpGet(url, {agent: false}, (response) => {
      let text = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => (text += chunk))
      response.on('end', () => resolve({status: response.statusCode ?? 0, text}))
      response.on('error', reject)
    }).on('error', reject)
  })
}

export type FleetInstance = {
  url: string
  port: number
  logs: () => string
  /** Resolves with how it ended and when. */
  exited: Promise<{code: number | null; signal: NodeJS.Signals | null; at: number}>
  signal: (signal: NodeJS.Signals) => void
}

/**
 * One instance as the image starts it (its CMD, run by the tests' Node 24, in the standalone
 * server the image copies), listening on loopback only, and answering readiness.
 */
export async function startInstance(port: number, env: Record<string, string>): Promise<FleetInstance> {
  const {env: imageEnv, command} = imageStage('site')
  const [program, ...args] = command
  if (program !== 'node') throw new Error(`the image starts ${program}, not node`)
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: completeInPlace(),
    env: {...process.env, ...imageEnv, ...env, HOSTNAME: '127.0.0.1', PORT: String(port)},
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (chunk) => (output += chunk))
  child.stderr?.on('data', (chunk) => (output += chunk))
  const exited = new Promise<{code: number | null; signal: NodeJS.Signals | null; at: number}>((resolve) =>
    child.once('exit', (code, signal) => resolve({code, signal, at: Date.now()})),
  )
  const url = `http://127.0.0.1:${port}`
  await until(
    `instance on ${port} ready`,
    async () => {
      if (child.exitCode !== null) throw new Error('it exited')
      return ask(`${url}/api/ready`).then(
        ({status}) => status === 200,
        () => false,
      )
    },
    60_000,
    100,
  ).catch((error: Error) => {
    throw new Error(`instance on ${port} did not become ready: ${error.message}\n${output}`)
  })
  return {url, port, logs: () => output, exited, signal: (signal) => child.kill(signal)}
}
