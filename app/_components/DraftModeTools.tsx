import {draftMode} from 'next/headers'

/**
 * In draft mode only (an editor in the Studio's Presentation tool): the overlays that link the page
 * to the Studio, and refresh it as drafts change. Imported on demand, so its code (and the loader
 * for it) is in no chunk a reader's page loads.
 */
export async function DraftModeTools() {
  if (!(await draftMode()).isEnabled) return null
  const {VisualEditing} = await import('next-sanity/visual-editing')
  return <VisualEditing />
}
