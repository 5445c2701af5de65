import type {Metadata} from 'next'
import {notFound} from 'next/navigation'
import {ChecklistEnhancer} from '@/app/_components/ChecklistEnhancer'
import {ChecklistRisk} from '@/app/_components/ChecklistRisk'
import {Text} from '@/app/_components/LocaleValue'
import {OperatorSelect} from '@/app/_components/OperatorSelect'
import {ReportForm} from '@/app/_components/ReportForm'
import {DocumentList, RefundFact, Steps} from '@/app/_components/PolicySections'
import {AdviceLabel, Effect, FactSource, VerificationStatus} from '@/app/_components/Trust'
import {setPageAddress} from '@/app/_components/page-address'
import {buildChecklist, parseSituation, type Situation} from '@/lib/checklist'
import {getContentClock, getGuide, getOperatorPage, getOperators} from '@/lib/content'
import type {OperatorSummary} from '@/lib/content/types'
import {format, isLocale, messagesFor, type Locale} from '@/lib/i18n'
import {checklistPath} from '@/lib/site/paths'
import {pageMetadata} from '@/lib/site/seo'
import {hasNoVerifiedProcedure} from '@/lib/reports/invitation'

const FORM_ID = 'situation'

export async function generateMetadata({params}: PageProps<'/[locale]/checklist'>): Promise<Metadata> {
  const {locale} = await params
  if (!isLocale(locale)) return {}
  const t = messagesFor(locale)
  return pageMetadata({locale, path: '/checklist', title: t.checklist.title, description: t.checklist.description, siteName: t.siteName})
}

/**
 * The choices live in the query string, so the page is rendered for each request, in one piece:
 * no streamed boundary, because a reader without JavaScript must get the result in the HTML.
 * Its data still comes from the cached, tagged reads.
 */
export const instant = false

export default async function ChecklistPage({params, searchParams}: PageProps<'/[locale]/checklist'>) {
  const {locale} = await params
  if (!isLocale(locale)) notFound()
  const t = messagesFor(locale)
  const situation = parseSituation(await searchParams)
  setPageAddress(situation.operator ? `/checklist?operator=${encodeURIComponent(situation.operator)}` : '/checklist')
  const [operators, operator, guide, now] = await Promise.all([
    getOperators(),
    situation.operator ? getOperatorPage(situation.operator) : null,
    getGuide(),
    getContentClock(),
  ])
  return (
    <>
      <h1>{t.checklist.title}</h1>
      <p className="no-print">{t.checklist.description}</p>
      <SituationForm operators={operators} locale={locale} situation={situation} />
      <ChecklistEnhancer formId={FORM_ID} labels={{print: t.checklist.print, share: t.checklist.share, copied: t.checklist.copied}} />
      {operator ? (
        <>
          <ChecklistResult checklist={buildChecklist(situation, operator, guide)} guide={guide} locale={locale} />
          <ReportForm operator={operator} unverified={hasNoVerifiedProcedure(operator)} locale={locale} now={now} />
        </>
      ) : (
        <p role="status">{t.checklist.emptyState}</p>
      )}
    </>
  )
}

function SituationForm({operators, locale, situation}: {operators: OperatorSummary[]; locale: Locale; situation: Situation}) {
  const t = messagesFor(locale).checklist
  const radio = (name: keyof Situation, value: string, label: string) => (
    <label>
      <input type="radio" name={name} value={value} defaultChecked={situation[name] === value} /> {label}
    </label>
  )
  const checkbox = (name: 'lost' | 'otherOwner' | 'balance', label: string) => (
    <label>
      <input type="checkbox" name={name} value="1" defaultChecked={situation[name]} /> {label}
    </label>
  )
  const v = messagesFor(locale).vocab
  return (
    <form id={FORM_ID} method="get" action={checklistPath(locale)} className="situation no-print" aria-label={t.formHeading}>
      <p>
        <label>
          {t.operator} <OperatorSelect operators={operators} chosen={situation.operator} placeholder={t.chooseOperator} />
        </label>
      </p>
      <fieldset>
        <legend>{t.plan}</legend>
        {radio('plan', 'prepaid', v.subscription.prepaid)}
        {radio('plan', 'postpaid', v.subscription.postpaid)}
      </fieldset>
      <fieldset>
        <legend>{t.sim}</legend>
        {radio('sim', 'physical', t.simPhysical)}
        {radio('sim', 'esim', t.simEsim)}
      </fieldset>
      <fieldset>
        <legend>{t.location}</legend>
        {radio('location', 'kz', t.inKazakhstan)}
        {radio('location', 'abroad', t.abroad)}
      </fieldset>
      <fieldset>
        <legend>{t.formHeading}</legend>
        {checkbox('lost', t.lost)}
        {checkbox('otherOwner', t.otherOwner)}
        {checkbox('balance', t.balanceLeft)}
      </fieldset>
      <button type="submit" className="button">
        {t.submit}
      </button>
    </form>
  )
}

