'use client'

import {useMemo} from 'react'
import {NextStudio} from 'next-sanity/studio/client-component'
import {createStudioConfig, type StudioTarget} from '@/sanity/config'

/** The client-component Studio: it loads nothing from Sanity's CDN when the page opens. */
export function Studio(target: StudioTarget) {
  const config = useMemo(() => createStudioConfig(target), [target.projectId, target.dataset, target.apiHost])
  return <NextStudio config={config} />
}
