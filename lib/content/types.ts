import type {
  FaqQueryResult,
  GuideQueryResult,
  LocaleBlockContent,
  LocaleString,
  LocaleText,
  OperatorPageQueryResult,
  OperatorsQueryResult,
  SiteSettingsQueryResult,
} from './sanity.types'
import type {TranslationBehind} from './translations'

/**
 * Names for the parts of query results that pages and logic pass around. Every shape comes from
 * sanity.types.ts, which Sanity TypeGen writes from the schema and the queries (`npm run
 * typegen`); nothing here is written by hand.
 */
export type SiteSettings = SiteSettingsQueryResult
export type Guide = GuideQueryResult
export type OperatorSummary = OperatorsQueryResult[number]
export type OperatorPage = NonNullable<OperatorPageQueryResult>
export type BrandLink = OperatorPage['brands'][number]
export type OperatorLink = NonNullable<OperatorPage['parent']>
export type FaqEntry = FaqQueryResult[number]
/** A statement of the guide: a sourced fact, or advice labelled as ours. */
export type Statement = NonNullable<Guide>['whyCancel'][number]

export type Policy = NonNullable<OperatorPage['policy']>
export type CancellationChannel = Policy['channels'][number]
export type RequiredDocument = Policy['documents'][number]
export type RefundRule = Policy['balanceRefund']
export type NumberHold = Policy['numberHold']
export type FactNote = Policy['fees']
export type Evidence = FactNote['evidence']
export type SourceReference = Policy['sources'][number]

/**
 * A locale value: a text kept per language, as stored (plain or rich), with the languages that are
 * behind marked when it was read (translations.ts).
 */
export type LocaleTextValue = Partial<Omit<LocaleString | LocaleText, '_type'>> & {translationBehind?: TranslationBehind}
export type LocaleBlocksValue = Partial<Omit<LocaleBlockContent, '_type'>> & {translationBehind?: TranslationBehind}
