/**
 * Sanity's document ids: a published document's own id, its draft `drafts.<id>`, and a version in
 * a release `versions.<release>.<id>`. Tags, the bundled dataset and the local backend all speak
 * of a document by its published id. No imports: Node runs this file directly for `npm start`.
 */
const DRAFT_PREFIX = 'drafts.'
const VERSION_PREFIX = 'versions.'

export const isDraftId = (id: string) => id.startsWith(DRAFT_PREFIX)
export const isVersionId = (id: string) => id.startsWith(VERSION_PREFIX)
export const isPublishedId = (id: string) => !isDraftId(id) && !isVersionId(id)

/** The published document a draft or version belongs to. */
export const publishedIdOf = (id: string) => id.replace(/^(drafts\.|versions\.[^.]+\.)/, '')

/** The draft of a document. */
export const draftIdOf = (id: string) => `${DRAFT_PREFIX}${publishedIdOf(id)}`
