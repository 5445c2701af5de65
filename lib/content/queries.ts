import {defineQuery} from 'next-sanity'
import {
  CHANNEL_KINDS,
  CONFIDENCE_LEVELS,
  CONTACT_KINDS,
  PREREQUISITE_KINDS,
  REFUND_OUTCOMES,
  SUBSCRIPTION_KINDS,
  TRI_STATE,
  values,
} from './vocabulary'

/**
 * Every GROQ query of the site. Defaults and type guards live here, so components never guess
 * what a missing or malformed field means: unknown facts come back as "unknown", missing lists as
 * [], and a value of the wrong type (an editor's slip, a hand-edited dataset) as null.
 * Both content sources run these same strings.
 */

/** The field if it is a string, otherwise null. */
const text = (field: string) => `select(string(${field}) == ${field} => ${field})`
/** Whether the field is present and a string (`string(x) == x` alone also holds for null). */
const isText = (field: string) => `(defined(${field}) && string(${field}) == ${field})`
/** The field if it is one of the vocabulary's values, otherwise the fallback. */
const oneOf = (field: string, vocabulary: readonly {value: string}[], fallback: string) =>
  `select(${field} in ${JSON.stringify(values(vocabulary))} => ${field}, "${fallback}")`
/** The projection of an object field; of an empty object (all defaults) when missing or not an object. */
const objectOf = (field: string, projection: string) => `coalesce(${field}${projection}, {}${projection})`
/** A list that is a list, with the items that have what they need; [] otherwise. */
const list = (field: string, filter: string, projection: string) => `coalesce(${field}[${filter}]${projection}, [])`

const evidence = /* groq */ `"evidence": select(defined(evidence._type) || defined(evidence.sourceUrl) => evidence{
  "sourceUrl": ${text('sourceUrl')},
  "verifiedAt": ${text('verifiedAt')},
  "confidence": ${oneOf('confidence', CONFIDENCE_LEVELS, 'unverified')}
})`
const factNote = /* groq */ `{text, ${evidence}}`
const refundRule = /* groq */ `{"outcome": ${oneOf('outcome', REFUND_OUTCOMES, 'unknown')}, text, ${evidence}}`
const operatorLink = /* groq */ `{_id, "name": ${text('name')}, "slug": ${text('slug.current')}}`
const sources = list('sources', isText('url'), `{_key, url, "title": ${text('title')}, "accessedAt": ${text('accessedAt')}}`)
const triState = (field: string) => `"${field}": ${oneOf(field, TRI_STATE, 'unknown')}`

const policyFields = /* groq */ `
  _id,
  _updatedAt,
  "subscriptions": coalesce(subscriptions[@ in ${JSON.stringify(values(SUBSCRIPTION_KINDS))}], []),
  "channels": ${list('channels', `kind in ${JSON.stringify(values(CHANNEL_KINDS))}`, `{
    _key,
    kind,
    ${triState('available')},
    ${triState('ownerInPerson')},
    ${triState('representativeAccepted')},
    note,
    ${evidence}
  }`)},
  "documents": ${list('documents', 'defined(title)', `{_key, title, note, ${evidence}}`)},
  "prerequisites": ${list('prerequisites', 'defined(text)', `{_key, "kind": ${oneOf('kind', PREREQUISITE_KINDS, 'other')}, text, ${evidence}}`)},
  steps,
  "balanceRefund": ${objectOf('balanceRefund', refundRule)},
  "bundleRefund": ${objectOf('bundleRefund', refundRule)},
  "numberHold": ${objectOf('numberHold', `{"holdDays": select(holdDays >= 0 => round(holdDays)), text, ${evidence}}`)},
  "fees": ${objectOf('fees', factNote)},
  "processingTime": ${objectOf('processingTime', factNote)},
  "esimNotes": ${objectOf('esimNotes', factNote)},
  "foreignerNotes": ${objectOf('foreignerNotes', factNote)},
  "verifiedAt": ${text('verifiedAt')},
  "confidence": ${oneOf('confidence', CONFIDENCE_LEVELS, 'unverified')},
  "sources": ${sources},
  "changeLog": ${list('changeLog', isText('date'), '{_key, date, summary}')} | order(date desc)
`

/** The policy of an operator: its own, newest first if an editor created two. */
const policyOf = /* groq */ `*[_type == "policy" && operator._ref == ^._id] | order(_updatedAt desc)[0]{${policyFields}}`

/** Operators that readers can open: a name and a slug, both text, are what a page needs. */
const listedOperator = /* groq */ `_type == "operator" && ${isText('name')} && ${isText('slug.current')}`

/** Operator fields every operator view shares. */
const operatorFields = /* groq */ `
  _id,
  _updatedAt,
  name,
  "slug": slug.current,
  "legalEntity": ${text('legalEntity')},
  "website": ${text('website')},
  summary,
  "parent": select(${isText('parent->name')} && ${isText('parent->slug.current')} => parent->${operatorLink})`

export const siteSettingsQuery = defineQuery(`*[_id == "siteSettings"][0]{_id, title, description, disclaimer}`)

export const guideQuery = defineQuery(`*[_id == "guide"][0]{
  _id,
  title,
  intro,
  whyCancel,
  generalSteps,
  "unlinkFirst": coalesce(unlinkFirst[], []),
  precautions,
  "alternatives": ${list('alternatives', 'defined(title)', `{_key, kind, title, body, ${evidence}}`)},
  "rules": ${list('rules', 'defined(title)', `{_key, title, body, ${evidence}}`)}
}`)

export const operatorsQuery = defineQuery(`*[${listedOperator}] | order(coalesce(order, 100) asc, name asc){
  ${operatorFields},
  "policy": ${policyOf}
}`)

export const operatorPageQuery = defineQuery(`*[${listedOperator} && slug.current == $slug][0]{
  ${operatorFields},
  "about": ${objectOf('about', factNote)},
  "contacts": ${list('contacts', `kind in ${JSON.stringify(values(CONTACT_KINDS))}`, `{_key, kind, label, "value": ${text('value')}, "valueFromAbroad": ${text('valueFromAbroad')}, note, ${evidence}}`)},
  "brands": *[${listedOperator} && parent._ref == ^._id] | order(coalesce(order, 100) asc)${operatorLink},
  "policy": ${policyOf}
}`)

export const operatorSlugsQuery = defineQuery(`*[${listedOperator}] | order(coalesce(order, 100) asc).slug.current`)

export const faqQuery = defineQuery(`*[_type == "faq" && defined(question) && defined(answer)] | order(coalesce(order, 100) asc){
  _id,
  question,
  answer,
  "operators": coalesce((operators[]->${operatorLink})[defined(slug) && defined(name)], []),
  "sources": ${sources}
}`)

/** Documents a reader page needs but that lack a required field: left out of pages, and logged. */
export const incompleteDocumentsQuery = defineQuery(`*[
  (_type == "operator" && !(${listedOperator})) ||
  (_type == "policy" && !defined(operator->_id))
]{_id, _type}`)

export const documentCountQuery = defineQuery(`count(*[!(_id in path("drafts.**"))])`)
