import {defineQuery} from 'next-sanity'
import {
  CHANNEL_KINDS,
  CONFIDENCE_LEVELS,
  CONTACT_KINDS,
  PREREQUISITE_KINDS,
  REFUND_OUTCOMES,
  STATEMENT_KINDS,
  STATEMENT_TOPICS,
  SUBSCRIPTION_KINDS,
  TRI_STATE,
  values,
} from './vocabulary'

/**
 * Every GROQ query of the site. Defaults and type guards live here, so components never guess
 * what a missing or malformed field means: unknown facts come back as "unknown", missing lists as
 * [], and a value of the wrong type (an editor's slip, a hand-edited dataset) as null.
 * Both content sources run these same strings, and Sanity TypeGen reads them to write their result
 * types (sanity.types.ts): so fragments are plain template literals, and helpers take only
 * string literals, which TypeGen can evaluate.
 */

/**
 * The closed vocabularies, passed to every query as `$vocabulary` (see `queryParams`): one
 * definition in vocabulary.ts serves the schema, the queries and the interface.
 */
const vocabulary = {
  channel: values(CHANNEL_KINDS),
  confidence: values(CONFIDENCE_LEVELS),
  contact: values(CONTACT_KINDS),
  prerequisite: values(PREREQUISITE_KINDS),
  refundOutcome: values(REFUND_OUTCOMES),
  statementKind: values(STATEMENT_KINDS),
  statementTopic: values(STATEMENT_TOPICS),
  subscription: values(SUBSCRIPTION_KINDS),
  triState: values(TRI_STATE),
}
export type Vocabulary = keyof typeof vocabulary

/** The parameters a query is run with: its own, and the vocabularies. */
export const queryParams = (params: Record<string, unknown> = {}) => ({...params, vocabulary})

/** The field if it is a string, otherwise null. */
const text = (field: string) => `select(string(${field}) == ${field} => ${field})`
/** Whether the field is present and a string (`string(x) == x` alone also holds for null). */
const isText = (field: string) => `(defined(${field}) && string(${field}) == ${field})`
/** The field if it is one of the vocabulary's values, otherwise the fallback. */
const oneOf = (field: string, list: Vocabulary, fallback: string) =>
  `coalesce(select(${field} in $vocabulary.${list} => ${field}), "${fallback}")`
/**
 * A field that the filter already guarantees (a listed operator's name, a channel's kind): the
 * coalesce never applies, but tells TypeGen that the value is never null.
 */
const present = (field: string, never: string) => `coalesce(${field}, ${never})`

const evidence = /* groq */ `"evidence": select(defined(evidence._type) || defined(evidence.sourceUrl) => evidence{
  "sourceUrl": ${text('sourceUrl')},
  "sourceDate": ${text('sourceDate')},
  "verifiedAt": ${text('verifiedAt')},
  "confidence": ${oneOf('confidence', 'confidence', 'unverified')}
})`
const factNote = /* groq */ `{text, ${evidence}}`
const refundRule = /* groq */ `{"outcome": ${oneOf('outcome', 'refundOutcome', 'unknown')}, text, ${evidence}}`
const numberHold = /* groq */ `{"holdDays": select(holdDays >= 0 => round(holdDays)), text, ${evidence}}`
/** A link to a listed operator (every use filters with `listedOperator` first). */
const operatorLink = /* groq */ `{_id, "name": ${present('name', '""')}, "slug": ${present('slug.current', '""')}}`
const sources = /* groq */ `coalesce(sources[${isText('url')}]{_key, "url": ${present('url', '""')}, "title": ${text('title')}, "accessedAt": ${text('accessedAt')}}, [])`
/** A statement of the guide; one with no valid kind counts as a fact, so without a source it reads "not yet verified". */
const statement = /* groq */ `{
  _key,
  "kind": ${oneOf('kind', 'statementKind', 'fact')},
  "topic": select(topic in $vocabulary.statementTopic => topic),
  "title": title,
  "text": ${present('text', '{}')},
  ${evidence}
}`
/** Yes, no or unknown (helpers cannot call helpers: TypeGen evaluates only literal arguments). */
const triState = (field: string) => `"${field}": coalesce(select(${field} in $vocabulary.triState => ${field}), "unknown")`

