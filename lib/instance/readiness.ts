import 'server-only'
import {changeFeedHealth} from '../content/change-feed'
import {freshness} from '../freshness'
import {isDraining} from './drain'

/**
 * Readiness: whether the caching proxy should send this instance new requests. One named check per
 * thing an instance cannot serve correctly without; 'off' is a check that does not apply here (it
 * counts as ready). Each check answers in about a second at most, and says only its state: never
 * why (that goes to the log), so /api/ready shows no error text, host name or stack trace.
 */
export type CheckState = 'ok' | 'down' | 'off'
export type ReadinessCheck = {name: string; state: () => CheckState | Promise<CheckState>}

/** The shared store of tag expiries (Redis, or files): a read of its version, as every request makes. */
async function storeState(): Promise<CheckState> {
  const state = freshness()
  await state.tags.refresh()
  return state.trouble ? 'down' : 'ok'
}

export const READINESS_CHECKS: readonly ReadinessCheck[] = [
  // From SIGTERM on, the instance is leaving (lib/instance/drain.ts).
  {name: 'accepting', state: () => (isDraining() ? 'down' : 'ok')},
  {name: 'store', state: storeState},
  // The content store's change feed (lib/content/change-feed.ts): until it has caught up after a
  // start or a long gap, this instance may serve a change that was missed. 'off' without a feed.
  {name: 'feed', state: changeFeedHealth},
]

export async function readiness(checks: readonly ReadinessCheck[] = READINESS_CHECKS) {
  const states = await Promise.all(
    checks.map(
      async ({name, state}) =>
        [
          name,
          await Promise.resolve()
            .then(state)
            .catch((): CheckState => 'down'),
        ] as const,
    ),
  )
  return {ready: states.every(([, state]) => state !== 'down'), checks: Object.fromEntries(states) as Record<string, CheckState>}
}
