import {Text} from './LocaleValue'
import {around, daysSince, format, formatDate, formatMoment, messagesFor, type Locale} from '@/lib/i18n'
import type {Evidence, Statement} from '@/lib/content/types'
import {isHttpUrl} from '@/lib/text/safe-url'
import type {Confidence} from '@/lib/content/vocabulary'
import {STALE_AFTER_DAYS} from '@/lib/content/verification'

/** A date as precise as it is known (a day, a month or a year), machine-readable too. */
export function DateTime({date, locale}: {date: string; locale: Locale}) {
  return <time dateTime={date.slice(0, 10)}>{formatDate(date, locale)}</time>
}

/** A message with a date in it ("Verified on {date}."), the date machine-readable. */
export function WithDate({template, date, locale}: {template: string; date: string; locale: Locale}) {
  const [before, after] = around(template, 'date')
  return (
    <>
      {before}
      <DateTime date={date} locale={locale} />
      {after}
    </>
  )
}

export function ConfidenceBadge({confidence, locale}: {confidence: Confidence; locale: Locale}) {
  const t = messagesFor(locale)
  return (
    <span className={`badge badge-${confidence}`}>
      {t.trust.confidence}: {t.vocab.confidence[confidence] ?? t.vocab.confidence.unverified}
    </span>
  )
}

/** A fact that may be dated: when it starts or stops being in force, or that it is only proposed. */
export type DatedFact = {effect: 'proposed' | 'upcoming' | 'inForce' | 'ended'; effectiveFrom: string | null; effectiveUntil: string | null}

/**
 * When a fact is in force, in words, before the fact: "From 3 January 2026:" while it is upcoming,
 * "Since 18 November 2025:" once it is, "Proposed, not in force:" for a draft rule; and its end,
 * when one is known. Nothing for a fact with no dates.
 */
export function Effect({fact, locale}: {fact: DatedFact; locale: Locale}) {
  const t = messagesFor(locale).effect
  const date = (value: string, role: 'from' | 'until' = 'from') => formatMoment(value, locale, role)
  const start =
    fact.effect === 'proposed'
      ? t.proposed
      : fact.effect === 'upcoming' && fact.effectiveFrom
        ? format(t.upcoming, {date: date(fact.effectiveFrom)})
        : fact.effect === 'inForce' && fact.effectiveFrom
          ? format(t.since, {date: date(fact.effectiveFrom)})
          : undefined
  const end = fact.effect !== 'proposed' && fact.effectiveUntil ? format(t.until, {date: date(fact.effectiveUntil, 'until')}) : undefined
  if (!start && !end) return null
  return (
    <span className={`effect effect-${fact.effect}`} data-effect={fact.effect}>
      {[start, end].filter(Boolean).join(', ')}:{' '}
    </span>
  )
}

/** Marks a statement as this guide's advice, not a rule any source states. */
export function AdviceLabel({locale}: {locale: Locale}) {
  return <strong className="advice-label">{messagesFor(locale).trust.advice}:</strong>
}

/** Where a single fact comes from, how old that source is, or that it is not verified yet. */
export function FactSource({evidence, locale}: {evidence: Evidence | undefined; locale: Locale}) {
  const t = messagesFor(locale)
  const url = evidence?.sourceUrl && isHttpUrl(evidence.sourceUrl) ? evidence.sourceUrl : undefined
  if (!url) return <small className="fact-source unverified">{t.trust.unverified}</small>
  return (
    <small className="fact-source">
      <a href={url} rel="noopener noreferrer nofollow" target="_blank" title={t.trust.sourceOf}>
        {t.trust.source}: {new URL(url).hostname.replace(/^www\./, '')}
      </a>
      {evidence?.sourceDate && <> ({format(t.trust.sourceDated, {date: formatDate(evidence.sourceDate, locale)})})</>}
      {evidence?.verifiedAt && (
        <>
          {' · '}
          {t.trust.checked} <DateTime date={evidence.verifiedAt} locale={locale} />
        </>
      )}
      {' · '}
      {t.vocab.confidence[evidence?.confidence ?? 'unverified']}
    </small>
  )
}

/**
 * How sure a fact is, in words, for places that show only its outcome (a table cell, a checklist
 * line): "confidence: medium; source from 2016".
 */
export function Qualifier({evidence, locale}: {evidence: Evidence | undefined; locale: Locale}) {
  const t = messagesFor(locale)
  const confidence = t.vocab.confidence[evidence?.confidence ?? 'unverified']
  const words = evidence?.sourceDate
    ? format(t.trust.qualified, {confidence, date: formatDate(evidence.sourceDate, locale)})
    : format(t.trust.qualifiedUndated, {confidence})
  return <small className="qualifier">{`(${words})`}</small>
}

/** A statement of the guide: a fact with its source, or advice labelled as ours. */
export function StatementText({statement, locale}: {statement: Statement; locale: Locale}) {
  return (
    <>
      {statement.kind === 'advice' && <AdviceLabel locale={locale} />} <Effect fact={statement} locale={locale} />
      {statement.title && (
        <strong>
          <Text value={statement.title} locale={locale} />
        </strong>
      )}{' '}
      <Text value={statement.text} locale={locale} />
      {statement.kind === 'fact' && <FactSource evidence={statement.evidence} locale={locale} />}
    </>
  )
}

/**
 * The verified date of a policy, or, when nothing is verified, that no procedure is and when the
 * page was last reviewed. Never a verified date for an unverified policy.
 */
export function VerificationStatus({
  verifiedAt,
  reviewedAt,
  confidence,
  locale,
}: {
  verifiedAt: string | null | undefined
  reviewedAt: string | null | undefined
  confidence: Confidence
  locale: Locale
}) {
  const t = messagesFor(locale)
  // Separate statements, each a sentence of its own, then the badge.
  return (
    <>
      {verifiedAt ? (
        <WithDate template={t.trust.verifiedOn} date={verifiedAt} locale={locale} />
      ) : (
        <strong className="not-verified">{t.trust.noProcedureVerified}</strong>
      )}{' '}
      {reviewedAt && reviewedAt.slice(0, 10) !== verifiedAt && (
        <>
          <WithDate template={t.trust.reviewedOn} date={reviewedAt} locale={locale} />{' '}
        </>
      )}
      <ConfidenceBadge confidence={confidence} locale={locale} />
    </>
  )
}

/** The verification status and, past STALE_AFTER_DAYS, a notice that it may be out of date. */
export function TrustPanel({
  verifiedAt,
  reviewedAt,
  confidence,
  locale,
  now = new Date(),
}: {
  verifiedAt: string | null | undefined
  reviewedAt?: string | null
  confidence: Confidence
  locale: Locale
  now?: Date
}) {
  const t = messagesFor(locale)
  const stale = verifiedAt && daysSince(verifiedAt, now) > STALE_AFTER_DAYS
  return (
    <aside className="trust" aria-label={t.trust.status}>
      <p>
        <VerificationStatus verifiedAt={verifiedAt} reviewedAt={reviewedAt} confidence={confidence} locale={locale} />
      </p>
      {stale && (
        <p className="notice" role="note">
          {format(t.trust.staleNotice, {days: STALE_AFTER_DAYS})}
        </p>
      )}
    </aside>
  )
}
