/**
 * How old a verification may get. Past this, the policy page tells readers it may be out of date,
 * and the Studio warns the editor. Shared by both, so they never disagree.
 */
export const STALE_AFTER_DAYS = 180

/**
 * What the Studio tells an editor about a fact's age and source. Warnings, not errors: an unknown
 * fact stays unknown rather than be guessed, and publishing it is right.
 */
export const EDITORIAL_WARNINGS = {
  unsourced: 'This fact has no source yet: readers see it as not verified.',
  stale: (days: number) =>
    `Verified ${days} days ago: readers are told it may be out of date. Re-check the sources, then "Mark verified today".`,
}
export const isEditorialWarning = (message: string) =>
  message === EDITORIAL_WARNINGS.unsourced || /^Verified \d+ days ago: readers are told/.test(message)
