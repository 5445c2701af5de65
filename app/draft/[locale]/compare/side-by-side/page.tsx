export {default, generateMetadata} from '@/app/[locale]/compare/side-by-side/page'

/** Route settings are read from this file itself, so this one is repeated, not re-exported. */
export const instant = false
