import {randomBytes} from 'node:crypto'
import {existsSync, readFileSync, statSync} from 'node:fs'
import {basename, dirname, join} from 'node:path'
import {Mutation} from '@sanity/mutator'
import {isEditorialRecordType} from '../../lib/content/record-types.ts'
import {isDraftId} from '../../lib/content/ids.ts'
import {parseNdjson, toNdjson, writeFileAtomically} from '../../lib/files.mjs'
import {runGroq} from './groq.ts'

/**
 * The documents the local backend serves: published ones from the bundled NDJSON export, drafts
 * from a file beside it, and editorial records (readers' reports, source checks: never content)
 * from a third. Every change is one transaction: it applies whole or not at all, gets one
 * revision, and is written to disk with a temporary file and a rename, so the site's watcher never
 * reads half a file.
 */
export type StoredDocument = {_id: string; _type: string; _rev?: string; [field: string]: unknown}

/** One mutation as Sanity's HTTP API takes it (`create`, `createOrReplace`, `createIfNotExists`, `delete`, `patch`). */
export type RawMutation = Record<string, Record<string, unknown>>

export type DocumentChange = {id: string; before: StoredDocument | null; after: StoredDocument | null}
export type Transaction = {transactionId: string; timestamp: string; changes: DocumentChange[]}

export class MutationError extends Error {
  readonly status: number
  constructor(message: string, status = 409) {
    super(message)
    this.status = status
  }
}

export const newRevision = () => randomBytes(12).toString('base64url')

/** Files beside `dataset.ndjson`: `dataset.drafts.ndjson` and `dataset.records.ndjson`, so the export stays importable content. */
const besideFile = (file: string, part: 'drafts' | 'records') =>
  join(dirname(file), basename(file).replace(/(\.ndjson)?$/, `.${part}.ndjson`))
export const draftsFileFor = (file: string) => besideFile(file, 'drafts')
export const recordsFileFor = (file: string) => besideFile(file, 'records')

/** Which file a document belongs in. */
const isRecord = (doc: StoredDocument) => !isDraftId(doc._id) && isEditorialRecordType(doc._type)
const isContent = (doc: StoredDocument) => !isDraftId(doc._id) && !isRecord(doc)

const readDocuments = (file: string): StoredDocument[] => (existsSync(file) ? parseNdjson(readFileSync(file, 'utf8'), {file}) : [])

/** Size and modification time: enough to notice that someone else wrote the file. */
const versionOf = (file: string) => {
  const stat = statSync(file, {throwIfNoEntry: false})
  return stat ? `${stat.size}-${stat.mtimeMs}` : 'missing'
}

export type StoreOptions = {
  /** The NDJSON export: published documents. */
  file: string
  /** Write changes back to disk (the local Studio), or keep them in memory (a test's stand-in). */
  persist: boolean
}

export class DocumentStore {
  private documents = new Map<string, StoredDocument>()
  private readonly options: StoreOptions
  private readonly draftsFile: string
  private readonly recordsFile: string
  private fileVersion = ''
  /** Writes to disk, one after another in commit order. */
  private writes: Promise<void> = Promise.resolve()

  constructor(options: StoreOptions) {
    this.options = options
    this.draftsFile = draftsFileFor(options.file)
    this.recordsFile = recordsFileFor(options.file)
    this.loadPublished()
    if (options.persist) {
      // Drafts and records only from their own files: an export's stray line is kept in the export untouched.
      for (const doc of readDocuments(this.draftsFile)) if (isDraftId(doc._id)) this.documents.set(doc._id, doc)
      for (const doc of readDocuments(this.recordsFile)) if (isRecord(doc)) this.documents.set(doc._id, doc)
    }
  }

  private loadPublished() {
    this.fileVersion = versionOf(this.options.file)
    for (const [id, doc] of this.documents) if (isContent(doc)) this.documents.delete(id)
    for (const doc of readDocuments(this.options.file)) this.documents.set(doc._id, doc)
  }

  /**
   * When the export changed on disk since it was read or written here (edited by hand, a new export
   * copied in, a `git pull`), reads it again, so the next publish does not write over that change.
   * Drafts and records are kept.
   */
  refresh(): boolean {
    if (!this.options.persist || versionOf(this.options.file) === this.fileVersion) return false
    this.loadPublished()
    return true
  }

  get(id: string): StoredDocument | undefined {
    return this.documents.get(id)
  }

  all(): StoredDocument[] {
    return [...this.documents.values()]
  }