function ChecklistResult({
  checklist,
  guide,
  locale,
}: {
  checklist: ReturnType<typeof buildChecklist>
  guide: Awaited<ReturnType<typeof getGuide>>
  locale: Locale
}) {
  const m = messagesFor(locale)
  const t = m.checklist
  const {operator} = checklist
  return (
    <section className="checklist-result" aria-labelledby="result" aria-live="polite">
      <h2 id="result">{format(t.resultHeading, {name: operator.name})}</h2>
      <p className="meta">
        <VerificationStatus
          verifiedAt={checklist.verifiedAt}
          reviewedAt={checklist.reviewedAt}
          confidence={checklist.confidence}
          locale={locale}
        />
      </p>

      <h3>{t.risks}</h3>
      <ul>
        {checklist.risks.map((risk, index) => (
          <li key={index} className={`risk risk-${risk.basis}`}>
            <ChecklistRisk risk={risk} locale={locale} />
          </li>
        ))}
      </ul>

      {checklist.unlinkFirst.length > 0 && (
        <>
          <h3>{t.unlinkFirst}</h3>
          <p>
            <AdviceLabel locale={locale} /> {m.home.unlinkFirstAdvice}
          </p>
          <ul>
            {checklist.unlinkFirst.map((item, index) => (
              <li key={index}>
                <label>
                  <input type="checkbox" /> <Text value={item} locale={locale} />
                </label>
              </li>
            ))}
          </ul>
        </>
      )}

      <h3>{t.bring}</h3>
      <DocumentList documents={checklist.documents} locale={locale} />

      <h3>{t.channel}</h3>
      {checklist.channels.length > 0 ? (
        <ul>
          {checklist.channels.map((channel) => (
            <li key={channel._key}>
              <strong>{m.vocab.channel[channel.kind]}</strong> —{' '}
              {[
                format(m.operator.answers.available, {answer: m.vocab.triState[channel.available]}),
                format(m.operator.answers.ownerInPerson, {answer: m.vocab.triState[channel.ownerInPerson]}),
                format(m.operator.answers.representative, {answer: m.vocab.triState[channel.representativeAccepted]}),
              ].join(' · ')}
              <FactSource evidence={channel.evidence} locale={locale} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="unknown">{m.operator.noChannels}</p>
      )}

      <h3>{t.steps}</h3>
      <Steps policy={operator.policy} guide={guide} locale={locale} />

      {checklist.upcoming.length > 0 && (
        <>
          <h3>{m.effect.comingUp}</h3>
          <ul>
            {checklist.upcoming.map((fact) => (
              <li key={fact.key}>
                <Effect fact={{effect: 'upcoming', effectiveFrom: fact.effectiveFrom, effectiveUntil: null}} locale={locale} />
                {fact.text ? (
                  <Text value={fact.text} locale={locale} />
                ) : (
                  fact.channel && format(m.effect.channel, {channel: m.vocab.channel[fact.channel]})
                )}
                <FactSource evidence={fact.evidence} locale={locale} />
              </li>
            ))}
          </ul>
        </>
      )}

      <h3>{t.money}</h3>
      <div className="fact-grid">
        <RefundFact title={m.operator.balance} rule={checklist.money.balance} locale={locale} />
        <RefundFact title={m.operator.bundles} rule={checklist.money.bundles} locale={locale} />
      </div>
    </section>
  )
}
