import type {CancellationChannel, OperatorSummary} from '../content/types'
import type {TriState} from '../content/vocabulary'
import type {SearchParams} from '../checklist/index'

/**
 * What the comparison shows of each operator, and which two a reader picked to see side by side
 * (a GET query string, `?operator=kcell&operator=beeline`, so it works without JavaScript and can be
 * shared). Pure: no I/O.
 */

/** A comparison shows what is in force now; each operator's page shows what is coming. */
const inForce = <T extends {effect: string}>(facts: readonly T[]) => facts.filter((fact) => fact.effect === 'inForce')

/** Across a policy's channels: yes if any says yes, no if all say no, otherwise unknown. */
function across(channels: CancellationChannel[], pick: (channel: CancellationChannel) => TriState): TriState {
  const values = channels.map(pick)
  if (values.includes('yes')) return 'yes'
  if (values.length > 0 && values.every((value) => value === 'no')) return 'no'
  return 'unknown'
}

type Policy = NonNullable<OperatorSummary['policy']>

export type Comparison = {
  /** The channels that are known to take a cancellation. */
  channels: CancellationChannel['kind'][]
  ownerInPerson: TriState
  representative: TriState
  documents: Policy['documents']
  balance: Policy['balanceRefund'] | null
  holdDays: number | null
  verifiedAt: string | null
}

export function compareOperator(operator: OperatorSummary): Comparison {
  const policy = operator.policy
  const channels = inForce(policy?.channels ?? [])
  return {
    channels: channels.filter((channel) => channel.available === 'yes').map((channel) => channel.kind),
    ownerInPerson: across(channels, (channel) => channel.ownerInPerson),
    representative: across(channels, (channel) => channel.representativeAccepted),
    documents: inForce(policy?.documents ?? []),
    balance: policy?.balanceRefund ?? null,
    holdDays: typeof policy?.numberHold.holdDays === 'number' ? policy.numberHold.holdDays : null,
    verifiedAt: policy?.verifiedAt ?? null,
  }
}

/** How many operators a reader compares side by side. */
export const SIDE_BY_SIDE = 2

/**
 * The reader's picks, one per place (a listed operator's slug, or undefined), and the pair to show
 * when there are two different ones. Only the first picks are looked at, whatever the query holds.
 */
export function parsePicks(params: SearchParams, listed: readonly string[]): {picks: (string | undefined)[]; pair?: [string, string]} {
  const values = params.operator === undefined ? [] : [params.operator].flat()
  const picks = Array.from({length: SIDE_BY_SIDE}, (_, index) => {
    const value = values[index]
    return value !== undefined && listed.includes(value) ? value : undefined
  })
  const [first, second] = picks
  return first && second && first !== second ? {picks, pair: [first, second]} : {picks}
}
