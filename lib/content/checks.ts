import {checkDocuments as termFindingsIn} from '../i18n/term-check'
import type {RawDocument} from './embedded'

/**
 * What must hold of the content editors publish, whatever they change: the guide gives advice
 * people act on. `npm run check-content` runs these over the live bundled dataset (and CI with it);
 * the unit tests run them over the frozen fixture and over copies broken on purpose. Each rule is a
 * property a correct edit keeps: no rule names a particular operator, fact, URL or date.
 */
export type ContentFinding = {rule: string; where: string; problem: string}

type Node = Record<string, unknown>
type Rule = {name: string; check: (documents: RawDocument[], report: (where: string, problem: string) => void) => void}

const LOCALE_VALUE_TYPES = new Set(['localeString', 'localeText', 'localeBlockContent'])
const LANGUAGES = ['zh', 'en', 'ru', 'kk'] as const
const DAY = /^\d{4}-\d{2}-\d{2}$/
const PARTIAL_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/
const WEB_ADDRESS = /^https?:\/\/[^\s/]+/
/** Country domains of other countries' operators: tele2.ru and its like are other companies. */
const FOREIGN_DOMAIN = /\.(ru|su|рф|by|ua|uz|kg|tj|am|az|ge)$/i
/** Short numbers found only on foreign operators' pages (tele2.ru's 611 and 0611, and 455). */
const FOREIGN_SHORT_NUMBER = /(^|\D)(455|0611|611)(\D|$)/

/** Calls `visit` for every object in a document, with its path (`policy.kcell.channels[0].note`). */
function walk(value: unknown, where: string, visit: (node: Node, where: string) => void) {
  if (Array.isArray(value)) value.forEach((item, index) => walk(item, `${where}[${index}]`, visit))
  else if (value && typeof value === 'object') {
    visit(value as Node, where)
    for (const [key, child] of Object.entries(value)) walk(child, `${where}.${key}`, visit)
  }
}

/** Every string in a document, with its path. */
function strings(value: unknown, where: string, visit: (text: string, where: string) => void) {
  if (typeof value === 'string') visit(value, where)
  else if (Array.isArray(value)) value.forEach((item, index) => strings(item, `${where}[${index}]`, visit))
  else if (value && typeof value === 'object') for (const [key, child] of Object.entries(value)) strings(child, `${where}.${key}`, visit)
}

const hostOf = (url: string) => {
  try {
    return new URL(url).hostname
  } catch {
    return ''
  }
}

