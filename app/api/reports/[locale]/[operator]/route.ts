import {receiveReport} from '@/lib/reports/receive'
import {reportReceivedPath} from '@/lib/site/paths'
import {reportAnswerPage} from '../../answer-page'

/**
 * The report form's target (a plain POST, no JavaScript needed). lib/reports does the work; this
 * answers a stored report with a redirect to the thank-you page (303: a reload does not send it
 * again), and anything else with a page in the reader's language, under its own status.
 */
export async function POST(request: Request, {params}: RouteContext<'/api/reports/[locale]/[operator]'>) {
  const reception = await receiveReport(request, await params)
  if (reception.received) {
    return new Response(null, {
      status: 303,
      headers: {Location: reportReceivedPath(reception.locale, reception.operator), 'Cache-Control': 'no-store'},
    })
  }
  return new Response(reportAnswerPage(reception), {
    status: reception.status,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      ...(reception.retryAfterSeconds ? {'Retry-After': String(reception.retryAfterSeconds)} : {}),
    },
  })
}
