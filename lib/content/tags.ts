import {parse, type ExprNode} from 'groq-js'
import {publishedIdOf} from './ids'

/**
 * Cache tags, derived from what a read shows rather than listed by hand:
 *
 * - `doc:<id>`: every document in an answer: each `_id`, and each `_ref` it did not follow (a
 *   followed reference projects the `_id` of the document it reached). Drafts and versions count
 *   as their published document.
 * - `type:<type>`: every type a query lists (`_type == "…"`, `_type in […]`, `_type == $param`,
 *   read from the query's syntax tree). A document created,
 *   deleted or renamed is in no answer yet or any more, so lists, and pages that look one up by
 *   slug, need this.
 * - `doc:<id>` for each id a query asks for by name (`_id == "…"`), so an answer that was empty
 *   refreshes when that document is created.
 * - `content`: every cached read (refreshes everything at once after a provisional build).
 *
 * The webhook expires the tags of a change with the same functions, so the two cannot disagree.
 */
export const CONTENT_TAG = 'content'

export type ChangedDocument = {_id: string; _type: string}

export const docTag = (id: string) => `doc:${publishedIdOf(id)}`
export const typeTag = (type: string) => `type:${type}`

/** The documents an answer shows: every `_id` and `_ref` in it, at any depth. */
export function answerTags(answer: unknown): string[] {
  const tags = new Set<string>()
  const visit = (value: unknown) => {
    if (Array.isArray(value)) return value.forEach(visit)
    if (!value || typeof value !== 'object') return
    for (const [key, field] of Object.entries(value)) {
      if ((key === '_id' || key === '_ref') && typeof field === 'string') tags.add(docTag(field))
      else visit(field)
    }
  }
  visit(answer)
  return [...tags]
}

/** Query strings are few and fixed: each is parsed once. */
const syntaxTrees = new Map<string, ExprNode>()
const syntaxTree = (query: string) => {
  let tree = syntaxTrees.get(query)
  if (!tree) syntaxTrees.set(query, (tree = parse(query)))
  return tree
}

/**
 * What a query asks for, read from its syntax tree: the types its filters of documents (`*[…]`, or
 * followed references `(refs[]->)[…]`) list (`_type == "x"`, `_type in ["x", "y"]`, `_type ==
 * $type`) and the documents they name (`_id == "x"`, `_id in […]`). Conditions on anything else
 * (an array item of a document, a select in a projection) are not the types a query lists.
 */
export function queryTags(query: string, params: Record<string, unknown> = {}): string[] {
  const tags = new Set<string>()
  const field = (node: ExprNode) =>
    node.type === 'AccessAttribute' && !node.base && (node.name === '_type' || node.name === '_id') ? node.name : undefined
  const constant = (node: ExprNode): unknown => {
    if (node.type === 'Value') return node.value
    if (node.type === 'Parameter') return params[node.name]
    if (node.type === 'Array') return node.elements.map((element) => (element.isSplat ? undefined : constant(element.value)))
    return undefined
  }
  const add = (name: string | undefined, value: unknown) => {
    if (!name) return
    for (const item of [value].flat()) if (typeof item === 'string') tags.add(name === '_type' ? typeTag(item) : docTag(item))
  }
  /** The conditions of a document filter, through `&&`, `||`, `!` and parentheses. */
  const conditions = (expr: ExprNode): void => {
    if (expr.type === 'And' || expr.type === 'Or') return (conditions(expr.left), conditions(expr.right))
    if (expr.type === 'Not' || expr.type === 'Group') return conditions(expr.base)
    if (expr.type === 'OpCall' && expr.op === '==') {
      add(field(expr.left), constant(expr.right))
      add(field(expr.right), constant(expr.left))
    }
    if (expr.type === 'OpCall' && expr.op === 'in') add(field(expr.left), constant(expr.right))
  }
  /** Whether a filter's base is documents: all of them, or references followed. */
  const ofDocuments = (base: ExprNode): boolean => {
    if (base.type === 'Everything' || base.type === 'Deref') return true
    if (base.type === 'Map') return ofDocuments(base.expr)
    if (base.type === 'Group' || base.type === 'ArrayCoerce' || base.type === 'Projection' || base.type === 'Filter')
      return ofDocuments(base.base)
    return false
  }
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit)
    if (!node || typeof node !== 'object') return
    const expr = node as ExprNode
    if (expr.type === 'Filter' && ofDocuments(expr.base)) conditions(expr.expr)
    Object.values(node).forEach(visit)
  }
  visit(syntaxTree(query))
  return [...tags]
}

/** The tags a cached read carries. */
export const readTags = (query: string, params: Record<string, unknown>, answer: unknown) =>
  [CONTENT_TAG, ...queryTags(query, params), ...answerTags(answer)].filter(isValidTag)

/** The tags to expire when documents changed: the reads that show them and the lists of their types. */
export function tagsForChange(...versions: (ChangedDocument | null | undefined)[]): string[] {
  const present = versions.filter((doc): doc is ChangedDocument => Boolean(doc))
  return [...new Set([...answerTags(present), ...present.map((doc) => typeTag(doc._type))])].filter(isValidTag)
}

/** Every tag a Next.js cache entry may carry is at most 256 characters. */
export const isValidTag = (tag: string) => tag.length > 0 && tag.length <= 256
