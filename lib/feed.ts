import type {OperatorSummary} from './content/types'
import {format, LOCALE_TAGS, textIn, messagesFor, type Locale} from './i18n'
import {localePath, operatorPath} from './paths'
import {absoluteUrl} from './seo'

const escapeXml = (text: string) =>
  text.replace(/[<>&'"]/g, (char) => ({'<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;'})[char]!)

/** An Atom feed of policy changes: one entry per change-log line, newest first. */
export function policyChangesFeed(operators: OperatorSummary[], locale: Locale): string {
  const t = messagesFor(locale)
  const entries = operators
    .flatMap((operator) =>
      (operator.policy?.changeLog ?? []).map((change) => ({
        id: `${operator.policy!._id}:${change._key}`,
        date: change.date,
        title: `${operator.name}: ${format(t.operator.title, {name: operator.name})}`,
        summary: textIn(change.summary, locale),
        url: absoluteUrl(operatorPath(locale, operator.slug)),
      })),
    )
    .sort((a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id))
  const updated = entries[0]?.date ?? '2026-01-01'
  const self = absoluteUrl(localePath(locale, '/feed.xml'))
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${LOCALE_TAGS[locale]}">`,
    `<title>${escapeXml(t.feed.title)}</title>`,
    `<id>${escapeXml(self)}</id>`,
    `<link rel="self" href="${escapeXml(self)}"/>`,
    `<link rel="alternate" type="text/html" href="${escapeXml(absoluteUrl(localePath(locale)))}"/>`,
    `<updated>${updated}T00:00:00Z</updated>`,
    ...entries.map((entry) =>
      [
        '<entry>',
        `<id>urn:kz-sim-guide:${escapeXml(entry.id)}</id>`,
        `<title>${escapeXml(entry.title)}</title>`,
        `<link href="${escapeXml(entry.url)}"/>`,
        `<updated>${entry.date}T00:00:00Z</updated>`,
        `<author><name>${escapeXml(t.siteName)}</name></author>`,
        `<summary>${escapeXml(entry.summary)}</summary>`,
        '</entry>',
      ].join(''),
    ),
    '</feed>',
  ].join('\n')
}
