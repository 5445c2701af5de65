/**
 * How Sanity's GROQ-powered webhook is configured (docs/deploy.md, "Webhook"), and how the local backend
 * sends it: which documents trigger a delivery and what it carries of them. One definition for
 * both, which docs/deploy.md repeats word for word (a test compares them). No imports: Node runs this
 * file directly for `npm start`'s local backend.
 */

/** The types of the published documents readers' pages show: what the webhook and the change feed follow. */
export const CHANGE_TYPES = ['operator', 'policy', 'guide', 'faq', 'siteSettings']
export const WEBHOOK_FILTER = `_type in [${CHANGE_TYPES.map((type) => `"${type}"`).join(', ')}]`
export const WEBHOOK_PROJECTION = '{_id, _type}'