/**
 * A policy has a verified date only if something was verified: a confidence above "unverified"
 * and at least one source. Otherwise readers see only when the page was last reviewed.
 */
const verifiedPolicy = /* groq */ `${oneOf('confidence', 'confidence', 'unverified')} != "unverified" && count(sources[${isText('url')}]) > 0`

const policyFields = /* groq */ `
  _id,
  _updatedAt,
  "subscriptions": coalesce(subscriptions[@ in $vocabulary.subscription], []),
  "channels": coalesce(channels[kind in $vocabulary.channel]{
    _key,
    "kind": ${present('kind', '"office"')},
    ${triState('available')},
    ${triState('ownerInPerson')},
    ${triState('representativeAccepted')},
    note,
    ${evidence}
  }, []),
  "documents": coalesce(documents[defined(title)]{_key, "title": ${present('title', '{}')}, note, ${evidence}}, []),
  "prerequisites": coalesce(prerequisites[defined(text)]{_key, "kind": ${oneOf('kind', 'prerequisite', 'other')}, "text": ${present('text', '{}')}, ${evidence}}, []),
  steps,
  "balanceRefund": coalesce(balanceRefund${refundRule}, {}${refundRule}),
  "bundleRefund": coalesce(bundleRefund${refundRule}, {}${refundRule}),
  "numberHold": coalesce(numberHold${numberHold}, {}${numberHold}),
  "fees": coalesce(fees${factNote}, {}${factNote}),
  "processingTime": coalesce(processingTime${factNote}, {}${factNote}),
  "esimNotes": coalesce(esimNotes${factNote}, {}${factNote}),
  "foreignerNotes": coalesce(foreignerNotes${factNote}, {}${factNote}),
  "verifiedAt": select(${verifiedPolicy} => ${text('verifiedAt')}),
  "reviewedAt": coalesce(${text('reviewedAt')}, ${text('verifiedAt')}, _updatedAt),
  "confidence": ${oneOf('confidence', 'confidence', 'unverified')},
  "sources": ${sources},
  "changeLog": coalesce(changeLog[${isText('date')}]{_key, "date": ${present('date', '""')}, summary}, []) | order(date desc)
`

/** The policy of an operator: its own, newest first if an editor created two. */
const policyOf = /* groq */ `*[_type == "policy" && operator._ref == ^._id] | order(_updatedAt desc)[0]{${policyFields}}`

/** Operators that readers can open: a name and a slug, both text, are what a page needs. */
const listedOperator = /* groq */ `_type == "operator" && ${isText('name')} && ${isText('slug.current')}`

/** Operator fields every operator view shares. */
const operatorFields = /* groq */ `
  _id,
  _updatedAt,
  "name": ${present('name', '""')},
  "slug": ${present('slug.current', '""')},
  "legalEntity": ${text('legalEntity')},
  "website": ${text('website')},
  summary,
  "parentAssumed": parentAssumed == true,
  "parent": select(${isText('parent->name')} && ${isText('parent->slug.current')} => parent->${operatorLink})`

export const siteSettingsQuery = defineQuery(`*[_type == "siteSettings" && _id == "siteSettings"][0]{_id, title, description, disclaimer}`)

export const guideQuery = defineQuery(`*[_type == "guide" && _id == "guide"][0]{
  _id,
  title,
  intro,
  "whyCancel": coalesce(whyCancel[defined(text)]${statement}, []),
  generalSteps,
  "unlinkFirst": coalesce(unlinkFirst[], []),
  "precautions": coalesce(precautions[defined(text)]${statement}, []),
  "alternatives": coalesce(alternatives[defined(title)]{_key, kind, "title": ${present('title', '{}')}, body, ${evidence}}, []),
  "rules": coalesce(rules[defined(title)]{_key, "title": ${present('title', '{}')}, body, ${evidence}}, [])
}`)

export const operatorsQuery = defineQuery(`*[${listedOperator}] | order(coalesce(order, 100) asc, name asc){
  ${operatorFields},
  "policy": ${policyOf}
}`)

