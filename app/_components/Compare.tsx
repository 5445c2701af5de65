import type {ReactNode} from 'react'
import {LabelledCell} from './LabelledCell'
import {RefundOutcome} from './PolicySections'
import {DateTime} from './Trust'
import {compareOperator} from '@/lib/site/compare'
import type {OperatorSummary} from '@/lib/content/types'
import {OperatorSelect} from './OperatorSelect'
import {format, formatNumber, messagesFor, textIn, type Locale} from '@/lib/i18n'
import {operatorPath, sideBySidePath} from '@/lib/site/paths'

/** The comparison's pieces: the same answers, as a table of every operator or two side by side. */

type Answer = {key: string; label: string; className?: string; value: ReactNode}

function Unknown({locale}: {locale: Locale}) {
  return <span className="tri-unknown">{messagesFor(locale).trust.unknown}</span>
}

/** What the comparison says of one operator, in the order of its columns (or rows). */
function answers(operator: OperatorSummary, locale: Locale): Answer[] {
  const t = messagesFor(locale)
  const facts = compareOperator(operator)
  return [
    {
      key: 'channels',
      label: t.compare.channels,
      value: facts.channels.length > 0 ? facts.channels.map((kind) => t.vocab.channel[kind]).join(', ') : <Unknown locale={locale} />,
    },
    {
      key: 'owner',
      label: t.compare.ownerInPerson,
      className: `tri tri-${facts.ownerInPerson}`,
      value: t.vocab.triState[facts.ownerInPerson],
    },
    {
      key: 'representative',
      label: t.compare.representative,
      className: `tri tri-${facts.representative}`,
      value: t.vocab.triState[facts.representative],
    },
    {
      key: 'documents',
      label: t.compare.documents,
      value: facts.documents.length > 0 ? facts.documents.map((doc) => textIn(doc.title, locale)).join('; ') : <Unknown locale={locale} />,
    },
    {
      key: 'balance',
      label: t.compare.balance,
      value: facts.balance ? <RefundOutcome rule={facts.balance} locale={locale} /> : <Unknown locale={locale} />,
    },
    {
      key: 'hold',
      label: t.compare.numberHold,
      value: facts.holdDays !== null ? format(t.compare.days, {days: formatNumber(facts.holdDays, locale)}) : <Unknown locale={locale} />,
    },
    {
      key: 'verified',
      label: t.compare.verified,
      value: facts.verifiedAt ? (
        <DateTime date={facts.verifiedAt} locale={locale} />
      ) : (
        <span className="not-verified">{t.trust.unverified}</span>
      ),
    },
  ]
}

const OperatorLink = ({operator, locale}: {operator: OperatorSummary; locale: Locale}) => (
  <a href={operatorPath(locale, operator.slug)}>{operator.name}</a>
)

/**
 * Every operator, one to a row. On a phone the stylesheet makes each row a card (the operator as its
 * heading, each answer a labelled line), so nobody scrolls sideways or loses the labels.
 */
export function CompareTable({operators, locale}: {operators: OperatorSummary[]; locale: Locale}) {
  const t = messagesFor(locale)
  const rows = operators.map((operator) => ({operator, answers: answers(operator, locale)}))
  const labels = rows[0]?.answers ?? []
  return (
    <table className="compare compare-all">
      <thead>
        <tr>
          <th scope="col">{t.compare.operator}</th>
          {labels.map((answer) => (
            <th key={answer.key} scope="col">
              {answer.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map(({operator, answers}) => (
          <tr key={operator._id}>
            <th scope="row">
              <OperatorLink operator={operator} locale={locale} />
            </th>
            {answers.map((answer) => (
              <LabelledCell key={answer.key} template={format(t.compare.labelled, {label: answer.label})} className={answer.className}>
                {answer.value}
              </LabelledCell>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/**
 * Two operators side by side, an answer to a row. On a phone each row's label stands above its two
 * answers, and the operators' names stay at the top of the screen while the reader scrolls.
 */
export function SideBySideTable({pair, locale}: {pair: [OperatorSummary, OperatorSummary]; locale: Locale}) {
  const columns = pair.map((operator) => answers(operator, locale))
  return (
    <table className="compare compare-pair">
      <thead>
        <tr>
          <td />
          {pair.map((operator) => (
            <th key={operator._id} scope="col">
              <OperatorLink operator={operator} locale={locale} />
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {columns[0]!.map((row, index) => (
          <tr key={row.key}>
            <th scope="row">{row.label}</th>
            {columns.map((column, place) => {
              const cell = column[index]!
              return (
                <td key={place} className={cell.className}>
                  {cell.value}
                </td>
              )
            })}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/**
 * Two lists to pick the operators to put side by side: a GET form, as the checklist's, so it works
 * without JavaScript and its answer has an address of its own.
 */
export function PickTwoForm({operators, picks, locale}: {operators: OperatorSummary[]; picks: (string | undefined)[]; locale: Locale}) {
  const t = messagesFor(locale)
  const places = [t.compare.first, t.compare.second]
  return (
    <form method="get" action={sideBySidePath(locale)} className="pick-two no-print">
      <fieldset>
        <legend>{t.compare.pickTwo}</legend>
        {places.map((place, index) => (
          <label key={place}>
            {place} <OperatorSelect operators={operators} chosen={picks[index]} placeholder={t.checklist.chooseOperator} required />
          </label>
        ))}
        <button type="submit" className="button">
          {t.compare.submit}
        </button>
      </fieldset>
    </form>
  )
}
