import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import {afterEach, describe, expect, it, vi} from 'vitest'
import {purgeCachingProxy, surrogateKeys} from '@/lib/freshness/caching-proxy.mjs'
import {readTags, tagsForChange} from '@/lib/content/tags'

describe('the keys a page names', () => {
  it("are the tags of its reads, without Next's own path tags", () => {
    const tags = [
      ...readTags('*[_type == "operator"]', {}, [{_id: 'operator.kcell', policy: {_ref: 'drafts.policy.kcell'}}]),
      '_N_T_/en/layout',
      '_N_T_/en/operators/kcell',
    ]
    expect(surrogateKeys(tags).split(' ').sort()).toEqual(['content', 'doc:operator.kcell', 'doc:policy.kcell', 'type:operator'])
  })

  it('meet the tags a change expires, from the same function', () => {
    const page = surrogateKeys(readTags('*[_type == "faq"]{..., "operators": *[_type == "operator"]{name}}', {}, [{_id: 'faq.1'}])).split(
      ' ',
    )
    expect(tagsForChange({_id: 'operator.kcell', _type: 'operator'}).some((tag) => page.includes(tag))).toBe(true)
    expect(tagsForChange({_id: 'guide', _type: 'guide'}).some((tag) => page.includes(tag))).toBe(false)
  })

  it('never hold a separator inside a key', () => {
    expect(surrogateKeys(['doc:a b', 'doc:a,b', 'doc:ok', ''])).toBe('doc:ok')
  })
})

describe('purging the caching proxy', () => {
  let server: Server | undefined
  afterEach(async () => {
    vi.restoreAllMocks()
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)))
    server = undefined
  })

  /** A stand-in proxy that answers each purge with the next status of `statuses`, and records the keys. */
  async function standIn(statuses: number[]) {
    const seen: {method: string; keys: string}[] = []
    server = createServer((req, res) => {
      seen.push({method: req.method!, keys: String(req.headers['xkey-purge'])})
      res.writeHead(statuses.shift() ?? 200).end()
    })
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
    return {url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen}
  }

  it('does nothing when there is no proxy', async () => {
    await expect(purgeCachingProxy(['doc:a'], '')).resolves.toBeUndefined()
  })

  it('sends the tags as keys and waits for the answer', async () => {
    const proxy = await standIn([200])
    await purgeCachingProxy(['doc:policy.kcell', 'type:policy', '_N_T_/en'], proxy.url)
    expect(proxy.seen).toEqual([{method: 'PURGE', keys: 'doc:policy.kcell type:policy'}])
  })

  it('splits many keys into requests the proxy accepts', async () => {
    const proxy = await standIn([])
    const tags = Array.from({length: 500}, (_, i) => `doc:operator.number-${i}`)
    await purgeCachingProxy(tags, proxy.url)
    expect(proxy.seen.length).toBeGreaterThan(1)
    expect(proxy.seen.every(({keys}) => keys.length <= 4000)).toBe(true)
    expect(proxy.seen.flatMap(({keys}) => keys.split(' '))).toEqual(tags)
  })

  it('logs a failed purge and retries it once', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    const proxy = await standIn([503, 200])
    await purgeCachingProxy(['doc:a'], proxy.url)
    expect(proxy.seen).toHaveLength(2)
    expect(errors.mock.calls.flat().join('\n')).toMatch(/failed, retrying once: answered 503/)
  })

  it('rejects, with the reason, when the retry fails too', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    const proxy = await standIn([503, 403])
    await expect(purgeCachingProxy(['doc:a'], proxy.url)).rejects.toThrow(/failed twice: answered 403/)
    expect(proxy.seen).toHaveLength(2)
    expect(errors).toHaveBeenCalledTimes(2)
  })

  it('rejects when the proxy does not answer at all', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    await expect(purgeCachingProxy(['doc:a'], 'http://127.0.0.1:9')).rejects.toThrow(/failed twice/)
  })
})
