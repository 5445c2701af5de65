#!/usr/bin/env node
// `npm run fleet:up | fleet:roll | fleet:down`: the site as a fleet, from compose.yaml and the
// Dockerfile (docs/deploy.md), run by Podman (podman-compose) or Docker (docker compose):
//   up    builds the images, starts FLEET_INSTANCES (2) instances, Redis and the caching proxy
//         detached, and returns once the proxy serves the guide on 127.0.0.1:FLEET_PORT (8080);
//   roll  restarts the instances one at a time: SIGTERM, then start it again, and only once the
//         proxy sends it requests again the next one; fails if one did not exit 0 within 30 s;
//   down  stops and removes the containers and their network.
// FLEET_ENGINE=podman|docker chooses the engine (default: podman if installed, else docker).
import {execFileSync, spawn, spawnSync} from 'node:child_process'
import {randomBytes} from 'node:crypto'
import {chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {dirname, join, resolve} from 'node:path'
import {createInterface} from 'node:readline'
import {fileURLToPath} from 'node:url'
import {readyInstances} from './caching-proxy.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const PROJECT = 'kz-sim-guide'
/** The proxy's working directory inside its container (the Dockerfile's PROXY_WORK_DIR). */
export const PROXY_WORK_DIR = '/var/lib/kz-sim-guide-proxy'
const SITE_PORT = '3000'
const STOP_SECONDS = 30

const onPath = (/** @type {string} */ command) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0
export const engine = process.env.FLEET_ENGINE || (onPath('podman') ? 'podman' : 'docker')
const compose = engine === 'podman' ? ['podman-compose'] : ['docker', 'compose']
const port = process.env.FLEET_PORT || '8080'

/** The secrets every instance (and, for draft sessions, the caching proxy) must share. */
const SHARED_SECRETS = ['REPORTS_CLIENT_SECRET', 'DRAFT_MODE_SECRET']

/**
 * The fleet's environment: the caller's, plus the secrets its instances share, made once and kept
 * in .fleet/secrets.env (git-ignored) so a restart keeps the same keys.
 */
function fleetEnv() {
  const env = {...process.env, FLEET_PORT: port, SITE_URL: process.env.SITE_URL || `http://localhost:${port}`}
  if (SHARED_SECRETS.every((name) => env[name])) return env
  const file = join(root, '.fleet', 'secrets.env')
  mkdirSync(dirname(file), {recursive: true})
  const kept = existsSync(file) ? readFileSync(file, 'utf8') : ''
  const made = SHARED_SECRETS.filter((name) => !kept.includes(`${name}=`)).map(
    (name) => `${name}=${randomBytes(32).toString('base64url')}\n`,
  )
  if (made.length > 0) {
    writeFileSync(file, kept + made.join(''), {mode: 0o600})
    chmodSync(file, 0o600)
  }
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const [name, ...value] = line.split('=')
    if (name && value.length > 0 && !env[name]) env[name] = value.join('=')
  }
  return env
}

/** Runs a command in the foreground; exits when it fails. */
function run(/** @type {string[]} */ [command, ...args], env = process.env) {
  const result = spawnSync(command, args, {stdio: 'inherit', cwd: root, env})
  if (result.status !== 0) {
    console.error(`fleet: ${[command, ...args].join(' ')} failed (${result.error?.message ?? `exit ${result.status}`})`)
    process.exit(1)
  }
}

