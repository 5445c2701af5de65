import {LOCAL_DATASET} from '../../lib/env.mjs'
import {mutationsForActions, type DocumentAction} from './actions.ts'
import {DEFAULT_PERSPECTIVE, inPerspective, runGroq} from './groq.ts'
import {HttpError, paramsFromSearch, readJson, type Request, type Response} from './http.ts'
import type {Listeners} from './listeners.ts'
import type {DocumentStore, RawMutation, Transaction} from './store.ts'

/**
 * What the local backend answers, as a table: method, path (after the API version prefix) and a
 * small handler each. A request no route matches is answered 501 with its name.
 */
export type Exchange = {
  request: Request
  response: Response
  url: URL
  /** The path's captured parts. */
  match: RegExpMatchArray
  send: (status: number, body: unknown) => void
}

export type BackendContext = {
  store: DocumentStore
  listeners: Listeners
  commit: (mutations: RawMutation[], transactionId?: string) => Promise<Transaction>
  /** The Studio's per-user settings (`/users/me/keyvalue`). */
  keyValues: Map<string, unknown>
}

type Route = {method: string; path: RegExp; handle: (exchange: Exchange, context: BackendContext) => unknown}

/** The one editor: no accounts, no login. */
export const EDITOR = {
  id: 'local-editor',
  name: 'Local editor',
  email: 'editor@localhost',
  role: 'administrator',
  roles: [{name: 'administrator', title: 'Administrator'}],
  provider: 'local',
}

const route = (method: string, path: RegExp, handle: Route['handle']): Route => ({method, path, handle})

async function query({request, url, send}: Exchange, {store}: BackendContext) {
  let text = url.searchParams.get('query') ?? ''
  let params = request.method === 'POST' ? {} : paramsFromSearch(url.searchParams)
  let perspective = url.searchParams.get('perspective') ?? DEFAULT_PERSPECTIVE
  if (request.method === 'POST') {
    const body = await readJson<{query?: string; params?: Record<string, unknown>; perspective?: string}>(request)
    text = body.query ?? ''
    params = body.params ?? {}
    perspective = body.perspective ?? perspective
  }
  if (!text) throw new HttpError(400, 'A query is required')
  const started = performance.now()
  const result = await runGroq(text, params, inPerspective(store.all(), perspective))
  send(200, {query: text, result, ms: Math.round(performance.now() - started)})
}

async function keyValues({request, match, url, send}: Exchange, context: BackendContext) {
  if (request.method === 'GET') {
    const keys = match[1] ? decodeURIComponent(match[1]).split(',') : url.searchParams.getAll('key')
    return send(
      200,
      keys.map((key) => ({key, value: context.keyValues.get(key) ?? null})),
    )
  }
  const pairs = await readJson<{key: string; value: unknown}[]>(request)
  if (!Array.isArray(pairs)) throw new HttpError(400, 'Expected a list of {key, value}')
  for (const {key, value} of pairs) context.keyValues.set(key, value)
  send(200, pairs)
}

async function mutate({request, url, send}: Exchange, {commit}: BackendContext) {
  const body = await readJson<{mutations?: RawMutation[]; transactionId?: string}>(request)
  if (!Array.isArray(body.mutations)) throw new HttpError(400, 'Expected {mutations: [...]}')
  const {transactionId, changes} = await commit(body.mutations, body.transactionId)
  const returnDocuments = url.searchParams.get('returnDocuments') === 'true'
  const results = changes.map(({id, before, after}) => ({
    id,
    operation: !after ? 'delete' : before ? 'update' : 'create',
    ...(returnDocuments && after ? {document: after} : {}),
  }))
  send(200, {transactionId, results, documentIds: results.map((result) => result.id)})
}

/** The Studio saves and publishes through the Actions API, never /data/mutate. */
async function actions({request, send}: Exchange, {store, commit}: BackendContext) {
  const body = await readJson<{actions?: DocumentAction[]; transactionId?: string; dryRun?: boolean}>(request)
  if (!Array.isArray(body.actions)) throw new HttpError(400, 'Expected {actions: [...]}')
  if (body.dryRun) throw new HttpError(501, 'The local backend does not implement dry runs of actions')
  const {transactionId} = await commit(
    mutationsForActions(body.actions, (id) => store.get(id)),
    body.transactionId,
  )
  send(200, {transactionId})
}

function documents({match, send}: Exchange, {store}: BackendContext) {
  const ids = decodeURIComponent(match[1]!).split(',')
  send(200, {
    documents: ids.map((id) => store.get(id)).filter((doc) => doc !== undefined),
    omitted: ids.filter((id) => !store.get(id)).map((id) => ({id, reason: 'existence'})),
  })
}

