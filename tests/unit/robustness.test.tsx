import fc from 'fast-check'
import {renderToStaticMarkup} from 'react-dom/server'
import {describe, expect, it} from 'vitest'
import {Blocks, Text} from '@/app/_components/LocaleValue'
import {ChecklistRisk} from '@/app/_components/ChecklistRisk'
import {DocumentList, NoteFact, NumberHoldFact, RefundFact, SourceList, Steps} from '@/app/_components/PolicySections'
import {FactSource, TrustPanel} from '@/app/_components/Trust'
import {buildChecklist, parseSituation} from '@/lib/checklist'
import {operatorPageQuery, operatorsQuery} from '@/lib/content/queries'
import type {OperatorPage, OperatorSummary} from '@/lib/content/types'
import {LOCALES} from '@/lib/i18n/locales'
import {withoutBasisTexts} from '@/lib/i18n/translation'
import {howToJsonLd} from '@/lib/site/structured-data'
import {arbitraryOperatorWithPolicy} from '../support/arbitrary'
import {runGroq, fixtureDocuments} from '../support/dataset'

// As the site holds it: without the texts translation bases keep for the Studio (lib/content/embedded.ts).
const seed = withoutBasisTexts(fixtureDocuments())

describe('odd documents through the real queries and components', () => {
  it('never break a query, and come back with the promised shapes', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryOperatorWithPolicy('odd'), async ([operator, policy]) => {
        const dataset = [...seed, operator, policy] as never
        const page = await runGroq<OperatorPage | null>(operatorPageQuery, {slug: 'odd'}, dataset)
        const list = await runGroq<OperatorSummary[]>(operatorsQuery, {}, dataset)
        expect(list.map((op) => op.slug)).toContain('odd')
        const p = page!.policy!
        for (const field of [
          p.channels,
          p.documents,
          p.prerequisites,
          p.sources,
          p.changeLog,
          p.ended,
          p.subscriptions,
          page!.contacts,
          page!.brands,
        ]) {
          expect(Array.isArray(field)).toBe(true)
        }
        expect(['high', 'medium', 'low', 'unverified']).toContain(p.confidence)
        expect(['refunded', 'notRefunded', 'unknown']).toContain(p.balanceRefund.outcome)
        for (const value of [p.verifiedAt, p.reviewedAt, page!.legalEntity, page!.website])
          expect(value === null || typeof value === 'string').toBe(true)
        expect(typeof page!.parentAssumed).toBe('boolean')
        // A verified date only with a source and a confidence above "unverified".
        if (p.verifiedAt) expect(p.confidence !== 'unverified' && p.sources.length > 0).toBe(true)
        const hold = p.numberHold.holdDays
        expect(hold === null || (typeof hold === 'number' && hold >= 0)).toBe(true)
      }),
      {numRuns: 60},
    )
    // 60 generated operators through two queries: about 1 s on a quiet machine, several on a busy one.
  }, 30_000)

  it('render without throwing and without an unsafe link, in every language', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryOperatorWithPolicy('odd'), fc.constantFrom(...LOCALES), async ([operator, policy], locale) => {
        const page = (await runGroq<OperatorPage>(operatorPageQuery, {slug: 'odd'}, [...seed, operator, policy] as never))!
        const p = page.policy!
        const checklist = buildChecklist(
          parseSituation({operator: 'odd', location: 'abroad', balance: '1', sim: 'esim', plan: 'postpaid', otherOwner: '1'}),
          page,
          null,
        )
        const html = renderToStaticMarkup(
          <>
            <Text value={page.summary} locale={locale} />
            <Blocks value={p.steps} locale={locale} />
            <Steps policy={p} guide={null} locale={locale} />
            <DocumentList documents={p.documents} locale={locale} />
            <RefundFact title="b" rule={p.balanceRefund} locale={locale} />
            <NumberHoldFact hold={p.numberHold} locale={locale} />
            <NoteFact title="f" note={p.fees} locale={locale} />
            <SourceList sources={p.sources} locale={locale} />
            <TrustPanel
              verifiedAt={p.verifiedAt}
              reviewedAt={p.reviewedAt}
              confidence={p.confidence}
              locale={locale}
              now={new Date('2026-11-25')}
            />
            {checklist.risks.map((risk, index) => (
              <ChecklistRisk key={index} risk={risk} locale={locale} />
            ))}
            {p.channels.map((channel) => (
              <FactSource key={channel._key} evidence={channel.evidence} locale={locale} />
            ))}
          </>,
        )
        expect(html).not.toMatch(/href="\s*(javascript|data|vbscript):/i)
        expect(html).not.toContain('<script')
        expect(checklist.risks.length).toBeGreaterThan(0)
        expect(() => JSON.stringify(howToJsonLd(page, locale, 'x', 'https://x.example'))).not.toThrow()
      }),
      {numRuns: 60},
    )
  }, 30_000)
})
