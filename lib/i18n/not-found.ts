import {en} from './messages/en'
import {kk} from './messages/kk'
import {ru} from './messages/ru'
import {zh} from './messages/zh'
import type {Locale} from './locales'

/** Only the 404 text, so the not-found page's client bundle does not carry every message. */
export const notFoundMessages: Record<Locale, typeof en.notFound> = {
  zh: zh.notFound,
  en: en.notFound,
  ru: ru.notFound,
  kk: kk.notFound,
}
