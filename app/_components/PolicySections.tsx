import type {ReactNode} from 'react'
import {Blocks, Text} from './LocaleValue'
import {AdviceLabel, Effect, FactSource, Qualifier, WithDate, type DatedFact} from './Trust'
import {format, formatMoment, formatNumber, messagesFor, type Locale} from '@/lib/i18n'
import type {FactNote, Guide, NumberHold, OperatorLink, Policy, RefundRule, RequiredDocument, SourceReference} from '@/lib/content/types'
import {editAttribute} from '@/lib/content/edit-locations'
import {operatorPath} from '@/lib/site/paths'
import {isHttpUrl} from '@/lib/text/safe-url'

/** Pieces of a policy shared by the operator page and the checklist. */

/**
 * One fact of a policy under its heading, with its source. A fact that has ended says so instead
 * of what it said (ended facts of lists leave the page; these are the policy's single facts).
 */
export function Fact({
  title,
  children,
  fact,
  locale,
}: {
  title: string
  children: ReactNode
  fact: DatedFact & {evidence: FactNote['evidence']}
  locale: Locale
}) {
  const t = messagesFor(locale)
  return (
    <div className="fact" data-sanity={editAttribute(fact)}>
      <h3>{title}</h3>
      {fact.effect === 'ended' && fact.effectiveUntil ? (
        <p className="unknown">{format(t.effect.ended, {date: formatMoment(fact.effectiveUntil, locale)})}</p>
      ) : (
        children
      )}
      <FactSource evidence={fact.evidence} locale={locale} />
    </div>
  )
}

/**
 * "Refunded", "Not refunded" or "Unknown"; a known outcome always carries how sure it is and how old
 * its source is, wherever it is shown, because a bare "Refunded" reads as settled.
 */
export function RefundOutcome({rule, locale}: {rule: RefundRule; locale: Locale}) {
  const t = messagesFor(locale)
  return (
    <>
      <strong className={`outcome outcome-${rule.outcome}`}>{t.vocab.refund[rule.outcome] ?? t.vocab.refund.unknown}</strong>
      {rule.outcome !== 'unknown' && (
        <>
          {' '}
          <Qualifier evidence={rule.evidence} locale={locale} />
        </>
      )}
    </>
  )
}

export function RefundFact({title, rule, locale}: {title: string; rule: RefundRule; locale: Locale}) {
  return (
    <Fact title={title} fact={rule} locale={locale}>
      <p>
        <Effect fact={rule} locale={locale} />
        <RefundOutcome rule={rule} locale={locale} />
        {rule.text && (
          <>
            {' — '}
            <Text value={rule.text} locale={locale} />
          </>
        )}
      </p>
    </Fact>
  )
}

export function NumberHoldFact({hold, locale}: {hold: NumberHold; locale: Locale}) {
  const t = messagesFor(locale)
  const hasFact = typeof hold.holdDays === 'number' || hold.text
  return (
    <Fact title={t.operator.number} fact={hold} locale={locale}>
      {typeof hold.holdDays === 'number' && (
        <p>
          <Effect fact={hold} locale={locale} />
          {format(t.operator.holdDays, {days: formatNumber(hold.holdDays, locale)})}
        </p>
      )}
      {hold.text && (
        <p>
          <Text value={hold.text} locale={locale} />
        </p>
      )}
      {!hasFact && <p className="unknown">{t.trust.unknown}</p>}
    </Fact>
  )
}

/** A text-only fact; shown as "not yet verified" when it has no text. */
export function NoteFact({title, note, locale}: {title: string; note: FactNote; locale: Locale}) {
  const t = messagesFor(locale)
  return (
    <Fact title={title} fact={note} locale={locale}>
      {note.text ? (
        <p>
          <Effect fact={note} locale={locale} />
          <Text value={note.text} locale={locale} />
        </p>
      ) : (
        <p className="unknown">{t.trust.unverified}</p>
      )}
    </Fact>
  )
}

export function DocumentList({documents, locale}: {documents: RequiredDocument[]; locale: Locale}) {
  const t = messagesFor(locale)
  if (documents.length === 0) return <p className="unknown">{t.operator.noDocuments}</p>
  return (
    <ul className="facts">
      {documents.map((doc) => (
        <li key={doc._key} data-sanity={editAttribute(doc)}>
          <Effect fact={doc} locale={locale} />
          <Text value={doc.title} locale={locale} />
          {doc.note && (
            <>
              {' — '}
              <Text value={doc.note} locale={locale} />
            </>
          )}{' '}
          <FactSource evidence={doc.evidence} locale={locale} />
        </li>
      ))}
    </ul>
  )
}

export function Steps({policy, guide, locale}: {policy: Policy | null | undefined; guide: Guide; locale: Locale}) {
  if (policy?.steps && Object.values(policy.steps).some((blocks) => Array.isArray(blocks) && blocks.length > 0)) {
    return <Blocks value={policy.steps} locale={locale} />
  }
  return <GeneralSteps guide={guide} locale={locale} />
}

/** The guide's general steps where an operator's own are not verified: advice, and labelled so. */
export function GeneralSteps({guide, locale}: {guide: Guide; locale: Locale}) {
  const t = messagesFor(locale)
  return (
    <div className="advice">
      <p className="unknown">{t.operator.noSteps}</p>
      <p>
        <AdviceLabel locale={locale} /> {t.operator.generalStepsAdvice}
      </p>
      <Blocks value={guide?.generalSteps} locale={locale} />
    </div>
  )
}

export function SourceList({sources, locale}: {sources: SourceReference[]; locale: Locale}) {
  const t = messagesFor(locale)
  if (sources.length === 0) return <p className="unknown">{t.trust.unverified}</p>
  return (
    <ol className="sources">
      {sources.map((source) => (
        <li key={source._key}>
          {isHttpUrl(source.url) ? (
            <a href={source.url} rel="noopener noreferrer nofollow" target="_blank">
              {source.title || source.url}
            </a>
          ) : (
            source.title || source.url
          )}
          {source.accessedAt && (
            <small>
              {' '}
              (<WithDate template={t.operator.accessed} date={source.accessedAt} locale={locale} />)
            </small>
          )}
        </li>
      ))}
    </ol>
  )
}

/** Links to operator pages, comma-separated: brands, or the operators an answer applies to. */
export function OperatorLinks({operators, locale}: {operators: (OperatorLink & {assumed?: boolean})[]; locale: Locale}) {
  return (
    <>
      {operators.map((operator, index) => (
        <span key={operator._id}>
          {index > 0 && ', '}
          <a href={operatorPath(locale, operator.slug)}>{operator.name}</a>
          {operator.assumed && <Assumed locale={locale} />}
        </span>
      ))}
    </>
  )
}

/** Marks a brand relation that no source confirms. */
export function Assumed({locale}: {locale: Locale}) {
  return <small className="assumed"> ({messagesFor(locale).trust.assumed})</small>
}
