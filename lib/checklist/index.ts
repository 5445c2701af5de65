import type {
  CancellationChannel,
  Guide,
  LocalizedString,
  OperatorPage,
  RefundRule,
  RequiredDocument,
} from '../content/types'
import type {Confidence} from '../content/vocabulary'

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

export type Risk =
  | {kind: 'lost' | 'otherOwner' | 'esim' | 'postpaid' | 'scam'}
  | {kind: 'abroad'; representative: CancellationChannel | undefined}
  | {kind: 'balance'; rule: RefundRule}

export type Checklist = {
  operator: OperatorPage
  unlinkFirst: LocalizedString[]
  documents: RequiredDocument[]
  /** The channels that can be used in this situation: available, and without the owner when needed. */
  channels: CancellationChannel[]
  money: {balance: RefundRule; bundles: RefundRule}
  risks: Risk[]
  confidence: Confidence
  verifiedAt?: string | null
}

const yesFirst = (a: CancellationChannel, b: CancellationChannel) =>
  ['yes', 'unknown', 'no'].indexOf(a.available) - ['yes', 'unknown', 'no'].indexOf(b.available)

const unknownRule = (): RefundRule => ({outcome: 'unknown', text: null, evidence: null})

export function buildChecklist(situation: Situation, operator: OperatorPage, guide: Guide): Checklist {
  const policy = operator.policy
  const channels = (policy?.channels ?? []).filter((channel) => channel.available !== 'no')
  // Abroad, or not the owner: the owner cannot come in person; only a representative can.
  const ownerCannotCome = situation.location === 'abroad' || situation.otherOwner
  const usable = ownerCannotCome
    ? channels.filter((channel) => channel.ownerInPerson !== 'yes' || channel.representativeAccepted === 'yes')
    : channels
  const representative = channels.find((channel) => channel.representativeAccepted === 'yes')

  const risks: Risk[] = []
  if (situation.lost) risks.push({kind: 'lost'})
  if (situation.location === 'abroad') risks.push({kind: 'abroad', representative})
  if (situation.otherOwner) risks.push({kind: 'otherOwner'})
  if (situation.sim === 'esim') risks.push({kind: 'esim'})
  if (situation.plan === 'postpaid') risks.push({kind: 'postpaid'})
  if (situation.balance) risks.push({kind: 'balance', rule: policy?.balanceRefund ?? unknownRule()})
  risks.push({kind: 'scam'})

  return {
    operator,
    unlinkFirst: guide?.unlinkFirst ?? [],
    documents: policy?.documents ?? [],
    channels: [...usable].sort(yesFirst),
    money: {balance: policy?.balanceRefund ?? unknownRule(), bundles: policy?.bundleRefund ?? unknownRule()},
    risks,
    confidence: policy?.confidence ?? 'unverified',
    verifiedAt: policy?.verifiedAt,
  }
}
