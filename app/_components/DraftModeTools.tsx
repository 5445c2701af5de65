import {draftMode} from 'next/headers'

/**
 * In draft mode only (an editor in the Studio's Presentation tool): the overlays that link the page
 * to the Studio, and refresh it as drafts change. Their code loads only here; the small loader for
 * it still sits in the layout's client chunk (Turbopack bundles what the layout can reach), which
 * costs a reader's page 1.7 KB gzipped (README, "Measured").
 */
export async function DraftModeTools() {
  if (!(await draftMode()).isEnabled) return null
  const {VisualEditing} = await import('next-sanity/visual-editing')
  return <VisualEditing />
}
