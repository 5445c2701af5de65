import {draftMode} from 'next/headers'
import {VisualEditing} from 'next-sanity/visual-editing'

/**
 * The overlays that link a page to the Studio's Presentation tool and refresh it as drafts change.
 * Rendered only by draft mode's root layout (`app/draft`), so no reader's page carries their code;
 * even there, only for a session draft mode really enabled (not for a stale or forged cookie).
 */
export async function DraftModeTools() {
  if (!(await draftMode()).isEnabled) return null
  return <VisualEditing />
}
