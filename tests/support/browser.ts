import {existsSync, mkdirSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {chromium, type Browser} from 'playwright-core'

/** Screenshots are test artefacts, kept outside the repository. */
export const ARTIFACTS = process.env.TEST_ARTIFACTS_DIR || join(tmpdir(), 'kz-sim-guide-artifacts')

const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/**
 * Debian's Chromium when installed; otherwise the one @sparticuz/chromium ships inside its npm
 * package, so `npm ci && npm test` needs no extra step.
 */
export async function launchBrowser(): Promise<Browser> {
  mkdirSync(ARTIFACTS, {recursive: true})
  if (existsSync('/usr/bin/chromium')) {
    return chromium.launch({executablePath: '/usr/bin/chromium', args: ['--headless', ...FLAGS]})
  }
  const {default: packaged} = await import('@sparticuz/chromium')
  // Its serverless flags include --single-process, which ends the browser with its first context.
  const args = packaged.args.filter(
    (flag) => !['--single-process', '--disable-web-security', '--allow-running-insecure-content'].includes(flag),
  )
  return chromium.launch({executablePath: await packaged.executablePath(), args: [...args, ...FLAGS], headless: true})
}
