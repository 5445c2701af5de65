import {execFileSync} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {createServer, request, type IncomingHttpHeaders} from 'node:http'
import type {AddressInfo} from 'node:net'
import {dirname, matchesGlob, relative, resolve} from 'node:path'
import {describe, expect, it} from 'vitest'
import {drainSettings, localStudioBackendAllowed} from '@/lib/env.mjs'
import {readiness} from '@/lib/instance/readiness'
import {missingSharedSecrets} from '@/lib/instance/shared-secrets'
import {believedForwardedFor, isTrustedHop, parseTrustedHops, trustForwardedForOnlyFromTrustedHops} from '@/lib/instance/trusted-hops'
import {sharedReportKey} from '@/lib/reports/settings'
import {readyInstances, siteVcl} from '@/scripts/caching-proxy.mjs'

/** Settings as the environment would give them. */
const env = (vars: Record<string, string>) => vars as NodeJS.ProcessEnv

describe('the trusted hops', () => {
  const {ranges} = parseTrustedHops('127.0.0.1, ::1, 10.89.0.0/16')

  it('are addresses and networks, in either family, however the connection spells them', () => {
    expect(isTrustedHop('127.0.0.1', ranges)).toBe(true)
    expect(isTrustedHop('::ffff:127.0.0.1', ranges)).toBe(true)
    expect(isTrustedHop('::1', ranges)).toBe(true)
    expect(isTrustedHop('10.89.3.7', ranges)).toBe(true)
    expect(isTrustedHop('127.0.0.2', ranges)).toBe(false)
    expect(isTrustedHop('10.90.0.1', ranges)).toBe(false)
    expect(isTrustedHop('2001:db8::1', ranges)).toBe(false)
    expect(isTrustedHop(undefined, ranges)).toBe(false)
  })

  it('may be host names, looked up, and nothing else', () => {
    expect(parseTrustedHops('caching-proxy,127.0.0.1').hostNames).toEqual(['caching-proxy'])
    expect(() => parseTrustedHops('proxy; rm -rf')).toThrow(/neither an address/)
  })

  it('are the only ones whose X-Forwarded-For is believed: anyone else gets their own address', async () => {
    await trustForwardedForOnlyFromTrustedHops('127.0.0.1')
    const seen: IncomingHttpHeaders[] = []
    const server = createServer((req, res) => (seen.push(req.headers), res.end()))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const send = (localAddress: string) =>
      new Promise<void>((resolve, reject) => {
        const req = request(
          {host: '127.0.0.1', port: (server.address() as AddressInfo).port, localAddress, headers: {'x-forwarded-for': '203.0.113.7'}},
          (res) => {
            res.resume()
            res.on('end', resolve)
          },
        )
        req.on('error', reject)
        req.end()
      })
    try {
      await send('127.0.0.1')
      await send('127.0.0.2')
    } finally {
      server.close()
    }
    const believed = seen.map((headers) => believedForwardedFor(new Headers(headers as Record<string, string>)))
    expect(believed).toEqual(['203.0.113.7', '127.0.0.2'])
    // A request the check never saw (one that arrived while the server started) is not believed.
    expect(believedForwardedFor(new Headers({'x-forwarded-for': '203.0.113.7'}))).toBeNull()
  })
})

describe('readiness', () => {
  it('is ready when no check is down; a check that does not apply is off, and a check that fails is down', async () => {
    expect(
      await readiness([
        {name: 'a', state: () => 'ok'},
        {name: 'feed', state: () => 'off'},
      ]),
    ).toEqual({ready: true, checks: {a: 'ok', feed: 'off'}})
    const failing = async (): Promise<'ok'> => {
      throw new Error('secret host redis.internal:6379')
    }
    expect(
      await readiness([
        {name: 'a', state: () => 'ok'},
        {name: 'store', state: failing},
      ]),
    ).toEqual({ready: false, checks: {a: 'ok', store: 'down'}})
  })

  it('waits for the caching proxy 5 s after SIGTERM by default, and gives up 25 s after it', () => {
    expect(drainSettings(env({}))).toEqual({delayMs: 5_000, timeoutMs: 25_000})
    expect(drainSettings(env({DRAIN_DELAY_SECONDS: '2.5', DRAIN_TIMEOUT_SECONDS: 'soon'}))).toEqual({delayMs: 2_500, timeoutMs: 25_000})
  })
})

describe('the secrets instances share', () => {
  it('are required only of an instance that shares Redis', () => {
    expect(missingSharedSecrets(env({}))).toEqual([])
    expect(missingSharedSecrets(env({REDIS_URL: 'redis://redis:6379'}))).toEqual(['REPORTS_CLIENT_SECRET'])
    expect(missingSharedSecrets(env({REDIS_URL: 'redis://redis:6379', REPORTS_CLIENT_SECRET: 'k'}))).toEqual([])
    const lake = {REDIS_URL: 'redis://r', SANITY_PROJECT_ID: 'abc'}
    expect(missingSharedSecrets(env(lake))).toEqual([
      'SANITY_REVALIDATE_SECRET',
      'SANITY_API_READ_TOKEN',
      'DRAFT_MODE_SECRET',
      'REPORTS_CLIENT_SECRET',
    ])
    expect(
      missingSharedSecrets(env({...lake, SANITY_REVALIDATE_SECRET: 'w', SANITY_API_READ_TOKEN: 't', DRAFT_MODE_SECRET: 'd'.repeat(32)})),
    ).toEqual([])
  })

  it('include a report key derived from the webhook secret when none is set: the same on every instance, and not the secret', () => {
    const key = sharedReportKey(env({SANITY_REVALIDATE_SECRET: 'webhook-secret'}))
    expect(key).toBe(sharedReportKey(env({SANITY_REVALIDATE_SECRET: 'webhook-secret'})))
    expect(key).not.toContain('webhook-secret')
    expect(sharedReportKey(env({SANITY_REVALIDATE_SECRET: 'another'}))).not.toBe(key)
    expect(sharedReportKey(env({SANITY_REVALIDATE_SECRET: 'webhook-secret', REPORTS_CLIENT_SECRET: 'set'}))).toBe('set')
    expect(sharedReportKey(env({}))).toBeUndefined()
  })
})

