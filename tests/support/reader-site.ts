import type {TestProject} from 'vitest/node'
import {startSite, TEST_SECRETS} from './server'

/**
 * One reader site for every test that only reads (search engines, standards, security headers, a
 * reader in a browser): the tests' build on the bundled dataset, started once for all of them.
 * Tests that change content start servers of their own.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    readerSiteUrl: string
  }
}

export default async function startReaderSite(project: TestProject) {
  const site = await startSite({env: {...TEST_SECRETS}})
  project.provide('readerSiteUrl', site.url)
  return () => site.stop()
}
