export {default, generateMetadata} from '@/app/[locale]/checklist/page'

/** Route settings are read from this file itself, so this one is repeated, not re-exported. */
export const instant = false
