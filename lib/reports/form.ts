import {maskPersonalData, normalizeLineBreaks, plainMessage} from './mask'
import {
  CHANNEL_VALUES,
  MAX_MESSAGE_CHARS,
  OUTCOME_VALUES,
  REPORT_FIELDS,
  REPORT_YEARS,
  type ReportChannel,
  type ReportOutcome,
} from './vocabulary'

/**
 * Reads the fields the report form sends, and nothing else: the server trusts no field it did
 * not ask for, and no value outside the form's choices. Pure, so every rule is unit-tested.
 */
export type ReportAnswers = {
  outcome: ReportOutcome
  channel: ReportChannel
  /** The month it happened, as YYYY-MM. */
  happenedOn: string
  /** Plain text with personal data masked; absent when the reader wrote nothing. */
  message?: string
}

export type FormReading =
  | {kind: 'answers'; answers: ReportAnswers}
  /** The honeypot was filled in: a bot, whatever else it sent. */
  | {kind: 'trap'}
  | {kind: 'invalid'; reason: string}

const KNOWN_FIELDS = new Set<string>(Object.values(REPORT_FIELDS))

const isOneOf = <T extends string>(list: readonly T[], value: string | undefined): value is T => list.includes(value as T)

/** The months a report may be about: from January, REPORT_YEARS years back, to this month anywhere on Earth. */
function reportableMonths(now: Date): {earliest: string; latest: string} {
  // UTC+14 is the earliest any reader's calendar turns: "this month" for all of them.
  const latest = new Date(now.getTime() + 14 * 3_600_000).toISOString().slice(0, 7)
  return {earliest: `${now.getUTCFullYear() - REPORT_YEARS}-01`, latest}
}

/** The years the form offers, newest first: this year and the REPORT_YEARS - 1 before it. */
export const reportYears = (now: Date) => Array.from({length: REPORT_YEARS}, (_, index) => now.getUTCFullYear() - index)

export function readReportForm(entries: Iterable<[string, FormDataEntryValue]>, now: Date): FormReading {
  const fields = new Map<string, string>()
  for (const [name, value] of entries) {
    if (!KNOWN_FIELDS.has(name)) return {kind: 'invalid', reason: `unknown field ${JSON.stringify(name.slice(0, 40))}`}
    if (typeof value !== 'string') return {kind: 'invalid', reason: `"${name}" is not text`}
    if (fields.has(name)) return {kind: 'invalid', reason: `"${name}" sent twice`}
    fields.set(name, value)
  }
  if (fields.get(REPORT_FIELDS.honeypot)?.trim()) return {kind: 'trap'}

  const outcome = fields.get(REPORT_FIELDS.outcome)
  const channel = fields.get(REPORT_FIELDS.channel)
  const month = fields.get(REPORT_FIELDS.month) ?? ''
  const year = fields.get(REPORT_FIELDS.year) ?? ''
  if (!isOneOf(OUTCOME_VALUES, outcome)) return {kind: 'invalid', reason: 'outcome missing or unknown'}
  if (!isOneOf(CHANNEL_VALUES, channel)) return {kind: 'invalid', reason: 'channel missing or unknown'}
  if (!/^(0?[1-9]|1[0-2])$/.test(month) || !/^\d{4}$/.test(year)) return {kind: 'invalid', reason: 'month or year missing or malformed'}
  const happenedOn = `${year}-${month.padStart(2, '0')}`
  const {earliest, latest} = reportableMonths(now)
  if (happenedOn < earliest || happenedOn > latest) return {kind: 'invalid', reason: `month ${happenedOn} outside ${earliest}…${latest}`}

  // Counted as the reader's browser counts (line breaks as one character), which bounds the work of
  // normalising it (NFKC makes up to 18 characters of one), and again as it is kept: 1,000 x U+3316
  // would be 6,000 letters.
  const written = normalizeLineBreaks(fields.get(REPORT_FIELDS.message) ?? '')
  const tooLong = (text: string) => [...text].length > MAX_MESSAGE_CHARS
  if (tooLong(written)) return {kind: 'invalid', reason: `message over ${MAX_MESSAGE_CHARS} characters`}
  const plain = plainMessage(written)
  if (tooLong(plain)) return {kind: 'invalid', reason: `message over ${MAX_MESSAGE_CHARS} characters once normalised`}
  const message = maskPersonalData(plain)
  return {kind: 'answers', answers: {outcome, channel, happenedOn, ...(message ? {message} : {})}}
}