export const output = (/** @type {string[]} */ args, env = process.env) =>
  execFileSync(engine, args, {cwd: root, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']}).trim()
/** The running containers of a service of the fleet, by name. */
export const containers = (/** @type {string} */ service, env = process.env) =>
  output(
    [
      'ps',
      '--filter',
      `label=com.docker.compose.project=${PROJECT}`,
      '--filter',
      `label=com.docker.compose.service=${service}`,
      '--format',
      '{{.Names}}',
    ],
    env,
  )
    .split('\n')
    .filter(Boolean)
    .sort()

/**
 * Podman on some machines cannot start a container with its defaults (crun on cgroups in hybrid
 * mode; ulimits it may not set). Then, and only then, deploy/podman/containers.conf is used.
 */
function withContainerSettings(/** @type {NodeJS.ProcessEnv} */ env) {
  if (engine !== 'podman' || env.CONTAINERS_CONF) return env
  const trial = spawnSync('podman', ['run', '--rm', '--network', 'none', 'localhost/kz-sim-guide-site:latest', 'node', '-e', '0'], {
    env,
    encoding: 'utf8',
  })
  if (trial.status === 0) return env
  console.log(
    `fleet: Podman's defaults cannot start a container here (${trial.stderr.trim().split('\n').at(-1)}): using deploy/podman/containers.conf`,
  )
  return {...env, CONTAINERS_CONF: join(root, 'deploy', 'podman', 'containers.conf')}
}

async function waitFor(/** @type {string} */ what, /** @type {() => boolean | Promise<boolean>} */ done, timeoutMs) {
  for (const started = Date.now(); !(await done());) {
    if (Date.now() - started > timeoutMs) {
      console.error(`fleet: ${what}: not within ${timeoutMs / 1000} s`)
      process.exit(1)
    }
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
}

const servesTheGuide = () =>
  fetch(`http://127.0.0.1:${port}/en`, {signal: AbortSignal.timeout(5_000)}).then(
    async (response) => response.status === 200 && (await response.text()).includes('</html>'),
    () => false,
  )

/**
 * Builds the images. Debian's podman-compose (1.0) exits 0 when a build fails, and the fleet would
 * start on the last images: it prints each command's `exit code: N`, which is read here instead.
 */
async function build(/** @type {NodeJS.ProcessEnv} */ env) {
  const child = spawn(compose[0], [...compose.slice(1), '-p', PROJECT, '-f', 'compose.yaml', 'build'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let failed = false
  for await (const line of createInterface({input: child.stdout})) {
    console.log(line)
    if (/^exit code: [1-9]\d*$/.test(line)) failed = true
  }
  const code = await new Promise((resolve) => child.once('close', resolve))
  if (failed || code !== 0) {
    console.error('fleet: building the images failed (see above)')
    process.exit(1)
  }
}

async function up() {
  const started = Date.now()
  let env = fleetEnv()
  await build(env)
  env = withContainerSettings(env)
  run([...compose, '-p', PROJECT, '-f', 'compose.yaml', 'up', '-d', '--no-build'], env)
  await waitFor(`the caching proxy serving the guide on 127.0.0.1:${port}`, servesTheGuide, 180_000)
  console.log(
    `fleet: ${containers('site', env).length} instances behind the caching proxy on http://127.0.0.1:${port} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  )
}

/** The instance's address on the fleet's network. */
export const addressOf = (/** @type {string} */ name, env = process.env) =>
  output(['inspect', name, '--format', '{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}'], env).split(' ')[0] ?? ''

/** Whether the caching proxy sends requests to the instance at `address`, as its probe and VCL say. */
export function inRotation(/** @type {string} */ proxy, /** @type {string} */ address, env = process.env) {
  try {
    const admin = (/** @type {string} */ command) => output(['exec', proxy, 'varnishadm', '-n', PROXY_WORK_DIR, command], env)
    return readyInstances(admin('vcl.list'), admin('backend.list'), [{address, port: SITE_PORT}]).length === 1
  } catch {
    return false
  }
}

async function roll() {
  const env = withContainerSettings(fleetEnv())
  const [proxy] = containers('caching-proxy', env)
  const instances = containers('site', env)
  if (!proxy || instances.length === 0) {
    console.error('fleet: no fleet is running (npm run fleet:up)')
    process.exit(1)
  }
  let failed = false
  for (const name of instances) {
    const stopping = Date.now()
    // SIGTERM (the image's stop signal), and SIGKILL only after STOP_SECONDS.
    run([engine, 'stop', '-t', String(STOP_SECONDS), name], env)
    const stoppedIn = (Date.now() - stopping) / 1000
    const exitCode = output(['inspect', name, '--format', '{{.State.ExitCode}}'], env)
    const starting = Date.now()
    run([engine, 'start', name], env)
    const address = addressOf(name, env)
    await waitFor(`${name} back in the caching proxy's rotation`, () => inRotation(proxy, address, env), 180_000)
    console.log(
      `fleet: ${name} exited ${exitCode} in ${stoppedIn.toFixed(1)} s; in rotation again ${((Date.now() - starting) / 1000).toFixed(1)} s after its start`,
    )
    if (exitCode !== '0' || stoppedIn >= STOP_SECONDS) failed = true
  }
  if (failed) {
    console.error('fleet: an instance did not exit 0 within 30 s')
    process.exit(1)
  }
}

function down() {
  const env = fleetEnv()
  run([...compose, '-p', PROJECT, '-f', 'compose.yaml', 'down'], env)
  // podman-compose 1.0 leaves the network it made; Docker Compose removes its own.
  if (engine === 'podman' && spawnSync('podman', ['network', 'exists', `${PROJECT}_default`]).status === 0)
    run(['podman', 'network', 'rm', `${PROJECT}_default`])
  const left = containers('site', env).length + containers('caching-proxy', env).length + containers('redis', env).length
  console.log(left === 0 ? 'fleet: nothing left running' : `fleet: ${left} containers still running`)
  if (left > 0) process.exit(1)
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const commands = {up, roll, down}
  const command = process.argv[2]
  if (!(command in commands)) {
    console.error(`usage: node scripts/fleet.mjs ${Object.keys(commands).join('|')}`)
    process.exit(2)
  }
  await commands[/** @type {keyof typeof commands} */ (command)]()
}
