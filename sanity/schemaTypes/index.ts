import {blockContent} from './blockContent'
import {evidence} from './evidence'
import {
  cancellationChannel,
  changeLogEntry,
  contactChannel,
  factNote,
  numberHold,
  prerequisite,
  refundRule,
  requiredDocument,
  sourceReference,
  statement,
} from './facts'
import {faq} from './faq'
import {guide} from './guide'
import {basisText, localeBlockContent, localeString, localeText, translationBasis} from './localeValues'
import {operator} from './operator'
import {policy} from './policy'
import {readerReport} from './readerReport'
import {siteSettings} from './siteSettings'
import {sourceCheck} from './sourceCheck'

export const schemaTypes = [
  // Documents
  operator,
  policy,
  guide,
  faq,
  siteSettings,
  // Editorial records (lib/content/record-types.ts)
  readerReport,
  sourceCheck,
  // Objects
  blockContent,
  localeString,
  localeText,
  localeBlockContent,
  translationBasis,
  basisText,
  evidence,
  contactChannel,
  cancellationChannel,
  requiredDocument,
  prerequisite,
  refundRule,
  numberHold,
  factNote,
  changeLogEntry,
  sourceReference,
  statement,
]

/** Documents with exactly one instance, at a fixed id. */
export const SINGLETONS = {guide: 'guide', siteSettings: 'siteSettings'} as const
