import {gzipSync} from 'node:zlib'

/** The scripts a page loads (src of <script>, and preloaded scripts), as absolute URLs. */
export function scriptUrls(html: string, base: string): string[] {
  const urls = new Set<string>()
  for (const [, src] of html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)) urls.add(new URL(src!, base).href)
  for (const [, href] of html.matchAll(
    /<link[^>]*rel="preload"[^>]*as="script"[^>]*href="([^"]+)"|<link[^>]*as="script"[^>]*rel="preload"[^>]*href="([^"]+)"/g,
  )) {
    if (href) urls.add(new URL(href, base).href)
  }
  return [...urls].sort()
}

export type ScriptWeight = {url: string; bytes: number; gzipped: number; text: string}

export async function weighScripts(urls: string[]): Promise<ScriptWeight[]> {
  return Promise.all(
    urls.map(async (url) => {
      const text = await (await fetch(url)).text()
      return {url, bytes: Buffer.byteLength(text), gzipped: gzipSync(text).length, text}
    }),
  )
}

export const totalGzipped = (scripts: ScriptWeight[]) => scripts.reduce((sum, script) => sum + script.gzipped, 0)

/**
 * The page's scripts and every chunk they can load later (chunk paths named in their code),
 * followed to the end: what a page could ever run, not only what it runs first.
 */
export async function reachableScripts(html: string, base: string): Promise<ScriptWeight[]> {
  const found = new Map<string, ScriptWeight>()
  let next = scriptUrls(html, base)
  while (next.length > 0) {
    const weighed = await weighScripts(next.filter((url) => !found.has(url)))
    for (const script of weighed) found.set(script.url, script)
    next = [
      ...new Set(
        weighed.flatMap((script) =>
          [...script.text.matchAll(/static\/chunks\/[\w.-]+\.js/g)].map(([path]) => new URL(`/_next/${path}`, base).href),
        ),
      ),
    ].filter((url) => !found.has(url))
  }
  return [...found.values()]
}

/** The scripts that hold visual editing's code (draft mode only), named by its package path inside them. */
export const visualEditingIn = (scripts: ScriptWeight[]) =>
  scripts.filter((script) => script.text.includes('visual-editing/')).map((script) => script.url)
