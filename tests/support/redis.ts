import {spawn, type ChildProcess} from 'node:child_process'
import {existsSync} from 'node:fs'
import {connect} from 'node:net'
import {freePort, until} from './server'

/** Debian's redis-server (`apt-get install redis-server`; .ci/run installs it when missing). */
export const REDIS_SERVER = process.env.REDIS_SERVER || '/usr/bin/redis-server'
export const hasRedisServer = () => existsSync(REDIS_SERVER)

export type RunningRedis = {url: string; port: number; stop: () => Promise<void>; start: () => Promise<void>}

const answers = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => (socket.destroy(), resolve(true)))
    socket.once('error', () => resolve(false))
  })

/** A throw-away redis-server on a free loopback port, without persistence; stop() and start() again on the same port. */
export async function startRedis(): Promise<RunningRedis> {
  const port = await freePort()
  let child: ChildProcess | undefined
  const redis: RunningRedis = {
    url: `redis://127.0.0.1:${port}`,
    port,
    async start() {
      child = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {stdio: 'ignore'})
      await until(
        `redis-server answers on port ${port}`,
        () => {
          if (child!.exitCode !== null) throw new Error(`redis-server exited on port ${port}`)
          return answers(port)
        },
        10_000,
      )
    },
    async stop() {
      if (!child || child.exitCode !== null) return
      const exited = new Promise((resolve) => child!.once('exit', resolve))
      child.kill('SIGTERM')
      await exited
    },
  }
  await redis.start()
  return redis
}

/** Every key of a Redis and its value, to compare what it holds before and after something. */
export async function redisContents(url: string): Promise<Record<string, unknown>> {
  const {createClient} = await import('redis')
  const client = createClient({url})
  await client.connect()
  try {
    const contents: Record<string, unknown> = {}
    for (const key of (await client.keys('*')).sort()) {
      const type = await client.type(key)
      contents[key] = type === 'hash' ? await client.hGetAll(key) : type === 'string' ? await client.get(key) : `(${type})`
    }
    return contents
  } finally {
    client.destroy()
  }
}
