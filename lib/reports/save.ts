import 'server-only'
import {randomUUID} from 'node:crypto'
import {writeClient} from '../content/clients'
import type {ReaderReport} from '../content/sanity.types'
import type {Locale} from '../i18n/locales'
import type {ReportAnswers} from './form'

/**
 * Stores a report as a `readerReport` document, with the server's write client: to the Content
 * Lake with SANITY_API_WRITE_TOKEN, or to the local backend `npm start` runs. Resolves only once
 * the store has it; anything else is an error the reader hears as "try again later".
 */
export class ReportStoreUnavailable extends Error {}

/** The document as the server writes it: the schema's type (TypeGen), less what the store adds. */
export type ReaderReportDocument = Omit<ReaderReport, '_createdAt' | '_updatedAt' | '_rev'>

export function readerReportDocument(answers: ReportAnswers, operatorId: string, locale: Locale, now: Date): ReaderReportDocument {
  return {
    // An id with a dot is outside the root path: the Content Lake never shows it to a request without a token.
    _id: `readerReport.${randomUUID()}`,
    _type: 'readerReport',
    // Weak: a report must never stop an editor from deleting or replacing an operator.
    operator: {_type: 'reference', _ref: operatorId, _weak: true},
    locale,
    ...answers,
    receivedAt: now.toISOString(),
    status: 'new',
  }
}

export async function saveReport(report: ReaderReportDocument): Promise<void> {
  const client = writeClient()
  if (!client) throw new ReportStoreUnavailable('nowhere to write: set SANITY_API_WRITE_TOKEN, or run the local backend (npm start)')
  try {
    await client.create(report, {visibility: 'sync'})
  } catch (error) {
    throw new ReportStoreUnavailable((error as Error).message)
  }
}
