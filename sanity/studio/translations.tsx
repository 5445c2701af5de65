import {useMemo, useState} from 'react'
import {useDocumentOperation, type DocumentActionComponent, type SanityDocument} from 'sanity'
import {
  BASIS_FIELD,
  basisAfterPublish,
  isLocaleValue,
  matchingBasis,
  translationStates,
  type TranslationBasis,
} from '../../lib/i18n/translation'

/**
 * The Studio's side of translation states (lib/i18n/translation.ts): recording, on publish, what
 * each language was written against, and "Translations still match" for a change that needs no
 * translation (a typo, a link).
 */
type Found = {path: string; label: string; value: Record<string, unknown>}

/** Every locale value of a document, with the path a patch reaches it by and a label for editors. */
export function localeValuesOf(document: unknown): Found[] {
  const found: Found[] = []
  const visit = (value: unknown, path: string, label: string[]) => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        const key = (item as {_key?: unknown} | null)?._key
        visit(item, `${path}[${typeof key === 'string' ? `_key=="${key}"` : index}]`, label)
      })
      return
    }
    if (!value || typeof value !== 'object') return
    if (isLocaleValue(value)) return void found.push({path, label: label.join(' › '), value})
    for (const [name, field] of Object.entries(value)) {
      if (!name.startsWith('_')) visit(field, path ? `${path}.${name}` : name, [...label, name])
    }
  }
  visit(document, '', [])
  return found
}

const isBehind = (value: Record<string, unknown>) => Object.values(translationStates(value)).some((entry) => entry.state === 'behind')
/** JSON with every object's keys in order: a basis read back from the content store may list them in another order. */
const byKey = ([a]: [string, unknown], [b]: [string, unknown]) => (a < b ? -1 : a > b ? 1 : 0)
const sortedKeys = (_key: string, field: unknown) =>
  field && typeof field === 'object' && !Array.isArray(field) ? Object.fromEntries(Object.entries(field).sort(byKey)) : field
const canonical = (value: unknown) => JSON.stringify(value, sortedKeys)
const sameBasis = (a: unknown, b: TranslationBasis) => {
  const {_type, ...stored} = (a && typeof a === 'object' ? a : {}) as Record<string, unknown>
  return canonical(stored) === canonical(b)
}

/** The `set` patch that gives these locale values a new basis; only the ones that change. */
function basisPatch(values: Found[], basisOf: (value: Record<string, unknown>) => TranslationBasis): Record<string, unknown> {
  const set: Record<string, unknown> = {}
  for (const {path, value} of values) {
    const basis = basisOf(value)
    if (!sameBasis(value[BASIS_FIELD], basis)) set[`${path}.${BASIS_FIELD}`] = {_type: 'translationBasis', ...basis}
  }
  return set
}

/**
 * Publish, first recording what each language was written against: a language that is not behind
 * is recorded against the texts as they are now, so the next change in another language shows it
 * as behind. A language that is behind stays behind until it is translated, or confirmed.
 */
export function recordingTranslations(publish: DocumentActionComponent): DocumentActionComponent {
  const RecordAndPublish: DocumentActionComponent = (props) => {
    const description = publish(props)
    const {patch} = useDocumentOperation(props.id, props.type)
    if (!description) return description
    return {
      ...description,
      onHandle: () => {
        const set = basisPatch(localeValuesOf(props.draft ?? props.published), basisAfterPublish)
        if (Object.keys(set).length > 0) patch.execute([{set}])
        description.onHandle?.()
      },
    }
  }
  RecordAndPublish.action = publish.action
  RecordAndPublish.displayName = 'RecordTranslationsAndPublish'
  return RecordAndPublish
}

/** What the change log says when an editor confirms the translations, in every language. */
const CONFIRMED = {
  zh: '已核对译文：各语言内容一致，无需重新翻译。',
  en: 'Translations checked: every language still says the same.',
  ru: 'Переводы проверены: на всех языках сказано одно и то же.',
  kk: 'Аудармалар тексерілді: барлық тілде мазмұны бірдей.',
}
const today = () => new Date().toISOString().slice(0, 10)
const newKey = () => Math.random().toString(36).slice(2, 12)
const ALL = 'all'

/**
 * "Translations still match": after a change that needs no translation, marks the other languages
 * of one text, or of the whole document, as current. Asks first; on a policy it also writes a line
 * in the change log readers see. The draft is then published as any other edit.
 */
export const TranslationsMatchAction: DocumentActionComponent = ({id, type, draft, published, onComplete}) => {
  const {patch} = useDocumentOperation(id, type)
  const [open, setOpen] = useState(false)
  const [choice, setChoice] = useState(ALL)
  const document = (draft ?? published) as SanityDocument | null
  const behind = useMemo(() => localeValuesOf(document).filter(({value}) => isBehind(value)), [document])
  const hasChangeLog = type === 'policy'
  const close = () => {
    setOpen(false)
    setChoice(ALL)
    onComplete()
  }
  const confirm = () => {
    const chosen = choice === ALL ? behind : behind.filter(({path}) => path === choice)
    const set = basisPatch(chosen, matchingBasis)
    const summary = {_type: 'localeText', ...CONFIRMED}
    patch.execute([
      {set},
      ...(hasChangeLog
        ? [
            {setIfMissing: {changeLog: []}},
            {
              insert: {
                after: 'changeLog[-1]',
                items: [
                  {
                    _key: newKey(),
                    _type: 'changeLogEntry',
                    date: today(),
                    summary: {...summary, [BASIS_FIELD]: {_type: 'translationBasis', ...matchingBasis(summary)}},
                  },
                ],
              },
            },
          ]
        : []),
    ])
    close()
  }
  return {
    label: 'Translations still match',
    title: behind.length > 0 ? `${behind.length} texts have a language behind another's newer text` : 'No text of this document is behind',
    disabled: behind.length === 0 || Boolean(patch.disabled),
    onHandle: () => setOpen(true),
    dialog: open && {
      type: 'dialog',
      header: 'Translations still match',
      onClose: close,
      content: (
        <form
          onSubmit={(event) => {
            event.preventDefault()
            confirm()
          }}
          style={{display: 'grid', gap: '0.75rem', padding: '0.25rem 0', fontSize: '0.875rem'}}
        >
          <p style={{margin: 0}}>
            Use this only when a change needs no translation (a typo, a link): the other languages of these texts are marked as current, as
            if they had been translated.{' '}
            {hasChangeLog ? 'A line is added to the change log readers see.' : 'This document has no change log.'}
          </p>
          <label style={{display: 'flex', gap: '0.5rem'}}>
            <input type="radio" name="scope" value={ALL} checked={choice === ALL} onChange={() => setChoice(ALL)} /> Every text of this
            document ({behind.length})
          </label>
          {behind.map(({path, label}) => (
            <label key={path} style={{display: 'flex', gap: '0.5rem'}}>
              <input type="radio" name="scope" value={path} checked={choice === path} onChange={() => setChoice(path)} /> {label}
            </label>
          ))}
          <button type="submit" style={{font: 'inherit', padding: '0.5rem 1rem', justifySelf: 'start'}}>
            Yes, the translations still match
          </button>
        </form>
      ),
    },
  }
}
TranslationsMatchAction.displayName = 'TranslationsMatchAction'
