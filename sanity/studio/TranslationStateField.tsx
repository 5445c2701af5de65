import {useMemo, type CSSProperties} from 'react'
import {useFormValue, type FieldProps} from 'sanity'
import {LOCALE_NAMES, LOCALES, type Locale} from '../../lib/i18n/locales'
import {translationStates, type TranslationState} from '../../lib/i18n/translation'
import {changesSinceWritten, type ChangePart, type NewerChange} from '../../lib/i18n/translation-diff'

/**
 * One language of a locale value, with its translation state beside its title: current, behind
 * (and behind which language's newer text) or missing. Read from the stored texts, so an edit made
 * anywhere (here, the API, an import) shows the same. A language that is behind also shows the
 * translator what changed in the newer language since it was written, word by word; translating
 * it, or "Translations still match", makes it current and the view goes.
 */
const TONE: Record<TranslationState['state'], string> = {
  current: 'var(--card-badge-positive-fg-color, #2e7d32)',
  behind: 'var(--card-badge-caution-fg-color, #a15c00)',
  missing: 'var(--card-muted-fg-color, #666)',
}

export function describeState(state: TranslationState): string {
  if (state.state === 'behind') return `behind ${state.newer.map((locale) => LOCALE_NAMES[locale]).join(', ')}`
  return state.state
}

/** The field's path as a patch names it (`fees.text.en`, `channels[_key=="k02w"].note.kk`), for tests and tools. */
const pathOf = (path: FieldProps['path']) =>
  path
    .map((segment) =>
      typeof segment === 'string'
        ? `.${segment}`
        : typeof segment === 'number'
          ? `[${segment}]`
          : '_key' in segment
            ? `[_key=="${segment._key}"]`
            : '',
    )
    .join('')
    .slice(1)

const MARK: Record<Exclude<ChangePart['change'], 'same'>, CSSProperties> = {
  removed: {background: 'var(--card-badge-critical-bg-color, #fde2e1)', textDecoration: 'line-through'},
  added: {background: 'var(--card-badge-positive-bg-color, #dcf5e3)', textDecoration: 'none'},
}

const BOX: CSSProperties = {
  margin: '0.375rem 0 0',
  padding: '0.5rem',
  fontSize: '0.8125rem',
  border: '1px solid var(--card-border-color, #ddd)',
  borderRadius: 3,
}

/** One side of a change: the old text with its removed words marked, or the new text with its added words. */
function Side({parts, side}: {parts: ChangePart[]; side: 'removed' | 'added'}) {
  return (
    <>
      {parts
        .filter((part) => part.change === 'same' || part.change === side)
        .map((part, index) => {
          if (part.change === 'same') return <span key={index}>{part.text}</span>
          const Mark = side === 'removed' ? 'del' : 'ins'
          return (
            <Mark key={index} style={MARK[side]}>
              {part.text}
            </Mark>
          )
        })}
    </>
  )
}

/** What changed in one newer language since this translation was written. */
function NewerText({change}: {change: NewerChange}) {
  const language = LOCALE_NAMES[change.locale]
  const line = {margin: '0.25rem 0 0', whiteSpace: 'pre-wrap'} as const
  return (
    <div data-translation-diff={change.locale} style={BOX}>
      {change.parts ? (
        <>
          <strong>{language} changed since this translation was written:</strong>
          <p style={line} data-side="before">
            Then: <Side parts={change.parts} side="removed" />
          </p>
          <p style={line} data-side="after">
            Now: <Side parts={change.parts} side="added" />
          </p>
        </>
      ) : (
        <>
          <strong>{language} changed since this translation was written.</strong> Its text then was not kept (this translation was recorded
          before the Studio kept it). {language} now:
          <p style={line} data-side="after">
            {change.after}
          </p>
        </>
      )}
    </div>
  )
}

export function TranslationStateField(props: FieldProps) {
  const localeValue = useFormValue(props.path.slice(0, -1))
  const locale = props.name as Locale
  const isLanguage = LOCALES.includes(locale)
  const changes = useMemo(() => (isLanguage ? changesSinceWritten(localeValue, locale) : []), [isLanguage, localeValue, locale])
  if (!isLanguage) return props.renderDefault(props)
  const state = translationStates(localeValue)[locale]
  return (
    <div data-translation-state={state.state} data-locale={locale} data-path={pathOf(props.path)}>
      {props.renderDefault(props)}
      <p style={{margin: '0.25rem 0 0', fontSize: '0.8125rem', color: TONE[state.state]}}>
        {LOCALE_NAMES[locale]}: {describeState(state)}
      </p>
      {changes.map((change) => (
        <NewerText key={change.locale} change={change} />
      ))}
    </div>
  )
}
