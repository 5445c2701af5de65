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
 * Every GROQ query of the site. Documents come back with `_id` and `_type` (what a change names,
 * and what click-to-edit in draft mode needs), and fields keep their names, so a value's path in
 * an answer is its path in its document. Defaults and type guards live here, so components never guess
 * what a missing or malformed field means: unknown facts come back as "unknown", missing lists as
 * [], and a value of the wrong type (an editor's slip, a hand-edited dataset) as null.
 * Both content stores run these same strings, and Sanity TypeGen reads them to write their result
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

/**
 * When a fact is in force (effect.ts): proposed (a draft rule, never in force), upcoming (before
 * its effectiveFrom), in force, or ended (from its effectiveUntil), decided when the query runs. A
 * date alone means 00:00 in Kazakhstan; a date and time carries its offset.
 */
const moment = (field: string) => `dateTime(select(length(${field}) == 10 => ${field} + "T00:00:00+05:00", ${field}))`
const hasEnded = /* groq */ `(defined(effectiveUntil) && coalesce(${moment('effectiveUntil')} <= dateTime(now()), false))`
/** Most facts carry no dates: they are in force without a date to compare. */
const effect = /* groq */ `"effect": select(
    !defined(status) && !defined(effectiveFrom) && !defined(effectiveUntil) => "inForce",
    status == "proposed" => "proposed",
    ${hasEnded} => "ended",
    defined(effectiveFrom) && coalesce(${moment('effectiveFrom')} > dateTime(now()), false) => "upcoming",
    "inForce"
  ),
  "effectiveFrom": ${text('effectiveFrom')},
  "effectiveUntil": ${text('effectiveUntil')}`
/** An ended fact leaves the page's lists; the change log says when (`ended`). */
const notEnded = /* groq */ `!${hasEnded}`

const evidence = /* groq */ `"evidence": select(defined(evidence._type) || defined(evidence.sourceUrl) => evidence{
  "sourceUrl": ${text('sourceUrl')},
  "sourceDate": ${text('sourceDate')},
  "verifiedAt": ${text('verifiedAt')},
  "confidence": ${oneOf('confidence', 'confidence', 'unverified')}
})`
const factNote = /* groq */ `{text, ${evidence}, ${effect}}`
const refundRule = /* groq */ `{"outcome": ${oneOf('outcome', 'refundOutcome', 'unknown')}, text, ${evidence}, ${effect}}`
const numberHold = /* groq */ `{"holdDays": select(holdDays >= 0 => round(holdDays)), text, ${evidence}, ${effect}}`
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
  ${evidence},
  ${effect}
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
  _type,
  _updatedAt,
  "subscriptions": coalesce(subscriptions[@ in $vocabulary.subscription], []),
  "channels": coalesce(channels[kind in $vocabulary.channel && ${notEnded}]{
    _key,
    "kind": ${present('kind', '"office"')},
    ${triState('available')},
    ${triState('ownerInPerson')},
    ${triState('representativeAccepted')},
    note,
    ${evidence},
    ${effect}
  }, []),
  "documents": coalesce(documents[defined(title) && ${notEnded}]{_key, "title": ${present('title', '{}')}, note, ${evidence}, ${effect}}, []),
  "prerequisites": coalesce(prerequisites[defined(text) && ${notEnded}]{_key, "kind": ${oneOf('kind', 'prerequisite', 'other')}, "text": ${present('text', '{}')}, ${evidence}, ${effect}}, []),
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
  "changeLog": coalesce(changeLog[${isText('date')}]{_key, "date": ${present('date', '""')}, summary}, []) | order(date desc),
  "ended": coalesce((coalesce(channels, []) + coalesce(documents, []) + coalesce(prerequisites, []))[${hasEnded}]{
    _key,
    "until": ${present('effectiveUntil', '""')},
    "channel": select(_type == "cancellationChannel" && kind in $vocabulary.channel => kind),
    "text": coalesce(title, text, note)
  } | order(until desc), [])
`

/** The policy of an operator: its own, newest first if an editor created two. */
const policyOf = /* groq */ `*[_type == "policy" && operator._ref == ^._id] | order(_updatedAt desc)[0]{${policyFields}}`

/** Operators that readers can open: a name and a slug, both text, are what a page needs. */
const listedOperator = /* groq */ `_type == "operator" && ${isText('name')} && ${isText('slug.current')}`

/** Operator fields every operator view shares. */
const operatorFields = /* groq */ `
  _id,
  _type,
  _updatedAt,
  "name": ${present('name', '""')},
  "slug": ${present('slug.current', '""')},
  "legalEntity": ${text('legalEntity')},
  "website": ${text('website')},
  summary,
  "parentAssumed": parentAssumed == true,
  "parent": select(${isText('parent->name')} && ${isText('parent->slug.current')} => parent->${operatorLink})`

export const siteSettingsQuery = defineQuery(
  `*[_type == "siteSettings" && _id == "siteSettings"][0]{_id, _type, _updatedAt, title, description, disclaimer}`,
)

export const guideQuery = defineQuery(`*[_type == "guide" && _id == "guide"][0]{
  _id,
  _type,
  _updatedAt,
  title,
  intro,
  "whyCancel": coalesce(whyCancel[defined(text) && ${notEnded}]${statement}, []),
  generalSteps,
  "unlinkFirst": coalesce(unlinkFirst[], []),
  "precautions": coalesce(precautions[defined(text) && ${notEnded}]${statement}, []),
  "alternatives": coalesce(alternatives[defined(title) && ${notEnded}]{_key, kind, "title": ${present('title', '{}')}, body, ${evidence}, ${effect}}, []),
  "rules": coalesce(rules[defined(title) && ${notEnded}]{_key, "title": ${present('title', '{}')}, body, ${evidence}, ${effect}}, []),
  "ended": coalesce((coalesce(whyCancel, []) + coalesce(precautions, []) + coalesce(rules, []) + coalesce(alternatives, []))[${hasEnded}]{
    _key,
    "until": ${present('effectiveUntil', '""')},
    "title": coalesce(title, text)
  } | order(until desc), [])
}`)

export const operatorsQuery = defineQuery(`*[${listedOperator}] | order(coalesce(order, 100) asc, name asc){
  ${operatorFields},
  "policy": ${policyOf}
}`)

export const operatorPageQuery = defineQuery(`*[${listedOperator} && slug.current == $slug][0]{
  ${operatorFields},
  "about": coalesce(about${factNote}, {}${factNote}),
  "contacts": coalesce(contacts[kind in $vocabulary.contact && ${notEnded}]{
    _key,
    "kind": ${present('kind', '"hotline"')},
    label,
    "value": ${text('value')},
    "valueFromAbroad": ${text('valueFromAbroad')},
    note,
    ${evidence},
    ${effect}
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
  _type,
  _updatedAt,
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
 * For editors (the Studio's verification age view): every policy, the longest unverified first, with the
 * number of its facts that have no source, and its texts (the view counts those behind or missing
 * a language). Facts are the entries and notes that carry evidence.
 */
export const policyVerificationAgeQuery = defineQuery(`*[_type == "policy"] | order(coalesce(verifiedAt, "0000-00-00") asc, _id asc){
  _id,
  "operator": coalesce(operator->name, "(no operator)"),
  "verifiedAt": ${text('verifiedAt')},
  "confidence": ${oneOf('confidence', 'confidence', 'unverified')},
  "unsourcedFacts": count((coalesce(channels, []) + coalesce(documents, []) + coalesce(prerequisites, []) + [balanceRefund, bundleRefund, numberHold, fees, processingTime, esimNotes, foreignerNotes])[defined(@) && !defined(evidence.sourceUrl)]),
  "newReports": count(*[_type == "readerReport" && status == "new" && operator._ref == ^.operator._ref]),
  "texts": {channels, documents, prerequisites, steps, balanceRefund, bundleRefund, numberHold, fees, processingTime, esimNotes, foreignerNotes, changeLog}
}`)

/**
 * For editors (the verification age view): every dated fact and proposal of the policies, the
 * guide and the operators, to list what starts or ends soon, in date order.
 */
export const datedFactsQuery = defineQuery(`*[_type in ["policy", "guide", "operator"]]{
  _id,
  _type,
  "document": coalesce(operator->name, name, "Guide"),
  "facts": (
    coalesce(channels, []) + coalesce(documents, []) + coalesce(prerequisites, []) + coalesce(contacts, []) +
    coalesce(whyCancel, []) + coalesce(precautions, []) + coalesce(rules, []) + coalesce(alternatives, []) +
    [balanceRefund, bundleRefund, numberHold, fees, processingTime, esimNotes, foreignerNotes, about]
  )[defined(@) && (defined(effectiveFrom) || defined(effectiveUntil) || status == "proposed")]{
    "key": coalesce(_key, _type),
    "effectiveFrom": ${text('effectiveFrom')},
    "effectiveUntil": ${text('effectiveUntil')},
    "proposed": status == "proposed",
    "text": coalesce(title, text, note, label)
  }
}[count(facts) > 0]`)

/**
 * For editors (the Studio's reader reports inbox): the operators whose page has no verified
 * procedure, by the rule the pages follow (the newest policy's confidence, "unverified" when it is
 * missing or unknown, or no policy at all). Their readers' reports are leads, and come first.
 */
export const operatorsWithoutVerifiedProcedureQuery = defineQuery(`*[_type == "operator"]{
  _id,
  "confidence": ${oneOf('(*[_type == "policy" && operator._ref == ^._id] | order(_updatedAt desc))[0].confidence', 'confidence', 'unverified')}
}[confidence == "unverified"]._id`)

/**
 * Source checks (lib/sources). Documents that can cite a source, whole: lib/sources/citations.ts
 * finds every URL in them, wherever a fact, a list of sources or a link puts it. `label` names the
 * document for editors.
 */
export const sourceCitingDocumentsQuery =
  defineQuery(`*[_type in ["policy", "operator", "guide", "faq"] && !(_id in path("drafts.**"))] | order(_type asc, _id asc){
  ...,
  "label": coalesce(operator->name, name, question.en, question.zh, title.en, title.zh, _id)
}`)

/** What the source checker compares the next check with: the last check of each URL, with its stored text. */
export const sourceCheckStateQuery = defineQuery(`*[_type == "sourceCheck" && ${isText('url')}]{
  "url": ${present('url', '""')}, finalUrl, checkedAt, changedAt, baselineAt, comparedAs, textHash, size, text, etag, lastModified, excerpt, movedSeen
}`)

/** For editors: the last check of each source, without the stored text. */
export const sourceChecksQuery = defineQuery(`*[_type == "sourceCheck" && ${isText('url')}] | order(url asc){
  _id, "url": ${present('url', '""')}, "status": coalesce(status, "unchanged"), detail, httpStatus, finalUrl, checkedAt, changedAt, excerpt, movedSeen
}`)

/** A policy's validation: when each of the sources it cites last changed. */
export const sourceChangesQuery = defineQuery(
  `*[_type == "sourceCheck" && url in $urls && defined(changedAt)]{"url": ${present('url', '""')}, "status": coalesce(status, "unchanged"), changedAt}`,
)

/**
 * The change feed (change-feed.ts) follows the published documents of the types readers' pages
 * show (`$types`): this is its listener's filter. Drafts and release versions are left out.
 */
export const changeFeedQuery = defineQuery(`*[_type in $types && !(_id in path("drafts.**")) && !(_id in path("versions.**"))]{_id}`)

/**
 * The catch-up after a gap in the change feed, in one request: the content store's time, what
 * changed since `$since` (an ISO time; "" for everything), and every document of those types, to
 * find the ones deleted meanwhile by their absence.
 */
export const catchUpQuery = defineQuery(`{
  "now": now(),
  "changed": *[_type in $types && _updatedAt >= $since]{_id, _type, _rev, _updatedAt},
  "listed": *[_type in $types]{_id, _type}
}`)