export const operatorPageQuery = defineQuery(`*[${listedOperator} && slug.current == $slug][0]{
  ${operatorFields},
  "about": coalesce(about${factNote}, {}${factNote}),
  "contacts": coalesce(contacts[kind in $vocabulary.contact]{
    _key,
    "kind": ${present('kind', '"hotline"')},
    label,
    "value": ${text('value')},
    "valueFromAbroad": ${text('valueFromAbroad')},
    note,
    ${evidence}
  }, []),
  "brands": *[${listedOperator} && parent._ref == ^._id] | order(coalesce(order, 100) asc){
    _id,
    "name": ${present('name', '""')},
    "slug": ${present('slug.current', '""')},
    "assumed": parentAssumed == true
  },
  "policy": ${policyOf}
}`)

export const operatorSlugsQuery = defineQuery(`array::compact(*[${listedOperator}] | order(coalesce(order, 100) asc).slug.current)`)

export const faqQuery = defineQuery(`*[_type == "faq" && defined(question) && defined(answer)] | order(coalesce(order, 100) asc){
  _id,
  "question": ${present('question', '{}')},
  "answer": ${present('answer', '{}')},
  "operators": coalesce((operators[]->)[${listedOperator}]${operatorLink}, []),
  "sources": ${sources}
}`)

/** Documents a reader page needs but that lack a required field: left out of pages, and logged. */
export const incompleteDocumentsQuery = defineQuery(`*[
  (_type == "operator" && !(${listedOperator})) ||
  (_type == "policy" && !defined(operator->_id))
]{_id, _type}`)

export const documentCountQuery = defineQuery(`count(*[!(_id in path("drafts.**"))])`)

/**
 * For editors (the Studio's freshness view): every policy, the longest unverified first, with the
 * number of its facts that have no source. Facts are the entries and notes that carry evidence.
 */
export const policyFreshnessQuery = defineQuery(`*[_type == "policy"] | order(coalesce(verifiedAt, "0000-00-00") asc, _id asc){
  _id,
  "operator": coalesce(operator->name, "(no operator)"),
  "verifiedAt": ${text('verifiedAt')},
  "confidence": ${oneOf('confidence', 'confidence', 'unverified')},
  "unsourcedFacts": count((coalesce(channels, []) + coalesce(documents, []) + coalesce(prerequisites, []) + [balanceRefund, bundleRefund, numberHold, fees, processingTime, esimNotes, foreignerNotes])[defined(@) && !defined(evidence.sourceUrl)])
}`)

/**
 * Source checks (lib/sources). Documents that can cite a source, whole: lib/sources/citations.ts
 * finds every URL in them, wherever a fact, a list of sources or a link puts it. `label` names the
 * document for editors.
 */
export const sourceCitingDocumentsQuery = defineQuery(`*[_type in ["policy", "operator", "guide", "faq"] && !(_id in path("drafts.**"))] | order(_type asc, _id asc){
  ...,
  "label": coalesce(operator->name, name, question.en, question.zh, title.en, title.zh, _id)
}`)

/** What the source checker compares the next check with: the last check of each URL, with its stored text. */
export const sourceCheckStateQuery = defineQuery(`*[_type == "sourceCheck" && ${isText('url')}]{
  "url": ${present('url', '""')}, finalUrl, checkedAt, changedAt, baselineAt, comparedAs, textHash, size, text, etag, lastModified, excerpt
}`)

/** For editors: the last check of each source, without the stored text. */
export const sourceChecksQuery = defineQuery(`*[_type == "sourceCheck" && ${isText('url')}] | order(url asc){
  _id, "url": ${present('url', '""')}, "status": coalesce(status, "unchanged"), detail, httpStatus, finalUrl, checkedAt, changedAt, excerpt
}`)

/** A policy's validation: when each of the sources it cites last changed. */
export const sourceChangesQuery = defineQuery(`*[_type == "sourceCheck" && url in $urls && defined(changedAt)]{"url": ${present('url', '""')}, "status": coalesce(status, "unchanged"), changedAt}`)
