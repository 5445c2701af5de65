import {removeHiddenCharacters} from '../text/hidden-characters'

/**
 * What a reader types is kept as plain text, and without the personal data people put in such
 * notes: phone numbers, e-mail addresses, IINs and ID numbers are replaced before the report is
 * stored, so no editor, backup or export ever holds them. The form tells readers so. When in
 * doubt a number is masked: a lost date or amount costs an editor less than a kept phone number.
 *
 * Every pattern here runs in time linear in its input (a unit test sends 100 KB of each hostile
 * shape): each repeated part is a class of single characters, no two adjacent parts can take the
 * same character, and a part that could start anywhere in a long run starts only at its beginning
 * (a lookbehind), so no position is scanned again from every position before it.
 */
export const MASKS = {
  email: '[e-mail]',
  phone: '[phone]',
  iin: '[IIN]',
  id: '[ID number]',
  number: '[number]',
} as const

/** Fewer digits than this (amounts, short service numbers such as 1414, years) are left alone. */
const MIN_MASKED_DIGITS = 7

/**
 * Chinese, Japanese and Korean letters: their text has no spaces, so an address written right
 * after them ("请发到ivan@mail.ru") starts where they end, and a domain ends where they begin.
 */
const CJK = String.raw`\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}\p{sc=Bopomofo}`
/** RFC 5322's atext and dots, with letters, marks and digits of every script (RFC 6531). */
const LOCAL_CHAR = String.raw`[\p{L}\p{M}\p{N}!#$%&'*+\-\/=?^_\u0060\{\|\}~.]`
const LOCAL_CHAR_NOT_CJK = String.raw`[${LOCAL_CHAR}--[${CJK}]]`
const LABEL = String.raw`(?:[[\p{L}\p{M}\p{N}\-]--[${CJK}]]+|[${CJK}\p{M}]+)`
const EMAIL = [
  // The local part: a run of its characters, from its start; written in CJK letters, the whole run
  // before "@" (nothing tells where it begins); or a quoted string ("ivan petrov"@…, with \" inside).
  String.raw`(?:(?<!${LOCAL_CHAR_NOT_CJK})${LOCAL_CHAR_NOT_CJK}+|(?<!${LOCAL_CHAR})${LOCAL_CHAR}*[${CJK}]|"(?:[^"\\\n]|\\[^\n]){1,64}")`,
  '@',
  // A domain of two labels or more (dots as IDNA has them: "." and the ideographic "。"), or an address literal.
  String.raw`(?:${LABEL}(?:[.\u3002]${LABEL})+|\[[^\]\s]{2,64}\])`,
].join('')
/** What people put between the digits of a phone number: spaces, dashes of every kind, dots, slashes, brackets, line breaks. */
const SEPARATOR = String.raw`[\p{Zs}\t\n\(\).\/_\u00b7\u2027\u2219\u22c5\u30fb\p{Pd}\u2212]`
const DATE_SEPARATOR_CHARS = String.raw`.\/\p{Pd}\u2212`
const DAY = String.raw`(?:0?[1-9]|[12]\d|3[01])`
const MONTH = String.raw`(?:0?[1-9]|1[0-2])`
/**
 * Dates stay readable rather than be read as a phone number: 03.11.2026, 3/11/26, 2026-11-03.
 * Only real days and months, and not when the digits go on (8.01.11.23.45.67 is a phone number).
 */
const DAY_FIRST = String.raw`${DAY}[.\/]${MONTH}[.\/](?:\d{4}|\d{2})`
const YEAR_FIRST = String.raw`\d{4}[${DATE_SEPARATOR_CHARS}]${MONTH}[${DATE_SEPARATOR_CHARS}]${DAY}`
const DATE = String.raw`(?<!\d)(?:${DAY_FIRST}|${YEAR_FIRST})(?![${DATE_SEPARATOR_CHARS}\(]?\d)`
/** A passport or ID card number written with its Latin or Cyrillic letters: N12345678. */
const LETTERED_ID = String.raw`(?<![\p{L}\p{N}])[A-Za-z\u0400-\u04ff]{1,2}\d{7,9}(?!\p{N})`
/** Digits joined by up to three separators each. */
const DIGITS = String.raw`(?<!\d)(?:\+[ \t]?)?(?:\([ \t]?)?\d(?:${SEPARATOR}{0,3}\d)*`

// One pass, left to right; at each position an e-mail address or a date wins over a run of digits.
const PERSONAL_DATA = new RegExp(`(${EMAIL})|(${DATE})|(${LETTERED_ID})|(${DIGITS})`, 'gv')

function maskDigits(run: string): string {
  const digits = run.replace(/\D/g, '')
  if (digits.length < MIN_MASKED_DIGITS) return run
  if (run.startsWith('+')) return MASKS.phone
  // Kazakhstan's IIN (individual identification number) has 12 digits; an ID card number 9.
  if (digits.length === 12) return MASKS.iin
  if (digits.length === 9 && /^\d+$/.test(run)) return MASKS.id
  // A phone number has at most 15 digits (E.164); longer runs are card numbers, IMEIs and the like.
  return digits.length <= 11 ? MASKS.phone : MASKS.number
}

/** Replaces phone numbers, e-mail addresses, IINs and ID numbers in a reader's text (as `plainMessage` leaves it). */
export function maskPersonalData(text: string): string {
  return text.replace(PERSONAL_DATA, (match, email?: string, date?: string, letteredId?: string) => {
    if (email) return MASKS.email
    if (date) return match
    if (letteredId) return MASKS.id
    return maskDigits(match)
  })
}

/** Line breaks as one character, as a reader counts them (browsers send a textarea's as CR LF). */
export const normalizeLineBreaks = (text: string) => text.replace(/\r\n?|[\u0085\u2028\u2029]/g, '\n')

const isDecimalDigit = (codePoint: number) => /\p{Nd}/u.test(String.fromCodePoint(codePoint))
const digitValues = new Map<number, string>()
/**
 * The ASCII digit for any decimal digit (Arabic-Indic ٧, Devanagari ७, …). Unicode encodes each
 * script's digits as a run of ten from 0 and keeps that stable, so a digit's value is its distance
 * from the start of its run (runs that touch, such as the mathematical digits, follow each other whole).
 */
function asciiDigit(digit: string): string {
  const codePoint = digit.codePointAt(0)!
  let value = digitValues.get(codePoint)
  if (value === undefined) {
    let start = codePoint
    while (isDecimalDigit(start - 1)) start--
    value = String((codePoint - start) % 10)
    digitValues.set(codePoint, value)
  }
  return value
}

/**
 * A reader's message as it is kept and counted: one normal form (NFKC: full-width digits and `＠`
 * from Chinese keyboards become ASCII), without hidden characters (which could also split a phone
 * number where no one sees it), every decimal digit in ASCII, no runs of blank lines.
 */
export function plainMessage(text: string): string {
  return removeHiddenCharacters(normalizeLineBreaks(text).normalize('NFKC'))
    .replace(/[^\P{Nd}0-9]/gu, asciiDigit)
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

/** A reader's message as it is stored: plain (`plainMessage`), with personal data masked. */
export const cleanMessage = (text: string) => maskPersonalData(plainMessage(text))
