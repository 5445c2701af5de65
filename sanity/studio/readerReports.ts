import type {StructureBuilder, StructureResolverContext} from 'sanity/structure'
import {DEFAULT_API_VERSION} from '../../lib/env.mjs'
import {operatorsWithoutVerifiedProcedureQuery, queryParams} from '../../lib/content/queries'
import type {OperatorsWithoutVerifiedProcedureQueryResult} from '../../lib/content/sanity.types'
import {REPORT_STATUSES, type ReportStatus} from '../../lib/reports/vocabulary'

/**
 * The editors' inbox of readers' reports, newest first everywhere. New reports about operators
 * with no verified procedure come first: they are the leads for a first verified one. Then every
 * report by status, and by operator and status. Reports are never created here, only received.
 */
const REPORT = '_type == "readerReport"'

function reportList(S: StructureBuilder, id: string, title: string, filter: string, params: Record<string, unknown> = {}) {
  return S.documentList()
    .id(id)
    .title(title)
    .schemaType('readerReport')
    .apiVersion(DEFAULT_API_VERSION)
    .filter(filter)
    .params(params)
    .defaultOrdering([{field: 'receivedAt', direction: 'desc'}])
    .initialValueTemplates([])
}

const statusItems = (S: StructureBuilder, idPrefix: string, filter: string, params: Record<string, unknown> = {}) =>
  REPORT_STATUSES.map(({value, title}) =>
    S.listItem()
      .id(`${idPrefix}${value}`)
      .title(title)
      .child(
        reportList(S, `${idPrefix}${value}`, title, `${filter} && status == $status`, {...params, status: value satisfies ReportStatus}),
      ),
  )

export function readerReportsInbox(S: StructureBuilder, context: StructureResolverContext) {
  return S.listItem()
    .title('Reader reports')
    .id('readerReports')
    .schemaType('readerReport')
    .child(
      S.list()
        .title('Reader reports')
        .id('readerReports')
        .items([
          S.listItem()
            .id('leads')
            .title('New: operators with no verified procedure')
            .child(async () => {
              const operators = await context
                .getClient({apiVersion: DEFAULT_API_VERSION})
                .fetch<OperatorsWithoutVerifiedProcedureQueryResult>(operatorsWithoutVerifiedProcedureQuery, queryParams())
              return reportList(
                S,
                'leads',
                'Leads: no verified procedure yet',
                `${REPORT} && status == "new" && operator._ref in $operators`,
                {operators},
              )
            }),
          S.listItem()
            .id('new')
            .title('New: every operator')
            .child(reportList(S, 'new', 'New reports', `${REPORT} && status == "new"`)),
          S.listItem()
            .id('all')
            .title('All reports')
            .child(reportList(S, 'all', 'All reports', REPORT)),
          S.divider(),
          S.listItem()
            .id('status')
            .title('By status')
            .child(
              S.list()
                .id('status')
                .title('By status')
                .items(statusItems(S, 'status-', REPORT)),
            ),
          S.listItem()
            .id('operator')
            .title('By operator')
            .child(
              S.documentTypeList('operator')
                .title('By operator')
                .initialValueTemplates([])
                .child((operatorId) =>
                  S.list()
                    .id(`operator-${operatorId}`)
                    .title('Reports')
                    .items([
                      S.listItem()
                        .id(`all-${operatorId}`)
                        .title('All')
                        .child(
                          reportList(S, `all-${operatorId}`, 'All reports', `${REPORT} && operator._ref == $operator`, {
                            operator: operatorId,
                          }),
                        ),
                      ...statusItems(S, `${operatorId}-`, `${REPORT} && operator._ref == $operator`, {operator: operatorId}),
                    ]),
                ),
            ),
        ]),
    )
}
