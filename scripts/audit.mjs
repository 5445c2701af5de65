#!/usr/bin/env node
// `npm run audit`: Lighthouse 12.2.3 (mobile) with Debian's Chromium on the home page, an operator
// page and the checklist of a production build on the bundled dataset. Prints the scores.
import {spawn, spawnSync} from 'node:child_process'
import {existsSync} from 'node:fs'
import {createServer} from 'node:net'
import * as chromeLauncher from 'chrome-launcher'
import lighthouse from 'lighthouse'

process.env.NEXT_TELEMETRY_DISABLED = '1'
const chromePath = process.env.CHROME_PATH || '/usr/bin/chromium'
if (!existsSync(chromePath)) {
  console.error(`No Chromium at ${chromePath}: apt-get install -y chromium (or set CHROME_PATH).`)
  process.exit(1)
}
// Audit a build of the site as readers get it, not the one `npm test` made with test values.
if (!existsSync('.next/BUILD_ID') || existsSync('.next/TEST_BUILD')) spawnSync('npx', ['next', 'build'], {stdio: 'inherit'})

const port = await new Promise((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const {port: free} = probe.address()
    probe.close(() => resolve(free))
  })
})
const server = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', String(port), '-H', '127.0.0.1'], {detached: true, stdio: 'ignore'})
const base = `http://127.0.0.1:${port}`
for (let i = 0; i < 100 && !(await fetch(`${base}/api/health`).then(() => true, () => false)); i++) await new Promise((r) => setTimeout(r, 100))

const pages = ['/zh', '/zh/operators/kcell', '/zh/checklist?operator=kcell&plan=prepaid&sim=physical&location=kz']
const chrome = await chromeLauncher.launch({
  chromePath,
  chromeFlags: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
})
try {
  console.log('page'.padEnd(70), 'perf  a11y  best  seo')
  for (const path of pages) {
    await fetch(`${base}${path}`) // warm the cache: readers get cached pages
    const result = await lighthouse(`${base}${path}`, {port: chrome.port, output: 'json', logLevel: 'error', formFactor: 'mobile'})
    const c = result.lhr.categories
    const score = (category) => String(Math.round(category.score * 100)).padStart(4)
    console.log(path.padEnd(70), score(c.performance), ' ', score(c.accessibility), ' ', score(c['best-practices']), ' ', score(c.seo))
    const failing = Object.values(result.lhr.audits).filter((audit) => audit.score !== null && audit.score < 0.9 && audit.scoreDisplayMode !== 'informative')
    for (const audit of failing.slice(0, 8)) console.log(`    - ${audit.id}: ${audit.displayValue ?? audit.title}`)
  }
} finally {
  await chrome.kill()
  process.kill(-server.pid, 'SIGTERM')
}
