import {describe} from 'vitest'
import {hasVarnish} from './caching-proxy'
import {hasRedisServer} from './redis'

/**
 * What some tests need from the machine, and what is missing. A test that lacks it is skipped the
 * same way everywhere: its title carries the reason, which `npm test` prints by name and in its
 * last line. `.ci/run` installs all of it, so CI never skips.
 */
const missing = {
  redis: () => (hasRedisServer() ? undefined : 'redis-server is not installed (apt-get install redis-server)'),
  varnish: () =>
    hasVarnish()
      ? undefined
      : 'varnishd with xkey and digest is not installed (apt-get install varnish varnish-modules varnish-vmod-digest)',
}
export type Requirement = keyof typeof missing

/** Why these requirements cannot be met here, or undefined when they can. */
export const missingFor = (...requirements: Requirement[]) =>
  requirements
    .map((requirement) => missing[requirement]())
    .filter(Boolean)
    .join('; ') || undefined

/** `describe`, skipped with its reason in the title when the machine lacks what it needs. */
export function describeWith(requirements: Requirement[], title: string, body: () => void) {
  const why = missingFor(...requirements)
  // oxlint-disable-next-line vitest/no-disabled-tests, vitest/valid-title, vitest/valid-describe-callback -- skipped on purpose, with the reason in its title
  return why ? describe.skip(`${title} [skipped: ${why}]`, body) : describe(title, body)
}