describe('the local Studio backend', () => {
  it('runs for the laptop default, never for a production server on another address unless asked for by name', () => {
    expect(localStudioBackendAllowed(env({}))).toBe(true)
    expect(localStudioBackendAllowed(env({NODE_ENV: 'production', HOSTNAME: '127.0.0.1'}))).toBe(true)
    expect(localStudioBackendAllowed(env({NODE_ENV: 'production', HOSTNAME: 'localhost'}))).toBe(true)
    expect(localStudioBackendAllowed(env({NODE_ENV: 'production'}))).toBe(false)
    expect(localStudioBackendAllowed(env({NODE_ENV: 'production', HOSTNAME: '0.0.0.0'}))).toBe(false)
    expect(localStudioBackendAllowed(env({NODE_ENV: 'production', HOSTNAME: '10.0.0.5', LOCAL_STUDIO_BACKEND: 'on'}))).toBe(true)
    expect(localStudioBackendAllowed(env({LOCAL_STUDIO_BACKEND: 'off'}))).toBe(false)
    expect(() => localStudioBackendAllowed(env({LOCAL_STUDIO_BACKEND: 'yes'}))).toThrow(/"on" or "off"/)
  })
})

describe("the caching proxy's instances", () => {
  const instances = [
    {address: '10.89.0.5', port: '3000'},
    {address: '10.89.0.7', port: '3000'},
  ]

  it('are each a backend probed for readiness and one that is not, in two directors, and may purge', () => {
    const vcl = siteVcl(instances, {UPSTREAM_URL: 'http://site:3000', SITE_URL: 'https://kz-sim.example'})
    for (const name of ['10_89_0_5_3000', '10_89_0_7_3000']) {
      expect(vcl).toMatch(new RegExp(`backend ready_${name} \\{[^}]*\\.probe = readiness;`))
      expect(vcl).toMatch(new RegExp(`backend any_${name} \\{[^}]*\\}`))
      expect(vcl).not.toMatch(new RegExp(`backend any_${name} \\{[^}]*\\.probe`))
      expect(vcl).toContain(`ready_instances.add_backend(ready_${name});`)
      expect(vcl).toContain(`any_instances.add_backend(any_${name});`)
    }
    expect(vcl).toMatch(/acl purgers \{[^}]*"10\.89\.0\.5";[^}]*"10\.89\.0\.7";/)
    expect(vcl).toContain('.url = "/api/ready";')
    expect(vcl).not.toMatch(/\{\{[A-Z_]+\}\}/)
  })

  it('are in rotation when the VCL in use says their probe is healthy', () => {
    const vclList = 'available   auto    warm         0    boot\nactive      auto    warm         0    instances2\n'
    const backendList = [
      'Backend name                      Admin     Probe   Health    Last change',
      'boot.ready_10_89_0_5_3000         probe     2/2     healthy   Mon, 07 Dec 2026 14:23:36 GMT',
      'instances2.ready_10_89_0_5_3000   probe     0/2     sick      Mon, 07 Dec 2026 14:23:36 GMT',
      'instances2.any_10_89_0_5_3000     healthy   0/0     healthy   Mon, 07 Dec 2026 14:23:36 GMT',
      'instances2.ready_10_89_0_7_3000   probe     1/2     healthy   Mon, 07 Dec 2026 14:23:36 GMT',
    ].join('\n')
    expect(readyInstances(vclList, backendList, instances)).toEqual(['10.89.0.7 3000'])
  })
})

describe("the image's build context", () => {
  // The image builds and type-checks what .dockerignore leaves in; a file left in that imports one
  // left out fails the image's `next build` only, which no other test runs.
  it('holds no TypeScript that imports a file .dockerignore leaves out', () => {
    const ignored = readFileSync('.dockerignore', 'utf8')
      .split('\n')
      .filter((line) => line && !line.startsWith('#'))
    const leftOut = (file: string) => ignored.some((pattern) => matchesGlob(file, pattern) || file.startsWith(`${pattern}/`))
    const kept = execFileSync('git', ['ls-files', '*.ts', '*.tsx'], {encoding: 'utf8'})
      .split('\n')
      .filter((file) => file && !leftOut(file))
    const broken = kept.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/^import[^'"]*['"](\.{1,2}\/[^'"]+)['"]/gm)]
        .map(([, target]) => relative('.', resolve(dirname(file), target!)))
        .filter(leftOut)
        .map((target) => `${file} → ${target}`),
    )
    expect(kept.length).toBeGreaterThan(100)
    expect(broken).toEqual([])
  })
})
