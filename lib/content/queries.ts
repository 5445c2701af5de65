import {defineQuery} from 'next-sanity'

/**
 * Every GROQ query of the site. Defaults live here (coalesce), so components never guess what a
 * missing field means: unknown facts come back as "unknown", missing lists as [].
 * Both content sources run these same strings.
 */

const evidence = /* groq */ `evidence{sourceUrl, verifiedAt, "confidence": coalesce(confidence, "unverified")}`
const factNote = /* groq */ `{text, ${evidence}}`
const refundRule = /* groq */ `{"outcome": coalesce(outcome, "unknown"), text, ${evidence}}`
const operatorLink = /* groq */ `{_id, name, "slug": slug.current}`

const policyFields = /* groq */ `
  _id,
  _updatedAt,
  "subscriptions": coalesce(subscriptions[@ in ["prepaid", "postpaid", "esim", "data"]], []),
  "channels": coalesce(channels[defined(kind)]{
    _key,
    kind,
    "available": coalesce(available, "unknown"),
    "ownerInPerson": coalesce(ownerInPerson, "unknown"),
    "representativeAccepted": coalesce(representativeAccepted, "unknown"),
    note,
    ${evidence}
  }, []),
  "documents": coalesce(documents[defined(title)]{_key, title, note, ${evidence}}, []),
  "prerequisites": coalesce(prerequisites[defined(text)]{_key, "kind": coalesce(kind, "other"), text, ${evidence}}, []),
  steps,
  "balanceRefund": coalesce(balanceRefund, {})${refundRule},
  "bundleRefund": coalesce(bundleRefund, {})${refundRule},
  "numberHold": coalesce(numberHold, {}){holdDays, text, ${evidence}},
  "fees": coalesce(fees, {})${factNote},
  "processingTime": coalesce(processingTime, {})${factNote},
  "esimNotes": coalesce(esimNotes, {})${factNote},
  "foreignerNotes": coalesce(foreignerNotes, {})${factNote},
  verifiedAt,
  "confidence": coalesce(confidence, "unverified"),
  "sources": coalesce(sources[defined(url)]{_key, url, title, accessedAt}, []),
  "changeLog": coalesce(changeLog[defined(date)]{_key, date, summary}, []) | order(date desc)
`

/** The policy of an operator: its own, newest first if an editor created two. */
const policyOf = /* groq */ `*[_type == "policy" && operator._ref == ^._id] | order(_updatedAt desc)[0]{${policyFields}}`

/** Operators that readers can open: a name and a slug are what a page needs. */
const listedOperator = /* groq */ `_type == "operator" && defined(name) && defined(slug.current)`

export const siteSettingsQuery = defineQuery(`*[_id == "siteSettings"][0]{_id, title, description, disclaimer}`)

export const guideQuery = defineQuery(`*[_id == "guide"][0]{
  _id,
  title,
  intro,
  whyCancel,
  generalSteps,
  "unlinkFirst": coalesce(unlinkFirst, []),
  precautions,
  "alternatives": coalesce(alternatives[defined(title)]{_key, kind, title, body, ${evidence}}, []),
  "rules": coalesce(rules[defined(title)]{_key, title, body, ${evidence}}, [])
}`)

export const operatorsQuery = defineQuery(`*[${listedOperator}] | order(coalesce(order, 100) asc, name asc){
  _id,
  _updatedAt,
  name,
  "slug": slug.current,
  legalEntity,
  website,
  summary,
  "parent": parent->${operatorLink},
  "policy": ${policyOf}
}`)

export const operatorPageQuery = defineQuery(`*[${listedOperator} && slug.current == $slug][0]{
  _id,
  _updatedAt,
  name,
  "slug": slug.current,
  legalEntity,
  website,
  summary,
  "about": coalesce(about, {})${factNote},
  "contacts": coalesce(contacts[defined(kind)]{_key, kind, label, value, valueFromAbroad, note, ${evidence}}, []),
  "parent": parent->${operatorLink},
  "brands": *[${listedOperator} && parent._ref == ^._id] | order(coalesce(order, 100) asc)${operatorLink},
  "policy": ${policyOf}
}`)

export const operatorSlugsQuery = defineQuery(`*[${listedOperator}] | order(coalesce(order, 100) asc).slug.current`)

export const faqQuery = defineQuery(`*[_type == "faq" && defined(question) && defined(answer)] | order(coalesce(order, 100) asc){
  _id,
  question,
  answer,
  "operators": coalesce(operators[]->${operatorLink}, []),
  "sources": coalesce(sources[defined(url)]{_key, url, title, accessedAt}, [])
}`)

/** For the webhook: what a changed document is, when Sanity sent only its id. */
export const documentIdentityQuery = defineQuery(`*[_id == $id][0]{
  _id,
  _type,
  "slug": slug.current,
  "operator": operator->slug.current
}`)

export const documentCountQuery = defineQuery(`count(*[!(_id in path("drafts.**"))])`)
