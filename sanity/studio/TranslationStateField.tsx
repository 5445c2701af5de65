import {useFormValue, type FieldProps} from 'sanity'
import {LOCALE_NAMES, LOCALES, type Locale} from '../../lib/i18n/locales'
import {translationStates, type TranslationState} from '../../lib/i18n/translation'

/**
 * One language of a locale value, with its translation state beside its title: current, behind
 * (and behind which language's newer text) or missing. Read from the stored texts, so an edit made
 * anywhere (here, the API, an import) shows the same.
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
    .map((segment) => (typeof segment === 'string' ? `.${segment}` : typeof segment === 'number' ? `[${segment}]` : '_key' in segment ? `[_key=="${segment._key}"]` : ''))
    .join('')
    .slice(1)

export function TranslationStateField(props: FieldProps) {
  const localeValue = useFormValue(props.path.slice(0, -1))
  const locale = props.name as Locale
  if (!LOCALES.includes(locale)) return props.renderDefault(props)
  const state = translationStates(localeValue)[locale]
  return (
    <div data-translation-state={state.state} data-locale={locale} data-path={pathOf(props.path)}>
      {props.renderDefault(props)}
      <p style={{margin: '0.25rem 0 0', fontSize: '0.8125rem', color: TONE[state.state]}}>
        {LOCALE_NAMES[locale]}: {describeState(state)}
      </p>
    </div>
  )
}