const RULES: Rule[] = [
  {
    name: 'export format',
    check: (documents, report) => {
      for (const doc of documents)
        walk(doc, doc._id, (node, where) => {
          if (/\[\d+\]$/.test(where) && node._type !== 'reference' && !node._key) report(where, 'an array item without _key')
        })
    },
  },
  {
    name: 'no advertising',
    check: (documents, report) => {
      // The reseller's name is spelled in pieces so that this file never carries it.
      const banned = [/t[.]me\//i, /telegram[.]me/i, new RegExp(['esim', '1088'].join(''), 'i')]
      for (const doc of documents)
        strings(
          doc,
          doc._id,
          (text, where) => banned.some((pattern) => pattern.test(text)) && report(where, 'the source article’s advertising link'),
        )
    },
  },
  {
    name: 'Kazakhstan only',
    check: (documents, report) => {
      for (const doc of documents)
        strings(doc, doc._id, (text, where) => {
          if (WEB_ADDRESS.test(text) && FOREIGN_DOMAIN.test(hostOf(text))) report(where, `cites ${hostOf(text)}, a site of another country`)
          if (FOREIGN_SHORT_NUMBER.test(text) && !WEB_ADDRESS.test(text)) report(where, 'a short number known only from foreign operators')
        })
    },
  },
  {
    name: 'sourced facts',
    check: (documents, report) => {
      for (const doc of documents)
        walk(doc, doc._id, (node, where) => {
          if (node._type === 'evidence') {
            if (node.sourceUrl !== undefined && !WEB_ADDRESS.test(String(node.sourceUrl)))
              report(where, 'a source that is not an http(s) address')
            if (node.sourceUrl && !DAY.test(String(node.verifiedAt ?? ''))) report(where, 'a source without the day it was verified')
            if (node.confidence && node.confidence !== 'unverified' && !node.sourceUrl)
              report(where, `graded ${String(node.confidence)} with no source`)
            if (node.sourceDate !== undefined && !PARTIAL_DATE.test(String(node.sourceDate)))
              report(where, 'a source date that is not YYYY, YYYY-MM or YYYY-MM-DD')
          }
          if (node._type === 'sourceReference') {
            if (!WEB_ADDRESS.test(String(node.url ?? ''))) report(where, 'a source that is not an http(s) address')
            if (node.accessedAt !== undefined && !PARTIAL_DATE.test(String(node.accessedAt)))
              report(where, 'an access date that is not YYYY, YYYY-MM or YYYY-MM-DD')
          }
          const source = (node.evidence as Node | undefined)?.sourceUrl
          const fact = (node._type === 'statement' && node.kind === 'fact') || node._type === 'regulation' || node._type === 'alternative'
          if (fact && !source) report(where, 'a fact without a source')
          if (node._type === 'contactChannel' && node.value && !source) report(where, 'a contact number or address without a source')
          if (node._type === 'numberHold' && node.holdDays !== undefined && !source) report(where, 'a hold period without a source')
          const settled = node._type === 'refundRule' && (node.outcome === 'refunded' || node.outcome === 'notRefunded')
          if (settled && !['high', 'medium', 'low'].includes(String((node.evidence as Node | undefined)?.confidence))) {
            report(where, 'a settled refund outcome without a graded source')
          }
        })
    },
  },
  {
    name: 'one policy per operator',
    check: (documents, report) => {
      const policies = documents.filter((doc) => doc._type === 'policy')
      for (const operator of documents.filter((doc) => doc._type === 'operator')) {
        const own = policies.filter((policy) => (policy.operator as {_ref?: string} | undefined)?._ref === operator._id)
        if (own.length !== 1) report(operator._id, `${own.length} policies instead of one`)
      }
      for (const policy of policies) {
        if (!DAY.test(String(policy.reviewedAt ?? ''))) report(policy._id, 'no day it was last reviewed')
        if (!policy.confidence) report(policy._id, 'no confidence')
        if (!Array.isArray(policy.changeLog) || policy.changeLog.length === 0) report(policy._id, 'an empty change log')
      }
    },
  },
  {
    name: 'verified only when sourced',
    check: (documents, report) => {
      for (const policy of documents.filter((doc) => doc._type === 'policy')) {
        const verified = policy.confidence !== 'unverified' && Array.isArray(policy.sources) && policy.sources.length > 0
        if (verified && !DAY.test(String(policy.verifiedAt ?? ''))) report(policy._id, 'sourced and graded, but no day it was verified')
        if (!verified && policy.verifiedAt !== undefined) report(policy._id, 'a verified date with nothing verified')
      }
    },
  },
  {
    name: 'languages',
    check: (documents, report) => {
      for (const doc of documents) {
        // The guide and the site's settings frame every page: they are needed in every language.
        const needed = doc._type === 'guide' || doc._type === 'siteSettings' ? LANGUAGES : (['zh', 'en'] as const)
        walk(doc, doc._id, (node, where) => {
          if (!LOCALE_VALUE_TYPES.has(String(node._type))) return
          const filled = (language: string) => {
            const value = node[language]
            return typeof value === 'string' ? value.trim() !== '' : Array.isArray(value) && value.length > 0
          }
          if (!LANGUAGES.some(filled)) return
          for (const language of needed) if (!filled(language)) report(`${where}.${language}`, 'missing')
        })
      }
    },
  },
  {
    name: 'term base',
    check: (documents, report) => {
      for (const finding of termFindingsIn(documents))
        report(finding.where, `«${finding.found}» where the term base says «${finding.preferred}» (${finding.concept})`)
    },
  },
]

/** Every finding of every rule over these documents; none means the content may be published. */
export function checkContent(documents: RawDocument[]): ContentFinding[] {
  const findings: ContentFinding[] = []
  for (const rule of RULES) rule.check(documents, (where, problem) => findings.push({rule: rule.name, where, problem}))
  return findings
}
