import {draftMode} from 'next/headers'
import {VisualEditing} from 'next-sanity/visual-editing'

/**
 * In draft mode only (an editor in the Studio's Presentation tool): the overlays that link the page
 * to the Studio, and refresh it as drafts change. A reader's page renders nothing here.
 */
export async function DraftModeTools() {
  if (!(await draftMode()).isEnabled) return null
  return <VisualEditing />
}
