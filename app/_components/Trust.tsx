import {daysSince, formatDate, messagesFor, type Locale} from '@/lib/i18n'
import type {Evidence} from '@/lib/content/types'
import {isHttpUrl} from '@/lib/safe-url'
import type {Confidence} from '@/lib/content/vocabulary'
import {STALE_AFTER_DAYS} from '@/lib/content/freshness'

export function DateTime({date, locale}: {date: string; locale: Locale}) {
  return <time dateTime={date.slice(0, 10)}>{formatDate(date, locale)}</time>
}

export function ConfidenceBadge({confidence, locale}: {confidence: Confidence; locale: Locale}) {
  const t = messagesFor(locale)
  return (
    <span className={`badge badge-${confidence}`}>
      {t.trust.confidence}: {t.vocab.confidence[confidence] ?? t.vocab.confidence.unverified}
    </span>
  )
}

/** Where a single fact comes from, or that it is not verified yet. */
export function FactSource({evidence, locale}: {evidence: Evidence | undefined; locale: Locale}) {
  const t = messagesFor(locale)
  const url = evidence?.sourceUrl && isHttpUrl(evidence.sourceUrl) ? evidence.sourceUrl : undefined
  if (!url) return <small className="fact-source unverified">{t.trust.unverified}</small>
  return (
    <small className="fact-source">
      <a href={url} rel="noopener noreferrer nofollow" target="_blank" title={t.trust.sourceOf}>
        {t.trust.source}: {new URL(url).hostname.replace(/^www\./, '')}
      </a>
      {evidence?.verifiedAt && (
        <>
          {' · '}
          <DateTime date={evidence.verifiedAt} locale={locale} />
        </>
      )}
      {' · '}
      {t.vocab.confidence[evidence?.confidence ?? 'unverified']}
    </small>
  )
}

/** The verified date, confidence and, past STALE_AFTER_DAYS, a notice that it may be out of date. */
export function TrustPanel({
  verifiedAt,
  confidence,
  locale,
  now = new Date(),
}: {
  verifiedAt: string | null | undefined
  confidence: Confidence
  locale: Locale
  now?: Date
}) {
  const t = messagesFor(locale)
  const stale = !verifiedAt || daysSince(verifiedAt, now) > STALE_AFTER_DAYS
  return (
    <aside className="trust" aria-label={t.trust.verifiedOn}>
      <p>
        {t.trust.verifiedOn}:{' '}
        {verifiedAt ? <DateTime date={verifiedAt} locale={locale} /> : <strong>{t.trust.notVerifiedDate}</strong>}{' '}
        <ConfidenceBadge confidence={confidence} locale={locale} />
      </p>
      {stale && verifiedAt && (
        <p className="notice" role="note">
          {t.trust.staleNotice.replace('{days}', String(STALE_AFTER_DAYS))}
        </p>
      )}
    </aside>
  )
}
