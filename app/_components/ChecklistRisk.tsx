import {Text} from './LocaleValue'
import {RefundOutcome} from './PolicySections'
import {AdviceLabel, FactSource} from './Trust'
import type {AdviceTopic, Risk} from '@/lib/checklist'
import {messagesFor, type Locale, type Messages} from '@/lib/i18n'

const ADVICE: Record<AdviceTopic, keyof Messages['checklist']> = {
  lost: 'riskLost',
  abroad: 'riskAbroad',
  otherOwner: 'riskOtherOwner',
  esim: 'riskEsim',
  postpaid: 'riskPostpaid',
  scam: 'riskScam',
}

/** One "watch out" line: a fact with its source, or our advice labelled as advice. */
export function ChecklistRisk({risk, locale}: {risk: Risk; locale: Locale}) {
  const t = messagesFor(locale).checklist
  if (risk.basis === 'advice') {
    return (
      <>
        <AdviceLabel locale={locale} /> {t[ADVICE[risk.topic]]}
      </>
    )
  }
  switch (risk.topic) {
    case 'abroadRepresentative':
      return (
        <>
          {t.riskAbroadRepresentative}
          <FactSource evidence={risk.channel.evidence} locale={locale} />
        </>
      )
    case 'balance':
      return (
        <>
          {t.riskBalance} <RefundOutcome rule={risk.rule} locale={locale} />
          {risk.rule.text && (
            <>
              {' — '}
              <Text value={risk.rule.text} locale={locale} />
            </>
          )}
          <FactSource evidence={risk.rule.evidence} locale={locale} />
        </>
      )
    case 'note':
      return (
        <>
          <Text value={risk.text} locale={locale} />
          <FactSource evidence={risk.evidence} locale={locale} />
        </>
      )
  }
}
