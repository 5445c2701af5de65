export {default, generateMetadata} from '@/app/[locale]/compare/page'
