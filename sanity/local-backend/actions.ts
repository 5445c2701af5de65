import {Mutation} from '@sanity/mutator'
import {draftIdOf, isDraftId, publishedIdOf} from '../../lib/content/ids.ts'
import {MutationError, type RawMutation, type StoredDocument} from './store.ts'

/**
 * The Studio saves and publishes through Sanity's Actions API, never /data/mutate. Each action is
 * the create, patch or delete of a document's draft and published versions that Sanity performs.
 */
export type DocumentAction = {actionType: string; [field: string]: unknown}

type Lookup = (id: string) => StoredDocument | undefined

const str = (value: unknown, name: string): string => {
  if (typeof value !== 'string' || value === '') throw new MutationError(`The action needs "${name}"`, 400)
  return value
}
/** The draft an action names (the Studio may leave it out), which must be the published id's. */
const actionDraftId = (action: DocumentAction, publishedId: string): string => {
  const draftId = typeof action.draftId === 'string' ? action.draftId : draftIdOf(publishedId)
  if (!isDraftId(draftId) || publishedIdOf(draftId) !== publishedId) {
    throw new MutationError(`The local backend keeps only drafts (${draftIdOf(publishedId)}), not "${draftId}"`, 400)
  }
  return draftId
}
const withoutSystemFields = ({_rev, _updatedAt, _createdAt, ...rest}: StoredDocument) => rest
const requireRevision = (doc: StoredDocument | undefined, revision: unknown, what: string) => {
  if (revision !== undefined && doc?._rev !== revision)
    throw new MutationError(`The ${what} changed since it was read (revision ${String(revision)})`)
}

/** Translates actions into mutations, in order; `get` sees the documents as the earlier actions leave them. */
export function mutationsForActions(actions: DocumentAction[], read: Lookup): RawMutation[] {
  const pending = new Map<string, StoredDocument | null>()
  const get = (id: string) => (pending.has(id) ? (pending.get(id) ?? undefined) : read(id))
  const mutations: RawMutation[] = []
  const put = (doc: StoredDocument) => {
    mutations.push({createOrReplace: doc})
    pending.set(doc._id, doc)
  }
  const remove = (id: string) => {
    if (!get(id)) return
    mutations.push({delete: {id}})
    pending.set(id, null)
  }

  for (const action of actions) {
    const publishedId = str(action.publishedId, 'publishedId')
    if (isDraftId(publishedId)) throw new MutationError('"publishedId" must not be a draft id', 400)
    switch (action.actionType) {
      case 'sanity.action.document.create': {
        const attributes = action.attributes as StoredDocument | undefined
        if (!attributes || typeof attributes._type !== 'string')
          throw new MutationError('A create action needs attributes with a _type', 400)
        const id = attributes._id ?? draftIdOf(publishedId)
        if (id !== publishedId) actionDraftId({...action, draftId: id}, publishedId)
        if (get(id)) {
          if (action.ifExists === 'ignore') break
          throw new MutationError(`Document "${id}" already exists`)
        }
        put({...attributes, _id: id})
        break
      }
      case 'sanity.action.document.edit': {
        const draftId = actionDraftId(action, publishedId)
        const base = get(draftId) ?? get(publishedId)
        if (!base) throw new MutationError(`Neither "${draftId}" nor "${publishedId}" exists`, 404)
        if (!get(draftId)) put({...withoutSystemFields(base), _id: draftId, _type: base._type})
        const patch = action.patch as Record<string, unknown> | undefined
        if (!patch || typeof patch !== 'object') throw new MutationError('An edit action needs a patch', 400)
        const mutation = {patch: {...patch, id: draftId}}
        mutations.push(mutation)
        // What later actions of the same request see.
        pending.set(draftId, new Mutation({mutations: [mutation]}).apply(structuredClone(get(draftId) ?? null)) as StoredDocument)
        break
      }
      case 'sanity.action.document.publish': {
        const draftId = actionDraftId(action, publishedId)
        const draft = get(draftId)
        if (!draft) throw new MutationError(`There is no draft "${draftId}" to publish`, 409)
        requireRevision(draft, action.ifDraftRevisionId, 'draft')
        requireRevision(get(publishedId), action.ifPublishedRevisionId, 'published document')
        put({
          ...withoutSystemFields(draft),
          _id: publishedId,
          _type: draft._type,
          ...(get(publishedId)?._createdAt ? {_createdAt: get(publishedId)!._createdAt} : {}),
        })
        remove(draftId)
        break
      }
      case 'sanity.action.document.discard': {
        const draftId = actionDraftId(action, publishedId)
        if (!get(draftId)) throw new MutationError(`There is no draft "${draftId}" to discard`, 409)
        remove(draftId)
        break
      }
      case 'sanity.action.document.delete': {
        const drafts = Array.isArray(action.includeDrafts) ? (action.includeDrafts as unknown[]) : []
        for (const draftId of drafts) remove(actionDraftId({...action, draftId}, publishedId))
        remove(publishedId)
        break
      }
      case 'sanity.action.document.unpublish': {
        const draftId = actionDraftId(action, publishedId)
        const published = get(publishedId)
        if (!published) throw new MutationError(`"${publishedId}" is not published`, 409)
        if (!get(draftId)) put({...withoutSystemFields(published), _id: draftId, _type: published._type})
        remove(publishedId)
        break
      }
      case 'sanity.action.document.replaceDraft': {
        const attributes = action.attributes as StoredDocument | undefined
        if (!attributes || typeof attributes._type !== 'string')
          throw new MutationError('A replaceDraft action needs attributes with a _type', 400)
        put({...attributes, _id: actionDraftId({...action, draftId: attributes._id}, publishedId)})
        break
      }
      default:
        throw new MutationError(`The local backend does not implement the action "${action.actionType}"`, 400)
    }
  }
  return mutations
}
