import type {Metadata} from 'next'
import {notFound} from 'next/navigation'
import {RefundOutcome} from '@/app/_components/PolicySections'
import {DateTime} from '@/app/_components/Trust'
import {setPageAddress} from '@/app/_components/page-address'
import {getOperators} from '@/lib/content'
import type {CancellationChannel, OperatorSummary} from '@/lib/content/types'
import type {TriState} from '@/lib/content/vocabulary'
import {format, formatNumber, isLocale, textIn, messagesFor, type Locale} from '@/lib/i18n'
import {operatorPath} from '@/lib/paths'
import {pageMetadata} from '@/lib/seo'

export async function generateMetadata({params}: PageProps<'/[locale]/compare'>): Promise<Metadata> {
  const {locale} = await params
  if (!isLocale(locale)) return {}
  const t = messagesFor(locale)
  return pageMetadata({locale, path: '/compare', title: t.compare.title, description: t.compare.description, siteName: t.siteName})
}

/** A comparison shows what is in force now; each operator's page shows what is coming. */
const inForce = <T extends {effect: string}>(facts: readonly T[]) => facts.filter((fact) => fact.effect === 'inForce')

/** Across a policy's channels: yes if any says yes, no if all say no, otherwise unknown. */
function across(channels: CancellationChannel[], pick: (channel: CancellationChannel) => TriState): TriState {
  const values = channels.map(pick)
  if (values.includes('yes')) return 'yes'
  if (values.length > 0 && values.every((value) => value === 'no')) return 'no'
  return 'unknown'
}

export default async function ComparePage({params}: PageProps<'/[locale]/compare'>) {
  const {locale} = await params
  if (!isLocale(locale)) notFound()
  setPageAddress('/compare')
  const t = messagesFor(locale)
  const operators = await getOperators()
  return (
    <>
      <h1>{t.compare.title}</h1>
      <p>{t.compare.description}</p>
      <div className="table-scroll">
        <table className="compare">
          <thead>
            <tr>
              <th scope="col">{t.compare.operator}</th>
              <th scope="col">{t.compare.channels}</th>
              <th scope="col">{t.compare.ownerInPerson}</th>
              <th scope="col">{t.compare.representative}</th>
              <th scope="col">{t.compare.documents}</th>
              <th scope="col">{t.compare.balance}</th>
              <th scope="col">{t.compare.numberHold}</th>
              <th scope="col">{t.compare.verified}</th>
            </tr>
          </thead>
          <tbody>
            {operators.map((operator) => (
              <CompareRow key={operator._id} operator={operator} locale={locale} />
            ))}
          </tbody>
        </table>
      </div>
    </>
  )
}

function Unknown({locale}: {locale: Locale}) {
  return <span className="tri-unknown">{messagesFor(locale).trust.unknown}</span>
}

function CompareRow({operator, locale}: {operator: OperatorSummary; locale: Locale}) {
  const t = messagesFor(locale)
  const policy = operator.policy
  const policyChannels = inForce(policy?.channels ?? [])
  const documents = inForce(policy?.documents ?? [])
  const channels = policyChannels.filter((channel) => channel.available === 'yes')
  const owner = across(policyChannels, (channel) => channel.ownerInPerson)
  const representative = across(policyChannels, (channel) => channel.representativeAccepted)
  const holdDays = policy?.numberHold.holdDays
  return (
    <tr>
      <th scope="row">
        <a href={operatorPath(locale, operator.slug)}>{operator.name}</a>
      </th>
      <td>{channels.length ? channels.map((channel) => t.vocab.channel[channel.kind]).join(', ') : <Unknown locale={locale} />}</td>
      <td className={`tri tri-${owner}`}>{t.vocab.triState[owner]}</td>
      <td className={`tri tri-${representative}`}>{t.vocab.triState[representative]}</td>
      <td>
        {documents.length > 0 ? (
          documents.map((doc) => textIn(doc.title, locale)).join('; ')
        ) : (
          <Unknown locale={locale} />
        )}
      </td>
      <td>{policy ? <RefundOutcome rule={policy.balanceRefund} locale={locale} /> : <Unknown locale={locale} />}</td>
      <td>{typeof holdDays === 'number' ? format(t.compare.days, {days: formatNumber(holdDays, locale)}) : <Unknown locale={locale} />}</td>
      <td>
        {policy?.verifiedAt ? (
          <DateTime date={policy.verifiedAt} locale={locale} />
        ) : (
          <span className="not-verified">{t.trust.unverified}</span>
        )}
      </td>
    </tr>
  )
}
