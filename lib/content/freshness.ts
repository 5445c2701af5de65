/**
 * How old a verification may get. Past this, the policy page tells readers it may be out of date,
 * and the Studio warns the editor. Shared by both, so they never disagree.
 */
export const STALE_AFTER_DAYS = 180
