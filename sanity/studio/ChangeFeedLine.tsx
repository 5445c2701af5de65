import {useEffect, useState} from 'react'
import {describeChangeFeed, type ChangeFeedStatus} from '../../lib/content/change-feed-status'
import {contentChangesStatusPath} from '../../lib/site/paths'

/** How often the view asks the site again: the site answers from memory, the Content Lake is not asked. */
const REFRESH_MS = 5_000

/**
 * Whether published changes reach readers: the change feed's state and the last change that
 * reached the site, read from the site this Studio is embedded in (same origin).
 */
export function ChangeFeedLine() {
  const [status, setStatus] = useState<ChangeFeedStatus | 'unavailable'>()
  useEffect(() => {
    let active = true
    const load = async () => {
      let next: ChangeFeedStatus | 'unavailable' = 'unavailable'
      try {
        const response = await fetch(contentChangesStatusPath, {cache: 'no-store'})
        if (response.ok) next = (await response.json()) as ChangeFeedStatus
      } catch {
        // Not served by the site (a Studio deployed elsewhere): said so below.
      }
      if (active) setStatus(next)
    }
    void load()
    const timer = setInterval(() => void load(), REFRESH_MS)
    return () => {
      active = false
      clearInterval(timer)
    }
  }, [])
  if (!status) return null
  if (status === 'unavailable') {
    return (
      <p style={line} data-testid="change-feed">
        Change feed: its state is shown only in the Studio the site serves at /studio.
      </p>
    )
  }
  const text = describeChangeFeed(status, (iso) => new Date(iso).toLocaleString())
  const trouble = status.state !== 'connected' && status.state !== 'off'
  return (
    <div data-testid="change-feed" data-state={status.state} style={{margin: '0 0 1rem'}}>
      <p style={{...line, fontWeight: trouble ? 700 : 400}}>{text.state}</p>
      {text.lastChange ? <p style={line}>{text.lastChange}</p> : null}
    </div>
  )
}

const line = {padding: '0.1rem 0.6rem', margin: 0, fontSize: '0.875rem', fontFamily: 'inherit'}
