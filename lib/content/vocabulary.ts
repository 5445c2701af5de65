/**
 * The closed vocabularies of the content model. The schema offers them as lists in Studio, the
 * queries and checklist logic rely on them, and the interface translates each value; one
 * definition keeps the three in step. Titles here are Studio's (English); readers see messages.
 */
export function vocabulary<const V extends string>(entries: readonly (readonly [V, string])[]) {
  return entries.map(([value, title]) => ({value, title}))
}
export type ValuesOf<T extends readonly {value: string}[]> = T[number]['value']

export const CONFIDENCE_LEVELS = vocabulary([
  ['high', 'High: official, or several independent sources'],
  ['medium', 'Medium: one reputable source, or an official page of unclear scope'],
  ['low', 'Low: third-party or old'],
  ['unverified', 'Unverified: no source yet'],
] as const)
export type Confidence = ValuesOf<typeof CONFIDENCE_LEVELS>

export const SUBSCRIPTION_KINDS = vocabulary([
  ['prepaid', 'Prepaid'],
  ['postpaid', 'Postpaid (contract)'],
  ['esim', 'eSIM'],
  ['data', 'Data-only SIM or modem'],
] as const)
export type SubscriptionKind = ValuesOf<typeof SUBSCRIPTION_KINDS>

export const CHANNEL_KINDS = vocabulary([
  ['office', 'Office (service centre)'],
  ['hotline', 'Hotline'],
  ['app', 'Mobile app'],
  ['website', 'Website / personal account'],
  ['email', 'E-mail'],
] as const)
export type ChannelKind = ValuesOf<typeof CHANNEL_KINDS>

/** Yes, no, or not known: an unknown fact must never read as a "no". */
export const TRI_STATE = vocabulary([
  ['yes', 'Yes'],
  ['no', 'No'],
  ['unknown', 'Not known'],
] as const)
export type TriState = ValuesOf<typeof TRI_STATE>

export const CONTACT_KINDS = vocabulary([
  ['hotline', 'Hotline'],
  ['chat', 'Support chat'],
  ['officeLocator', 'Office locator'],
  ['email', 'E-mail'],
] as const)
export type ContactKind = ValuesOf<typeof CONTACT_KINDS>

export const REFUND_OUTCOMES = vocabulary([
  ['refunded', 'Refunded'],
  ['notRefunded', 'Not refunded'],
  ['unknown', 'Not known'],
] as const)
export type RefundOutcome = ValuesOf<typeof REFUND_OUTCOMES>

export const PREREQUISITE_KINDS = vocabulary([
  ['debt', 'Settle any debt'],
  ['deviceInstalment', 'Device instalments'],
  ['bundles', 'Bundles and subscriptions'],
  ['other', 'Other'],
] as const)
export type PrerequisiteKind = ValuesOf<typeof PREREQUISITE_KINDS>

export const ALTERNATIVE_KINDS = vocabulary([
  ['portability', 'Number portability'],
  ['temporaryBlock', 'Temporary block'],
] as const)
export type AlternativeKind = ValuesOf<typeof ALTERNATIVE_KINDS>

/** What kind of statement a text is: a fact with its source, or advice from this guide. */
export const STATEMENT_KINDS = vocabulary([
  ['fact', 'Fact: says what a source says, and carries that source'],
  ['advice', 'Advice: our own suggestion, shown to readers as advice'],
] as const)
export type StatementKind = ValuesOf<typeof STATEMENT_KINDS>

/** Statements the checklist shows for a reader's situation, found by topic. */
export const STATEMENT_TOPICS = vocabulary([
  ['scamCall', 'The "your SIM is expiring" scam call'],
  ['holderAnswers', 'The registered holder answers for how a number is used'],
] as const)
export type StatementTopic = ValuesOf<typeof STATEMENT_TOPICS>

/** Whether a rule is adopted, or only a proposal (shown as "proposed, not in force"). */
export const EFFECT_STATUSES = vocabulary([
  ['adopted', 'Adopted'],
  ['proposed', 'Proposed: a draft rule, not in force'],
] as const)
export type EffectStatus = ValuesOf<typeof EFFECT_STATUSES>

export const values = <T extends {value: string}>(list: readonly T[]) => list.map((entry) => entry.value)
