import 'server-only'
import {getOperators} from '../content'
import type {OperatorSummary} from '../content/types'
import {isLocale, type Locale} from '../i18n/locales'
import {negotiateLocale} from '../i18n/negotiate'
import {isFromThisSite} from '../site/origin'
import {believedForwardedFor} from '../instance/trusted-hops'
import {clientAddress, clientKey} from './client'
import {readReportForm} from './form'
import {LimitStoreUnavailable, takeReportSlot, type Slot} from './limits'
import {readerReportDocument, ReportStoreUnavailable, saveReport} from './save'
import {reportSettings} from './settings'
import {MAX_BODY_BYTES} from './vocabulary'

/**
 * One report, from the request to the store: every check the form's write path makes, in the
 * order that costs least first. Nothing is stored unless every check passed, and "received" is
 * answered only once the store has the report. The route turns the answer into HTTP.
 */
export type ReportProblem = 'crossSite' | 'unsupported' | 'tooLarge' | 'invalid' | 'unknownOperator' | 'tooMany' | 'unavailable'

export type Reception =
  | {received: true; locale: Locale; operator: string}
  | {received: false; status: number; problem: ReportProblem; locale: Locale; operator?: string; retryAfterSeconds?: number}

const FORM_TYPES = /^(multipart\/form-data|application\/x-www-form-urlencoded)\s*(;|$)/i

/**
 * Past this, a body that is already too large is not even read to its end. Up to it, the rest is
 * read and dropped, so the reader's browser, still sending, gets the 413 page, not a reset connection.
 */
const DRAIN_LIMIT = 256 * 1024

/** The body, or undefined when it is larger than `limit` bytes. */
async function readBounded(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer> | undefined> {
  if (Number(request.headers.get('content-length') ?? 0) > limit) return undefined
  const body = new Uint8Array(limit)
  if (!request.body) return body.subarray(0, 0)
  const reader = request.body.getReader()
  let size = 0
  for (;;) {
    const {done, value} = await reader.read()
    if (done) break
    if (size + value.byteLength <= limit) body.set(value, size)
    size += value.byteLength
    if (size > DRAIN_LIMIT) {
      await reader.cancel()
      break
    }
  }
  return size > limit ? undefined : body.subarray(0, size)
}

export async function receiveReport(request: Request, target: {locale: string; operator: string}): Promise<Reception> {
  const locale = isLocale(target.locale) ? target.locale : negotiateLocale(request.headers.get('accept-language'))
  const refuse = (status: number, problem: ReportProblem, extra: {operator?: string; retryAfterSeconds?: number} = {}): Reception => {
    console.log(`[reports] refused (${status} ${problem}) for ${JSON.stringify(target.operator.slice(0, 40))}`)
    return {received: false, status, problem, locale, ...extra}
  }
  if (!isFromThisSite(request.headers)) return refuse(403, 'crossSite')
  if (!isLocale(target.locale)) return refuse(400, 'invalid')
  let operators: OperatorSummary[]
  try {
    operators = await getOperators()
  } catch (error) {
    console.error(`[reports] could not read the operators: ${(error as Error).message}`)
    return refuse(503, 'unavailable')
  }
  const operator = operators.find((candidate) => candidate.slug === target.operator)
  if (!operator) return refuse(400, 'unknownOperator')
  const back = {operator: operator.slug}

  const contentType = request.headers.get('content-type') ?? ''
  if (!FORM_TYPES.test(contentType)) return refuse(415, 'unsupported', back)
  const body = await readBounded(request, MAX_BODY_BYTES)
  if (!body) return refuse(413, 'tooLarge', back)
  let entries: [string, FormDataEntryValue][]
  try {
    entries = [...(await new Response(body, {headers: {'content-type': contentType}}).formData()).entries()]
  } catch {
    return refuse(400, 'invalid', back)
  }
  const now = new Date()
  const reading = readReportForm(entries, now)
  if (reading.kind === 'invalid') {
    console.log(`[reports] not valid: ${reading.reason}`)
    return refuse(400, 'invalid', back)
  }
  // A bot that filled in the hidden field is thanked like anyone, so it learns nothing, and nothing is kept.
  if (reading.kind === 'trap') {
    console.log(`[reports] honeypot filled in: dropped a report for ${operator._id}`)
    return {received: true, locale, operator: operator.slug}
  }

  const settings = reportSettings()
  let slot: Slot
  try {
    slot = await takeReportSlot(
      clientKey(clientAddress(believedForwardedFor(request.headers), settings.trustedHops), settings.clientSecret, now),
    )
  } catch (error) {
    if (!(error instanceof LimitStoreUnavailable)) throw error
    console.error(`[reports] rate-limit store unavailable: ${error.message}`)
    return refuse(503, 'unavailable', back)
  }
  if (!slot.granted) return refuse(429, 'tooMany', {...back, retryAfterSeconds: slot.retryAfterSeconds})

  try {
    await saveReport(readerReportDocument(reading.answers, operator._id, locale, now))
  } catch (error) {
    if (!(error instanceof ReportStoreUnavailable)) throw error
    await slot.giveBack()
    console.error(`[reports] could not store a report for ${operator._id}: ${error.message}`)
    return refuse(503, 'unavailable', back)
  }
  console.log(`[reports] stored a report for ${operator._id}`)
  return {received: true, locale, operator: operator.slug}
}
