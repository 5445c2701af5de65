import type {Confidence} from '../content/vocabulary'

/**
 * Which invitation an operator's report form carries. Where no procedure is verified (the policy
 * query reads a missing or unrated policy as "unverified"), readers who cancelled are the only
 * source the guide has, and the form asks them directly.
 */
export const hasNoVerifiedProcedure = (operator: {policy: {confidence: Confidence} | null}) =>
  (operator.policy?.confidence ?? 'unverified') === 'unverified'
