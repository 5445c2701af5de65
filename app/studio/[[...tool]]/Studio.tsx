'use client'

import {useMemo} from 'react'
import {NextStudio} from 'next-sanity/studio/client-component'
import {createStudioConfig, type StudioTarget} from '@/sanity/config'

/** The client-component Studio: it loads nothing from Sanity's CDN when the page opens. */
export function Studio(target: StudioTarget) {
  const {projectId, dataset, apiHost} = target
  // A new config only when what it connects to changes, not on every render of its parent.
  const config = useMemo(() => createStudioConfig({projectId, dataset, apiHost}), [projectId, dataset, apiHost])
  return <NextStudio config={config} />
}
