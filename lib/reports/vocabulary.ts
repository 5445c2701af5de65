import {vocabulary, type ValuesOf} from '../content/vocabulary'

/**
 * What a reader's report can say, and what editors decide about it: one definition for the
 * form, the server that checks it, the Studio's schema and the interface text. Titles are the
 * Studio's (English); readers see messages.
 */
export const REPORT_OUTCOMES = vocabulary([
  ['asDescribed', 'Worked as the page describes'],
  ['different', 'Different from the page'],
  ['couldNotCancel', 'Could not cancel'],
] as const)
export type ReportOutcome = ValuesOf<typeof REPORT_OUTCOMES>

/** How the reader cancelled, or tried to: broader than a policy's channels, as a reader tells it. */
export const REPORT_CHANNELS = vocabulary([
  ['office', 'Office'],
  ['hotline', 'Hotline'],
  ['app', 'App'],
  ['online', 'Online (website, personal account, chat)'],
] as const)
export type ReportChannel = ValuesOf<typeof REPORT_CHANNELS>

export const REPORT_STATUSES = vocabulary([
  ['new', 'New'],
  ['useful', 'Useful'],
  ['dismissed', 'Dismissed'],
] as const)
export type ReportStatus = ValuesOf<typeof REPORT_STATUSES>

export const OUTCOME_VALUES = REPORT_OUTCOMES.map(({value}) => value)
export const CHANNEL_VALUES = REPORT_CHANNELS.map(({value}) => value)

/** The longest message kept, in characters (code points). */
export const MAX_MESSAGE_CHARS = 1000

/**
 * The largest request body accepted. The form sends multipart/form-data, so text travels as UTF-8
 * and 1,000 Chinese characters take about 3 KB; URL-encoding would make them 9 KB.
 */
export const MAX_BODY_BYTES = 8 * 1024

/** The form's fields. `extra` is the honeypot: hidden from people, filled in by form-filling bots. */
export const REPORT_FIELDS = {
  outcome: 'outcome',
  channel: 'channel',
  month: 'month',
  year: 'year',
  message: 'message',
  honeypot: 'extra',
} as const

/** How many years back a reader can say it happened, this year included. */
export const REPORT_YEARS = 3
