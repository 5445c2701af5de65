export {default, generateMetadata, generateStaticParams} from '@/app/[locale]/operators/[slug]/page'
