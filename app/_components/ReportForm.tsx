import {Fold} from './Fold'
import {format, LOCALE_TAGS, messagesFor, type Locale} from '@/lib/i18n'
import {reportYears} from '@/lib/reports/form'
import {reportActionPath} from '@/lib/site/paths'
import {MAX_MESSAGE_CHARS, REPORT_CHANNELS, REPORT_FIELDS, REPORT_OUTCOMES} from '@/lib/reports/vocabulary'

/**
 * "Did this work for you?": a reader tells the editors what happened when they cancelled. Plain
 * HTML that posts to the server (multipart, so Chinese text stays small), with no script and no
 * cookie: the page around it stays static and cached, and works on any phone. Where no procedure
 * is verified, the invitation names the operator.
 */
export function ReportForm({
  operator,
  unverified,
  locale,
  now,
}: {
  operator: {slug: string; name: string}
  unverified: boolean
  locale: Locale
  /** The page's clock (its content's time): which years the form offers. */
  now: string
}) {
  const t = messagesFor(locale).report
  const monthName = new Intl.DateTimeFormat(LOCALE_TAGS[locale], {month: 'long', timeZone: 'UTC'})
  const months = Array.from({length: 12}, (_, index) => ({value: String(index + 1), label: monthName.format(Date.UTC(2000, index, 1))}))
  const choice = (name: string, value: string, label: string) => (
    <label key={value}>
      <input type="radio" name={name} value={value} required /> {label}
    </label>
  )
  return (
    // Folded under its question, which stays in view: on a phone the form is over a screen tall, and
    // most readers have not cancelled yet. `#report` (where a refused report sends the reader back) opens it.
    <section className="report no-print" aria-labelledby="report-heading">
      <Fold
        anchor="report"
        heading={<h2 id="report-heading">{unverified ? format(t.headingUnverified, {name: operator.name}) : t.heading}</h2>}
      >
        <p>{unverified ? format(t.introUnverified, {name: operator.name}) : t.intro}</p>
        <form method="post" action={reportActionPath(locale, operator.slug)} encType="multipart/form-data">
          <fieldset>
            <legend>{t.outcome}</legend>
            {REPORT_OUTCOMES.map(({value}) => choice(REPORT_FIELDS.outcome, value, t.outcomes[value]))}
          </fieldset>
          <fieldset>
            <legend>{t.channel}</legend>
            {REPORT_CHANNELS.map(({value}) => choice(REPORT_FIELDS.channel, value, t.channels[value]))}
          </fieldset>
          <fieldset className="report-when">
            <legend>{t.when}</legend>
            <label>
              {t.month}{' '}
              <select name={REPORT_FIELDS.month} required defaultValue="">
                <option value="">{t.choose}</option>
                {months.map((month) => (
                  <option key={month.value} value={month.value}>
                    {month.label}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t.year}{' '}
              <select name={REPORT_FIELDS.year} required defaultValue="">
                <option value="">{t.choose}</option>
                {reportYears(new Date(now)).map((year) => (
                  <option key={year} value={year}>
                    {year}
                  </option>
                ))}
              </select>
            </label>
          </fieldset>
          <p className="report-message">
            <label htmlFor="report-message">{t.message}</label>
            <textarea
              id="report-message"
              name={REPORT_FIELDS.message}
              maxLength={MAX_MESSAGE_CHARS}
              rows={4}
              aria-describedby="report-message-hint"
            />
            <small id="report-message-hint">{t.messageHint}</small>
          </p>
          {/* The honeypot: out of sight and out of the tab order; only a bot fills it in. */}
          <p className="report-trap" aria-hidden="true">
            <label>
              {t.honeypot} <input type="text" name={REPORT_FIELDS.honeypot} tabIndex={-1} autoComplete="off" />
            </label>
          </p>
          <p>
            <small>{t.privacy}</small>
          </p>
          <button type="submit" className="button">
            {t.submit}
          </button>
        </form>
      </Fold>
    </section>
  )
}
