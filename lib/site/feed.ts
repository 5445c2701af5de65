import {changeLogLines, type ChangeLogLine} from '../content/change-log'
import type {OperatorSummary} from '../content/types'
import {translationsBehind} from '../content/translations'
import {format, formatList, formatMoment, LOCALE_TAGS, textIn, messagesFor, type Locale} from '../i18n/index'
import {localePath, operatorPath} from './paths'
import {absoluteUrl} from './seo'

const escapeXml = (text: string) =>
  text.replace(/[<>&'"]/g, (char) => ({'<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;'})[char]!)

/** RFC 3339, as Atom wants it (a date alone is that day's start); undefined for what is not a date. */
function atomDate(date: string): string | undefined {
  const moment = new Date(/^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T00:00:00Z` : date)
  return Number.isNaN(moment.getTime()) ? undefined : moment.toISOString().replace('.000Z', 'Z')
}

type Entry = {id: string; date: string; title: string; summary: string; url: string}

/** One operator's entries: its change-log lines, and its translations updated in some languages only. */
function policyEntries(operator: OperatorSummary, locale: Locale): Entry[] {
  const t = messagesFor(locale)
  const policy = operator.policy
  if (!policy) return []
  const url = absoluteUrl(operatorPath(locale, operator.slug))
  const title = `${operator.name}: ${format(t.operator.title, {name: operator.name})}`
  const ended = (line: Extract<ChangeLogLine, {kind: 'ended'}>) =>
    `${format(t.effect.ended, {date: formatMoment(line.date, locale)})}: ${textIn(line.text, locale) || (line.channel ? format(t.effect.channel, {channel: t.vocab.channel[line.channel]}) : '')}`
  const lines = changeLogLines(policy.changeLog, policy.ended).map((line) => ({
    id: `${policy._id}:${line.key}`,
    date: line.date,
    title,
    summary: line.kind === 'edit' ? textIn(line.summary, locale) : ended(line),
    url,
  }))
  const {newer, behind} = translationsBehind(policy)
  if (newer.length === 0) return lines
  const languages = (list: Locale[]) =>
    formatList(
      list.map((other) => t.translation.languages[other]),
      locale,
    )
  const translated = {
    id: `${policy._id}:translations:${policy._updatedAt}`,
    date: policy._updatedAt,
    title: format(t.translation.feedTitle, {name: operator.name, languages: languages(newer)}),
    summary: format(t.translation.feedSummary, {languages: languages(newer), behind: languages(behind)}),
    url,
  }
  return [...lines, translated]
}

/**
 * An Atom feed of policy changes, newest first: one entry per change-log line (editors' lines, and
 * facts no longer in force), and one per policy whose texts were updated in some languages and not
 * yet in others, saying which.
 */
export function policyChangesFeed(operators: OperatorSummary[], locale: Locale): string {
  const t = messagesFor(locale)
  const entries = operators
    .flatMap((operator) => policyEntries(operator, locale))
    // A line whose date is not a date (a hand-edited dataset) cannot be an Atom entry.
    .flatMap(({date, ...entry}) => {
      const updated = atomDate(date)
      return updated ? [{...entry, updated}] : []
    })
    .sort((a, b) => b.updated.localeCompare(a.updated) || a.id.localeCompare(b.id))
  const updated = entries[0]?.updated ?? '2026-01-01T00:00:00Z'
  const self = absoluteUrl(localePath(locale, '/feed.xml'))
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${LOCALE_TAGS[locale]}">`,
    `<title>${escapeXml(t.feed.title)}</title>`,
    `<id>${escapeXml(self)}</id>`,
    `<link rel="self" href="${escapeXml(self)}"/>`,
    `<link rel="alternate" type="text/html" href="${escapeXml(absoluteUrl(localePath(locale)))}"/>`,
    `<updated>${updated}</updated>`,
    ...entries.map((entry) =>
      [
        '<entry>',
        `<id>urn:kz-sim-guide:${escapeXml(entry.id)}</id>`,
        `<title>${escapeXml(entry.title)}</title>`,
        `<link href="${escapeXml(entry.url)}"/>`,
        `<updated>${entry.updated}</updated>`,
        `<author><name>${escapeXml(t.siteName)}</name></author>`,
        `<summary>${escapeXml(entry.summary)}</summary>`,
        '</entry>',
      ].join(''),
    ),
    '</feed>',
  ].join('\n')
}
