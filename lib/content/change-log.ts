import type {LocaleTextValue} from './types'
import type {ChannelKind} from './vocabulary'

/**
 * A change log as readers see it: the lines editors wrote, and a line for each fact that stopped
 * being in force on its own (its `effectiveUntil` passed), newest first. The operator page, the
 * guide and the Atom feeds show the same list.
 */
export type ChangeLogLine =
  | {key: string; date: string; kind: 'edit'; summary: LocaleTextValue | null}
  | {key: string; date: string; kind: 'ended'; text: LocaleTextValue | null; channel: ChannelKind | null}

type Written = {_key: string; date: string; summary: LocaleTextValue | null}
type Ended = {_key: string; until: string; text?: LocaleTextValue | null; title?: LocaleTextValue | null; channel?: ChannelKind | null}

export function changeLogLines(written: readonly Written[], ended: readonly Ended[] = []): ChangeLogLine[] {
  const lines: ChangeLogLine[] = [
    ...written.map((entry) => ({key: entry._key, date: entry.date, kind: 'edit' as const, summary: entry.summary})),
    ...ended
      .filter((fact) => fact.until !== '')
      .map((fact) => ({
        key: `ended-${fact._key}`,
        date: fact.until,
        kind: 'ended' as const,
        text: fact.text ?? fact.title ?? null,
        channel: fact.channel ?? null,
      })),
  ]
  return lines.sort((a, b) => b.date.localeCompare(a.date) || a.key.localeCompare(b.key))
}
