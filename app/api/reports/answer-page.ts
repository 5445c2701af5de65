import {format, LOCALE_TAGS, messagesFor} from '@/lib/i18n'
import {localePath, reportFormPath} from '@/lib/site/paths'
import type {Reception} from '@/lib/reports/receive'

/**
 * The page a reader without JavaScript sees when a report was not stored: what happened, in the
 * reader's language, and the way back. A route handler cannot render React, so it is a small
 * page of its own; every text in it is escaped, and nothing the reader sent is shown.
 */
const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'})[char]!)

/** The site's colours and type, in a few lines: the page stands alone and loads nothing. */
const STYLE =
  'body{font:1rem/1.55 system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei",sans-serif;color:#1a1d21;max-width:40rem;margin:0 auto;padding:1.5rem 1rem}' +
  'h1{font-size:1.5rem;line-height:1.25}a{color:#0b5cab}.button{display:inline-block;background:#0b5cab;color:#fff;padding:.6rem 1rem;border-radius:6px;text-decoration:none;min-height:44px;box-sizing:border-box}'

/** A report that was not stored: back to the operator's form when the operator is known, else to the guide. */
export function reportAnswerPage({problem, locale, operator, retryAfterSeconds}: Extract<Reception, {received: false}>): string {
  const t = messagesFor(locale)
  // A request in a format the form never sends reads as an incomplete form.
  const {title, body} = t.report.problems[problem === 'unsupported' ? 'invalid' : problem]
  const minutes = Math.max(1, Math.ceil((retryAfterSeconds ?? 60) / 60))
  const [back, backLabel] = operator ? [reportFormPath(locale, operator), t.report.backToForm] : [localePath(locale), t.report.backToGuide]
  return `<!DOCTYPE html>
<html lang="${LOCALE_TAGS[locale]}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${escapeHtml(`${title} · ${t.siteName}`)}</title><style>${STYLE}</style></head>
<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(format(body, {minutes}))}</p><p><a class="button" href="${escapeHtml(back)}">${escapeHtml(backLabel)}</a></p></main></body></html>
`
}
