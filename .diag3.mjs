import {spawn} from 'node:child_process'
import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import lighthouse from 'lighthouse'
import {Simulator} from '@paulirish/trace_engine/models/trace/lantern/simulation/Simulator.js'
const url = process.argv[2]
const chrome = spawn('/usr/bin/chromium', ['--headless', '--remote-debugging-port=0', `--user-data-dir=${mkdtempSync(join(tmpdir(), 'd-'))}`, '--no-sandbox', '--disable-gpu', 'about:blank'], {stdio: ['ignore', 'ignore', 'pipe']})
const port = await new Promise((r) => { let o = ''; chrome.stderr.on('data', (c) => { o += c; const m = /:(\d+)\/devtools/.exec(o); if (m) r(Number(m[1])) }) })
for (let i = 0; i < Number(process.argv[3] || 1); i++) {
  Simulator.allNodeTimings.clear()
  const {lhr} = await lighthouse(url, {port, output: 'json', logLevel: 'error', onlyCategories: ['performance']})
  if (lhr.runtimeError) { console.log('runtimeError'); continue }
  const m = lhr.audits.metrics.details.items[0]
  console.log(`== simFCP ${Math.round(m.firstContentfulPaint)} simLCP ${Math.round(m.largestContentfulPaint)} obsFCP ${m.observedFirstContentfulPaint}`)
  for (const [label, timings] of Simulator.allNodeTimings) {
    if (!/ContentfulPaint/.test(label)) continue
    const rows = [...timings.entries()].map(([node, t]) => node.type === 'network' ? `net ${node.request.url.split('/').pop().slice(0, 24)} ${Math.round(t.startTime)}-${Math.round(t.endTime)}` : `cpu ${Math.round(t.startTime)}-${Math.round(t.endTime)} (${Math.round(t.duration)})`)
    const end = Math.max(...[...timings.values()].map((t) => t.endTime))
    console.log(`  ${label}: end ${Math.round(end)} ms; ${rows.join(' | ')}`)
    if (label === 'optimisticLargestContentfulPaint') {
      for (const [node] of timings) {
        if (node.type !== 'cpu') continue
        const names = [...new Set(node.childEvents.map((e) => e.name))].join(',')
        const deps = node.getDependencies().filter((d) => d.type === 'network').map((d) => d.request.url.split('/').pop().slice(0, 16)).join(',')
        console.log(`     cpu node ${Math.round(timings.get(node).startTime)}: deps [${deps}] events ${names.slice(0, 400)}`)
      }
    }
  }
}
chrome.kill()
