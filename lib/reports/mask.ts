/**
 * What a reader types is kept as plain text, and without the personal data people put in such
 * notes: phone numbers, e-mail addresses, IINs and ID numbers are replaced before the report is
 * stored, so no editor, backup or export ever holds them. The form tells readers so. When in
 * doubt a number is masked: a lost date or amount costs an editor less than a kept phone number.
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

const EMAIL = String.raw`[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+`
const DAY = String.raw`(?:0?[1-9]|[12]\d|3[01])`
const MONTH = String.raw`(?:0?[1-9]|1[0-2])`
/**
 * Dates stay readable rather than be read as a phone number: 03.11.2026, 3/11/26, 2026-11-03.
 * Only real days and months, and not when the digits go on (8.01.11.23.45.67 is a phone number).
 */
const DATE = String.raw`(?<!\d)(?:${DAY}[./]${MONTH}[./](?:\d{4}|\d{2})|\d{4}[-./]${MONTH}[-./]${DAY})(?![./\-(]?\d)`
/** A passport or ID card number written with its Latin or Cyrillic letters: N12345678. */
const LETTERED_ID = String.raw`(?<![\p{L}\p{N}])[A-Za-z\u0400-\u04ff]{1,2}\d{7,9}(?!\p{N})`
/** Digits joined by what people put inside phone numbers: spaces, hyphens, dots, brackets. */
const DIGITS = String.raw`(?<!\d)(?:\+[ \t]?)?(?:\([ \t]?)?\d(?:[ \t\u00a0\u2009\u202f().\-\u2013\u2014]{0,3}\d)*`

// One pass, left to right; at each position an e-mail address or a date wins over a run of digits.
const PERSONAL_DATA = new RegExp(`(${EMAIL})|(${DATE})|(${LETTERED_ID})|(${DIGITS})`, 'gu')

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

/** Replaces phone numbers, e-mail addresses, IINs and ID numbers in a reader's text. */
export function maskPersonalData(text: string): string {
  return text.replace(PERSONAL_DATA, (match, email?: string, date?: string, letteredId?: string) => {
    if (email) return MASKS.email
    if (date) return match
    if (letteredId) return MASKS.id
    return maskDigits(match)
  })
}

/** Characters that could disguise what an editor reads: controls (but tab and newline) and direction overrides. */
const HIDDEN_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g

/** Line breaks as one character, as a reader counts them (browsers send a textarea's as CR LF). */
export const normalizeLineBreaks = (text: string) => text.replace(/\r\n?/g, '\n')

/**
 * A reader's message as it is stored: plain text in one normal form (full-width digits and `＠`,
 * common from Chinese keyboards, become ASCII, so masking sees them), without hidden characters
 * or runs of blank lines, and with personal data masked.
 */
export function cleanMessage(text: string): string {
  const plain = normalizeLineBreaks(text).normalize('NFKC').replace(HIDDEN_CHARACTERS, '').replace(/\n{3,}/g, '\n\n').trim()
  return maskPersonalData(plain)
}
