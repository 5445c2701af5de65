import {en, type Messages} from './messages/en'
import {kk} from './messages/kk'
import {ru} from './messages/ru'
import {zh} from './messages/zh'
import type {Locale} from './locales'

export * from './locales'
export {around, format, formatDate, formatList, formatMoment, formatNumber, daysSince} from './format'
export {pickBlocks, pickText, textIn, type Picked} from './fallback'
export type {Messages}

const MESSAGES: Record<Locale, Messages> = {zh, en, ru, kk}

export function messagesFor(locale: Locale): Messages {
  return MESSAGES[locale]
}
