import type {CancellationChannel, Evidence, Guide, LocaleTextValue, OperatorPage, RefundRule, RequiredDocument} from '../content/types'
import type {ChannelKind, Confidence, StatementTopic} from '../content/vocabulary'

/**
 * The reader's situation, from the checklist form (a GET query string, so it can be shared,
 * bookmarked and used without JavaScript), and the checklist built from it. Pure: no I/O.
 */
export type Situation = {
  operator?: string
  plan: 'prepaid' | 'postpaid'
  sim: 'physical' | 'esim'
  location: 'kz' | 'abroad'
  lost: boolean
  otherOwner: boolean
  balance: boolean
}

export type SearchParams = Record<string, string | string[] | undefined>

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)
const choice = <T extends string>(value: string | undefined, options: readonly T[], fallback: T): T =>
  options.includes(value as T) ? (value as T) : fallback
const flag = (value: string | undefined) => value === '1' || value === 'on' || value === 'true'

export function parseSituation(params: SearchParams): Situation {
  const operator = one(params.operator)
  return {
    operator: operator && /^[a-z0-9-]{1,48}$/.test(operator) ? operator : undefined,
    plan: choice(one(params.plan), ['prepaid', 'postpaid'] as const, 'prepaid'),
    sim: choice(one(params.sim), ['physical', 'esim'] as const, 'physical'),
    location: choice(one(params.location), ['kz', 'abroad'] as const, 'kz'),
    lost: flag(one(params.lost)),
    otherOwner: flag(one(params.otherOwner)),
    balance: flag(one(params.balance)),
  }
}

/** Situations no source covers: the checklist gives our advice, labelled as advice (its text is in the messages). */
export type AdviceTopic = 'lost' | 'abroad' | 'otherOwner' | 'esim' | 'postpaid' | 'scam'

/**
 * One "watch out" line, of one of two kinds: a fact, tied to the policy or guide fact it comes from
 * and shown with that fact's source; or advice of ours, shown labelled as advice.
 */
export type Risk =
  | {basis: 'advice'; topic: AdviceTopic}
  | {basis: 'fact'; topic: 'abroadRepresentative'; channel: CancellationChannel}
  | {basis: 'fact'; topic: 'balance'; rule: RefundRule}
  | {basis: 'fact'; topic: 'note'; text: LocaleTextValue; evidence: Evidence}

/** A fact announced with a start date that has not come yet: the checklist mentions it, and does not rely on it. */
export type UpcomingFact = {
  key: string
  effectiveFrom: string
  text: LocaleTextValue | null
  channel: ChannelKind | null
  evidence: Evidence
}

export type Checklist = {
  operator: OperatorPage
  unlinkFirst: LocaleTextValue[]
  documents: RequiredDocument[]
  /** The channels that can be used in this situation: available, and without the owner when needed. */
  channels: CancellationChannel[]
  money: {balance: RefundRule; bundles: RefundRule}
  risks: Risk[]
  upcoming: UpcomingFact[]
  confidence: Confidence
  verifiedAt?: string | null
  reviewedAt?: string | null
}

const yesFirst = (a: CancellationChannel, b: CancellationChannel) =>
  ['yes', 'unknown', 'no'].indexOf(a.available) - ['yes', 'unknown', 'no'].indexOf(b.available)

const unknownRule = (): RefundRule => ({
  outcome: 'unknown',
  text: null,
  evidence: null,
  effect: 'inForce',
  effectiveFrom: null,
  effectiveUntil: null,
})

type Dated = {effect: 'proposed' | 'upcoming' | 'inForce' | 'ended'; effectiveFrom: string | null}
/** Only what is in force now: a proposal, or a rule whose day has not come, changes nothing yet. */
const inForce = <T extends Dated>(facts: readonly T[]) => facts.filter((fact) => fact.effect === 'inForce')
const upcoming = <T extends Dated>(facts: readonly T[]) =>
  facts.filter((fact): fact is T & {effectiveFrom: string} => fact.effect === 'upcoming' && !!fact.effectiveFrom)

