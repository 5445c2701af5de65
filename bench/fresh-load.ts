import {Agent, request} from 'node:http'

export type Edit = {n: number; answeredAt: number}

/**
 * Load with change, counted per response: `connections` keep-alive connections fetch `paths` in
 * turn for `seconds`, while `edit(n)` publishes edit n every second and resolves once the site
 * answered its webhook. A response is stale when its request started after the webhook of a
 * newer edit than the one it shows had answered. `shownEdit` reads the edit a page shows
 * (undefined: the page does not show the edited field). Errors: no answer, a status other than
 * 200, or a body that is not a whole page.
 */
export async function loadWithEdits(options: {
  url: string
  paths: string[]
  seconds: number
  connections: number
  edit: (n: number) => Promise<void>
  shownEdit: (path: string, html: string) => number | undefined
}) {
  const agent = new Agent({keepAlive: true, maxSockets: options.connections})
  const edits: Edit[] = [{n: 0, answeredAt: -Infinity}]
  const latestAnsweredBefore = (time: number) => edits.findLast((edit) => edit.answeredAt < time)!.n
  const end = performance.now() + options.seconds * 1000
  const result = {requests: 0, errors: 0, checked: 0, stale: 0, edits: 0, editFailures: 0, latencies: [] as number[]}

  const fetchOnce = (path: string) =>
    new Promise<{status: number; body: string}>((resolve, reject) => {
      const req = request(`${options.url}${path}`, {agent}, (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk) => (body += chunk))
        res.on('end', () => resolve({status: res.statusCode!, body}))
        res.on('error', reject)
      })
      req.on('error', reject)
      req.end()
    })

  const worker = async (offset: number) => {
    for (let i = offset; performance.now() < end; i++) {
      const path = options.paths[i % options.paths.length]!
      const started = performance.now()
      const expected = latestAnsweredBefore(started)
      result.requests++
      try {
        const {status, body} = await fetchOnce(path)
        result.latencies.push(performance.now() - started)
        if (status !== 200 || !body.trimEnd().endsWith('</html>')) {
          result.errors++
          continue
        }
        const shown = options.shownEdit(path, body)
        if (shown === undefined) continue
        result.checked++
        if (shown < expected) result.stale++
      } catch {
        result.errors++
      }
    }
  }

  const editor = (async () => {
    for (let n = 1; performance.now() + 1000 < end; n++) {
      const due = performance.now() + 1000
      try {
        await options.edit(n)
        edits.push({n, answeredAt: performance.now()})
        result.edits++
      } catch {
        result.editFailures++
      }
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())))
    }
  })()

  await Promise.all([...Array.from({length: options.connections}, (_, i) => worker(i)), editor])
  agent.destroy()
  return result
}
