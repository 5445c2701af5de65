import type {ChangeLogLine} from '@/lib/content/change-log'
import {format, formatMoment, messagesFor, type Locale} from '@/lib/i18n'
import {Text} from './LocaleValue'
import {DateTime} from './Trust'

/** A change log, newest first: what editors wrote, and the facts that are no longer in force. */
export function ChangeLogList({lines, locale}: {lines: ChangeLogLine[]; locale: Locale}) {
  const t = messagesFor(locale)
  return (
    <ul className="changelog">
      {lines.map((line) => (
        <li key={line.key}>
          {line.kind === 'edit' ? (
            <>
              <DateTime date={line.date} locale={locale} />: <Text value={line.summary} locale={locale} />
            </>
          ) : (
            <>
              <time dateTime={line.date.slice(0, 10)}>{format(t.effect.ended, {date: formatMoment(line.date, locale)})}</time>:{' '}
              {line.text ? (
                <Text value={line.text} locale={locale} />
              ) : (
                line.channel && format(t.effect.channel, {channel: t.vocab.channel[line.channel]})
              )}
            </>
          )}
        </li>
      ))}
    </ul>
  )
}