  /**
   * Applies mutations in order as one transaction, and resolves once it is on disk. Throws
   * MutationError, changing nothing, when one cannot apply (a create over an existing document, a
   * patch of a missing one, a revision that does not match).
   */
  async commit(mutations: RawMutation[], transactionId = newRevision()): Promise<Transaction> {
    const transaction = this.apply(await this.byId(mutations), transactionId)
    await this.save(transaction.changes)
    return transaction
  }

  /**
   * A `delete` or `patch` by `query` (the Studio deletes its expired preview secrets so) becomes one
   * per document the query finds, drafts included, as the API reads it.
   */
  private async byId(mutations: RawMutation[]): Promise<RawMutation[]> {
    const expanded: RawMutation[] = []
    for (const mutation of mutations) {
      const [operation, spec] = Object.entries(mutation)[0] ?? []
      if (!spec || (operation !== 'delete' && operation !== 'patch') || spec.id !== undefined || typeof spec.query !== 'string') {
        expanded.push(mutation)
        continue
      }
      const {query, params, ...rest} = spec
      const found = await runGroq(query, (params ?? {}) as Record<string, unknown>, this.all())
      if (!Array.isArray(found)) throw new MutationError(`A ${operation} by query needs a query that finds documents`, 400)
      for (const doc of found as StoredDocument[]) expanded.push({[operation]: {...rest, id: doc._id}})
    }
    return expanded
  }

  private apply(mutations: RawMutation[], transactionId: string): Transaction {
    const timestamp = new Date().toISOString()
    const working = new Map<string, StoredDocument | null>()
    const current = (id: string) => (working.has(id) ? working.get(id)! : (this.documents.get(id) ?? null))
    for (const mutation of mutations) {
      const entries = Object.entries(mutation)
      if (entries.length !== 1) throw new MutationError('A mutation has exactly one operation', 400)
      const [operation, spec] = entries[0]!
      const id = mutationTarget(operation, spec)
      const before = current(id)
      if (operation === 'create' && before) throw new MutationError(`Document "${id}" already exists`)
      if (operation === 'patch') {
        if (!before) throw new MutationError(`Document "${id}" not found`, 404)
        if (spec.ifRevisionID && spec.ifRevisionID !== before._rev) {
          throw new MutationError(`Document "${id}" has revision ${before._rev}, not ${String(spec.ifRevisionID)}`)
        }
      }
      const after = new Mutation({
        mutations: [{[operation]: operation === 'delete' || operation === 'patch' ? {...spec, id} : {...spec, _id: id}}],
      }).apply(before ? structuredClone(before) : null) as StoredDocument | null
      working.set(id, after)
    }

    const changes: DocumentChange[] = []
    for (const [id, after] of working) {
      const before = this.documents.get(id) ?? null
      if (after) {
        after._rev = transactionId
        after._updatedAt = timestamp
        after._createdAt ??= before?._createdAt ?? timestamp
        if (typeof after._type !== 'string') throw new MutationError(`Document "${id}" needs a _type`, 400)
      }
      if (!before && !after) continue
      changes.push({id, before, after})
    }
    for (const {id, after} of changes) {
      if (after) this.documents.set(id, after)
      else this.documents.delete(id)
    }
    return {transactionId, timestamp, changes}
  }

  private save(changes: DocumentChange[]): Promise<void> {
    if (!this.options.persist) return Promise.resolve()
    const touched = changes.flatMap(({before, after}) => [before, after]).filter((doc) => doc !== null)
    const files: [string, (doc: StoredDocument) => boolean][] = [
      [this.options.file, isContent],
      [this.draftsFile, (doc) => isDraftId(doc._id)],
      [this.recordsFile, isRecord],
    ]
    // Each file as the store holds it now, in commit order; a failed write does not stop the next.
    const write = this.writes.then(async () => {
      for (const [file, holds] of files) {
        if (!touched.some(holds)) continue
        await writeFileAtomically(file, toNdjson(this.all().filter(holds)))
        if (file === this.options.file) this.fileVersion = versionOf(file)
      }
    })
    this.writes = write.catch(() => {})
    return write
  }
}

function mutationTarget(operation: string, spec: Record<string, unknown>): string {
  const id = operation === 'delete' || operation === 'patch' ? spec.id : spec._id
  if (!['create', 'createOrReplace', 'createIfNotExists', 'delete', 'patch'].includes(operation)) {
    throw new MutationError(`The local backend does not implement the "${operation}" mutation`, 400)
  }
  if (typeof id !== 'string' || id === '') {
    throw new MutationError(`A ${operation} mutation needs a document id or a query`, 400)
  }
  return id
}
