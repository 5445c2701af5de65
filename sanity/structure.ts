import type {StructureResolver} from 'sanity/structure'
import {SINGLETONS} from './schemaTypes'
import {VerificationAgeView} from './studio/VerificationAgeView'
import {readerReportsInbox} from './studio/readerReports'
import {SourcesView} from './studio/SourcesView'

/** Singletons first, pinned to their fixed ids; then the lists editors work in every day. */
export const structure: StructureResolver = (S, context) =>
  S.list()
    .title('KZ SIM Guide')
    .items([
      S.listItem()
        .title('Site settings')
        .id(SINGLETONS.siteSettings)
        .child(S.document().schemaType('siteSettings').documentId(SINGLETONS.siteSettings)),
      S.listItem().title('Guide').id(SINGLETONS.guide).child(S.document().schemaType('guide').documentId(SINGLETONS.guide)),
      S.divider(),
      S.documentTypeListItem('operator').title('Operators'),
      S.documentTypeListItem('policy').title('Cancellation policies'),
      S.documentTypeListItem('faq').title('FAQ'),
      S.divider(),
      S.listItem()
        .title('Verification age: oldest verified first')
        .id('verification-age')
        .child(S.component(VerificationAgeView).id('verification-age').title('Verification age')),
      readerReportsInbox(S, context),
      S.listItem()
        .title('Sources: changed, moved, broken first')
        .id('sources')
        .child(S.component(SourcesView).id('sources').title('Sources')),
    ])
