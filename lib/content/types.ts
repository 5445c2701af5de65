import type {PortableTextBlock} from '@portabletext/react'
import type {
  AlternativeKind,
  ChannelKind,
  Confidence,
  ContactKind,
  PrerequisiteKind,
  RefundOutcome,
  SubscriptionKind,
  TriState,
} from './vocabulary'

/** Result types of the queries in queries.ts, written once. Localized values hold one entry per locale. */
export type LocalizedString = {zh?: string; en?: string; ru?: string; kk?: string}
export type LocalizedBlocks = {zh?: PortableTextBlock[]; en?: PortableTextBlock[]; ru?: PortableTextBlock[]; kk?: PortableTextBlock[]}
export type Localized = LocalizedString | LocalizedBlocks

export type Evidence = {sourceUrl?: string | null; verifiedAt?: string | null; confidence: Confidence} | null
export type FactNote = {text?: LocalizedString | null; evidence: Evidence}
export type RefundRule = {outcome: RefundOutcome; text?: LocalizedString | null; evidence: Evidence}
export type NumberHold = {holdDays?: number | null; text?: LocalizedString | null; evidence: Evidence}
export type SourceReference = {_key: string; url: string; title?: string | null; accessedAt?: string | null}
export type OperatorLink = {_id: string; name: string; slug: string}

export type CancellationChannel = {
  _key: string
  kind: ChannelKind
  available: TriState
  ownerInPerson: TriState
  representativeAccepted: TriState
  note?: LocalizedString | null
  evidence: Evidence
}
export type RequiredDocument = {_key: string; title: LocalizedString; note?: LocalizedString | null; evidence: Evidence}
export type Prerequisite = {_key: string; kind: PrerequisiteKind; text: LocalizedString; evidence: Evidence}
export type ChangeLogEntry = {_key: string; date: string; summary?: LocalizedString | null}
export type ContactChannel = {
  _key: string
  kind: ContactKind
  label?: LocalizedString | null
  value?: string | null
  valueFromAbroad?: string | null
  note?: LocalizedString | null
  evidence: Evidence
}

export type Policy = {
  _id: string
  _updatedAt?: string
  subscriptions: SubscriptionKind[]
  channels: CancellationChannel[]
  documents: RequiredDocument[]
  prerequisites: Prerequisite[]
  steps?: LocalizedBlocks | null
  balanceRefund: RefundRule
  bundleRefund: RefundRule
  numberHold: NumberHold
  fees: FactNote
  processingTime: FactNote
  esimNotes: FactNote
  foreignerNotes: FactNote
  verifiedAt?: string | null
  confidence: Confidence
  sources: SourceReference[]
  changeLog: ChangeLogEntry[]
}

export type OperatorSummary = {
  _id: string
  _updatedAt?: string
  name: string
  slug: string
  legalEntity?: string | null
  website?: string | null
  summary?: LocalizedString | null
  parent?: OperatorLink | null
  policy?: Policy | null
}

export type OperatorPage = OperatorSummary & {
  about: FactNote
  contacts: ContactChannel[]
  brands: OperatorLink[]
}

export type SiteSettings = {
  _id: string
  title?: LocalizedString | null
  description?: LocalizedString | null
  disclaimer?: LocalizedString | null
} | null

export type Guide = {
  _id: string
  title?: LocalizedString | null
  intro?: LocalizedString | null
  whyCancel?: LocalizedBlocks | null
  generalSteps?: LocalizedBlocks | null
  unlinkFirst: LocalizedString[]
  precautions?: LocalizedBlocks | null
  alternatives: {_key: string; kind?: AlternativeKind | null; title: LocalizedString; body?: LocalizedBlocks | null; evidence: Evidence}[]
  rules: {_key: string; title: LocalizedString; body?: LocalizedString | null; evidence: Evidence}[]
} | null

export type FaqEntry = {
  _id: string
  question: LocalizedString
  answer: LocalizedBlocks
  operators: OperatorLink[]
  sources: SourceReference[]
}
