import {evaluate, parse} from 'groq-js'
import {createSchema, validateDocument} from 'sanity'
import type {RawDocument} from '@/lib/content/embedded'
import {isEditorialWarning} from '@/lib/content/verification'
import {schemaTypes} from '@/sanity/schemaTypes'

const schema = createSchema({name: 'default', types: schemaTypes})

/** A marker's path as Sanity writes it: `rules[_key=="r"].evidence`, `channels[0].note`. */
function pathString(path: readonly unknown[]): string {
  return path.reduce<string>((text, segment) => {
    if (typeof segment === 'number') return `${text}[${segment}]`
    if (segment && typeof segment === 'object' && '_key' in segment) return `${text}[_key==${JSON.stringify(segment._key)}]`
    return text ? `${text}.${String(segment)}` : String(segment)
  }, '')
}

type Options = {editorialWarnings?: boolean}

/** Runs Sanity Studio's own validation on a document, offline: the rules editors meet in Studio. */
export async function validate(document: RawDocument, dataset: RawDocument[] = [], options: Options = {}) {
  return (await validationMarkers(document, dataset, options)).map(({path, message}) => ({path, message}))
}

/** The same, saying of each marker whether it is an error (publishing refused) or a warning. */
export async function validationMarkers(document: RawDocument, dataset: RawDocument[] = [], {editorialWarnings = false}: Options = {}) {
  const existingIds = new Set(dataset.map((doc) => doc._id))
  // Rules that query (slug uniqueness) run against the dataset, as they would against the Lake.
  const client = {
    withConfig: () => client,
    fetch: async (query: string, params: Record<string, unknown>) =>
      (await evaluate(parse(query), {dataset: [...dataset, document], params})).get(),
  }
  const markers = await validateDocument({
    document,
    workspace: {
      schema,
      currentUser: null,
      i18n: {t: (key: string) => key, loadNamespaces: async () => {}},
    },
    getClient: () => client,
    getDocumentExists: async ({id}: {id: string}) => existingIds.has(id),
    environment: 'cli',
  } as never)
  // Errors and warnings alike: Sanity reports some rules on object fields (slug, localized
  // text) as warnings, and the bundled dataset should have neither. The editorial warnings (a fact
  // without a source, an old verification) are expected on unknown facts: only when asked for.
  return markers
    .filter((marker) => marker.level === 'error' || marker.level === 'warning')
    .filter((marker) => editorialWarnings || marker.level !== 'warning' || !isEditorialWarning(marker.message))
    .map((marker) => ({path: pathString(marker.path), message: marker.message, level: marker.level}))
}