export function buildChecklist(situation: Situation, operator: OperatorPage, guide: Guide): Checklist {
  const policy = operator.policy
  const statements = [...(guide?.precautions ?? []), ...(guide?.whyCancel ?? [])]
  const channels = inForce(policy?.channels ?? []).filter((channel) => channel.available !== 'no')
  // Abroad, or not the owner: the owner cannot come in person; only a representative can.
  const ownerCannotCome = situation.location === 'abroad' || situation.otherOwner
  const usable = ownerCannotCome
    ? channels.filter((channel) => channel.ownerInPerson !== 'yes' || channel.representativeAccepted === 'yes')
    : channels
  const representative = channels.find((channel) => channel.representativeAccepted === 'yes')

  const advice = (topic: AdviceTopic): Risk => ({basis: 'advice', topic})
  const fact = (text: LocaleTextValue, evidence: Evidence): Risk => ({basis: 'fact', topic: 'note', text, evidence})
  // The guide's own sourced statement on a topic, when an editor has marked one.
  const guideFact = (topic: StatementTopic) => inForce(statements).find((item) => item.kind === 'fact' && item.topic === topic)

  const risks: Risk[] = []
  if (situation.lost) risks.push(advice('lost'))
  if (situation.location === 'abroad') {
    risks.push(representative ? {basis: 'fact', topic: 'abroadRepresentative', channel: representative} : advice('abroad'))
  }
  if (situation.otherOwner) {
    const holder = guideFact('holderAnswers')
    if (holder) risks.push(fact(holder.text, holder.evidence))
    risks.push(advice('otherOwner'))
  }
  if (situation.sim === 'esim') {
    risks.push(advice('esim'))
    if (policy?.esimNotes.text && policy.esimNotes.effect === 'inForce') risks.push(fact(policy.esimNotes.text, policy.esimNotes.evidence))
  }
  if (situation.plan === 'postpaid') {
    risks.push(advice('postpaid'))
    for (const item of inForce(policy?.prerequisites ?? []))
      if (item.kind === 'deviceInstalment') risks.push(fact(item.text, item.evidence))
  }
  if (situation.balance) risks.push({basis: 'fact', topic: 'balance', rule: policy?.balanceRefund ?? unknownRule()})
  const scam = guideFact('scamCall')
  risks.push(scam ? fact(scam.text, scam.evidence) : advice('scam'))

  return {
    operator,
    unlinkFirst: guide?.unlinkFirst ?? [],
    documents: inForce(policy?.documents ?? []),
    channels: [...usable].sort(yesFirst),
    money: {balance: policy?.balanceRefund ?? unknownRule(), bundles: policy?.bundleRefund ?? unknownRule()},
    risks,
    upcoming: [
      ...upcoming(policy?.channels ?? []).map((item) => ({
        key: item._key,
        effectiveFrom: item.effectiveFrom,
        text: item.note,
        channel: item.kind,
        evidence: item.evidence,
      })),
      ...upcoming(policy?.documents ?? []).map((item) => ({
        key: item._key,
        effectiveFrom: item.effectiveFrom,
        text: item.title,
        channel: null,
        evidence: item.evidence,
      })),
      ...upcoming(policy?.prerequisites ?? []).map((item) => ({
        key: item._key,
        effectiveFrom: item.effectiveFrom,
        text: item.text,
        channel: null,
        evidence: item.evidence,
      })),
      ...upcoming([...statements, ...(guide?.rules ?? [])]).map((item) => ({
        key: item._key,
        effectiveFrom: item.effectiveFrom,
        text: 'text' in item ? item.text : item.title,
        channel: null,
        evidence: item.evidence,
      })),
    ].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom)),
    confidence: policy?.confidence ?? 'unverified',
    verifiedAt: policy?.verifiedAt,
    reviewedAt: policy?.reviewedAt,
  }
}
