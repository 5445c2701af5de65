import {createHash} from 'node:crypto'
import {MIMEType} from 'node:util'
import htmlEncodingSniffer from 'html-encoding-sniffer'
import {convert, type HtmlToTextOptions} from 'html-to-text'
import {removeHiddenCharacters} from '../text/hidden-characters'

/**
 * What a source says, as the checker compares it: for an HTML page, the text a reader reads,
 * without scripts, styles, navigation and page chrome, one block per line with whitespace
 * normalised, so a rebuilt page, a new tracking script or re-indented markup is not a change;
 * for a PDF or anything else, its bytes. HTML is parsed by html-to-text (htmlparser2), never by
 * regular expressions, and decoded with the charset the WHATWG sniffing algorithm finds.
 */

export type PageContent = {comparedAs: 'text'; text: string; hash: string} | {comparedAs: 'bytes'; size: number; hash: string}

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml'])

/** Elements that are never the page's meaning: code, media, navigation, page chrome, controls. */
const SKIPPED = [
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'canvas',
  'iframe',
  'object',
  'img',
  'picture',
  'video',
  'audio',
  'nav',
  'header',
  'footer',
  'aside',
  'form',
  'button',
  'select',
  'dialog',
  '[role=navigation]',
  '[role=banner]',
  '[role=contentinfo]',
  '[role=search]',
  '[hidden]',
  '[aria-hidden=true]',
]

const TEXT_OPTIONS: HtmlToTextOptions = {
  wordwrap: false,
  // The page's <main> when it has one, else the whole body.
  baseElements: {selectors: ['main'], returnDomByDefault: true},
  selectors: [
    ...SKIPPED.map((selector) => ({selector, format: 'skip'})),
    // Link targets carry session and tracking parameters; the words are the meaning.
    {selector: 'a', options: {ignoreHref: true}},
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({selector, options: {uppercase: false}})),
    // A table row is a line, its cells separated by spaces.
    {selector: 'table', format: 'block'},
    {selector: 'tr', format: 'block'},
    ...['td', 'th'].map((selector) => ({selector, format: 'inlineSurround', options: {suffix: ' '}})),
  ],
}

/**
 * The text of an HTML page, one non-empty line per block, whitespace collapsed, and without
 * characters a reader does not see (lib/text/hidden-characters.ts): a page cannot make the change an
 * editor reads in the Sources view show differently from what it says.
 */
export function mainText(html: string): string {
  return convert(html, TEXT_OPTIONS)
    .split('\n')
    .map((line) => removeHiddenCharacters(line).replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n')
}

function mimeType(contentType: string | undefined): MIMEType | undefined {
  try {
    return contentType ? new MIMEType(contentType) : undefined
  } catch {
    return undefined
  }
}

/** HTML bytes as text, in the charset the header, a BOM or a <meta> names (windows-1252 when none does, as browsers do). */
export function decodeHtml(bytes: Uint8Array, contentType?: string): string {
  const label = mimeType(contentType)?.params.get('charset') ?? undefined
  const encoding = htmlEncodingSniffer(bytes, {transportLayerEncodingLabel: label})
  try {
    return new TextDecoder(encoding).decode(bytes)
  } catch {
    return new TextDecoder('utf-8').decode(bytes)
  }
}

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex')

export function pageContent(bytes: Uint8Array, contentType: string | undefined): PageContent {
  const type = mimeType(contentType)
  if (type && HTML_TYPES.has(type.essence)) {
    const text = mainText(decodeHtml(bytes, contentType))
    return {comparedAs: 'text', text, hash: `sha256:${sha256(text)}`}
  }
  return {comparedAs: 'bytes', size: bytes.byteLength, hash: `sha256:${sha256(bytes)}`}
}