function users({match, send}: Exchange) {
  const ids = decodeURIComponent(match[1]!).split(',')
  const found = ids
    .filter((id) => id === EDITOR.id || id === 'me')
    .map(() => ({id: EDITOR.id, displayName: EDITOR.name, email: EDITOR.email, isCurrentUser: true}))
  send(200, ids.length === 1 ? (found[0] ?? null) : found)
}

function project({match, send}: Exchange) {
  send(200, {
    id: match[1],
    displayName: 'KZ SIM Guide (local)',
    studioHost: null,
    isBlocked: false,
    isDisabled: false,
    metadata: {},
    members: [{id: EDITOR.id, role: EDITOR.role, roles: EDITOR.roles, isRobot: false, isCurrentUser: true}],
  })
}

/** The one editor may do everything with the project; nothing more is known about it. */
function grants({send}: Exchange) {
  const all = (names: string[]) => [{grants: names.map((name) => ({name})), config: {}}]
  send(200, {'sanity.project': all(['read', 'update']), 'sanity.project.members': all(['read'])})
}

/** History is not kept: the lists are truthfully empty, and an old revision cannot be shown. */
function emptyTransactions({response}: Exchange) {
  response.writeHead(200, {'content-type': 'application/x-ndjson'})
  response.end('')
}

export const ROUTES: Route[] = [
  route('GET', /^\/ping$/, ({send}) => send(200, 'PONG')),
  route('GET', /^\/users\/me$/, ({send}) => send(200, EDITOR)),
  route('GET', /^\/auth\/id$/, ({send}) => send(200, {id: EDITOR.id})),
  route('GET', /^\/users\/me\/keyvalue(?:\/([^/]+))?$/, keyValues),
  route('PUT', /^\/users\/me\/keyvalue(?:\/([^/]+))?$/, keyValues),
  route('POST', /^\/users\/me\/keyvalue(?:\/([^/]+))?$/, keyValues),
  route('GET', /^\/users\/([^/]+)$/, users),
  route('GET', /^\/projects\/[\w-]+\/datasets\/[\w-]+\/acl$/, ({send}) =>
    send(200, [{filter: '_id in path("**")', permissions: ['read', 'create', 'update', 'history', 'manage']}]),
  ),
  route('GET', /^\/projects\/[\w-]+\/grants$/, grants),
  route('GET', /^\/projects\/[\w-]+\/datasets$/, ({send}) => send(200, [{name: LOCAL_DATASET, aclMode: 'public'}])),
  route('GET', /^\/projects\/([\w-]+)$/, project),
  // The server refuses every origin but the site's before any route: one that gets here is allowed.
  route('GET', /^\/check\/cors$/, ({send}) => send(200, {result: {allowed: true, withCredentials: true}})),
  route('GET', /^\/(?:projects\/[\w-]+\/)?features$/, ({send}) => send(200, [])),
  route('GET', /^\/data\/query\/[\w-]+$/, query),
  route('POST', /^\/data\/query\/[\w-]+$/, query),
  route('GET', /^\/data\/doc\/[\w-]+\/(.+)$/, documents),
  route('GET', /^\/data\/listen\/[\w-]+$/, ({request, response, url}, {listeners}) => listeners.open(request, response, url)),
  route('GET', /^\/data\/live\/events\/[\w-]+$/, ({request, response, url}, {listeners}) => listeners.openLive(request, response, url)),
  route('POST', /^\/data\/mutate\/[\w-]+$/, mutate),
  route('POST', /^\/data\/actions\/[\w-]+$/, actions),
  route('GET', /^\/data\/history\/[\w-]+\/transactions\//, emptyTransactions),
  route('GET', /^\/data\/history\/[\w-]+\/events\//, ({send}) => send(200, {events: [], nextCursor: null})),
  route('GET', /^\/data\/history\/[\w-]+\/documents\//, () => {
    throw new HttpError(404, 'The local backend keeps no history: earlier revisions cannot be shown')
  }),
  // What Sanity's cloud offers a project beside its data, answered truthfully as "nothing here":
  // no offers to upgrade, no help pages, no deployed studios.
  route('GET', /^\/journey\/[\w-]+$/, ({send}) => send(200, null)),
  route('GET', /^\/help$/, ({send}) => send(200, {})),
  // The Studio asks before it sends usage events: a local Studio sends none.
  route('GET', /^\/intake\/telemetry-status$/, ({send}) => send(200, {status: 'denied'})),
  route('GET', /^\/projects\/[\w-]+\/user-applications$/, ({send}) => send(200, [])),
]

/** The route for a request, with what its path captured. */
export function findRoute(method: string, path: string): {route: Route; match: RegExpMatchArray} | undefined {
  for (const candidate of ROUTES) {
    if (candidate.method !== method) continue
    const match = path.match(candidate.path)
    if (match) return {route: candidate, match}
  }
  return undefined
}
