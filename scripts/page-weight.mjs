#!/usr/bin/env node
// `npm run page-weight [-- BASE_URL]`: what each page costs a reader on a slow connection — its
// HTML, and every script it loads (<script src> and script preloads), gzipped as a server
// would send them; scripts a module-capable browser never fetches (nomodule) are left out. Against a running server (default http://127.0.0.1:3000).
import {gzipSync} from 'node:zlib'

const base = (process.argv[2] || process.env.BASE_URL || 'http://127.0.0.1:3000').replace(/\/$/, '')
const PAGES = ['/zh', '/en/operators/kcell', '/en/compare', '/en/faq', '/en/checklist?operator=kcell', '/studio']

const gzipped = (bytes) => gzipSync(bytes, {level: 9}).byteLength
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`

async function fetchBytes(url) {
  const response = await fetch(url)
  if (!response.ok) throw new Error(`${url}: ${response.status}`)
  return Buffer.from(await response.arrayBuffer())
}

const rows = []
for (const page of PAGES) {
  const html = await fetchBytes(`${base}${page}`)
  const text = html.toString('utf8')
  const sources = new Set(
    [
      // A nomodule script (the legacy polyfill) is never fetched by a browser that runs modules.
      // (The attribute may come before or after src: React writes it after, as noModule="".)
      ...[...text.matchAll(/<script([^>]*)\ssrc="([^"]+)"([^>]*)>/g)]
        .filter((match) => !/\snomodule/i.test(`${match[1]} ${match[3]}`))
        .map((match) => [match[0], match[2]]),
      ...text.matchAll(
        /<link[^>]*rel="(?:preload|modulepreload)"[^>]*as="script"[^>]*href="([^"]+)"|<link[^>]*href="([^"]+)"[^>]*as="script"/g,
      ),
    ]
      .map((match) => match[1] ?? match[2])
      .filter(Boolean)
      .map((src) => new URL(src.replace(/&amp;/g, '&'), `${base}/`).href),
  )
  let js = 0
  for (const src of sources) js += gzipped(await fetchBytes(src))
  rows.push({page, html: gzipped(html), scripts: sources.size, js})
}
console.log(`page weight at ${base} (gzipped)`)
for (const row of rows)
  console.log(`${row.page.padEnd(32)} HTML ${kb(row.html).padStart(9)}   JS ${kb(row.js).padStart(10)} in ${row.scripts} files`)
