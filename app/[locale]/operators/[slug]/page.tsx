import type {Metadata} from 'next'
import type {ReactNode} from 'react'
import {notFound} from 'next/navigation'
import {JsonLd} from '@/app/_components/JsonLd'
import {Text} from '@/app/_components/LocaleValue'
import {JumpLinks} from '@/app/_components/JumpLinks'
import {LabelledCell} from '@/app/_components/LabelledCell'
import {Section} from '@/app/_components/Section'
import {
  Assumed,
  DocumentList,
  GeneralSteps,
  NoteFact,
  NumberHoldFact,
  OperatorLinks,
  RefundFact,
  SourceList,
  Steps,
} from '@/app/_components/PolicySections'
import {ChangeLogList} from '@/app/_components/ChangeLogList'
import {ReportForm} from '@/app/_components/ReportForm'
import {Effect, FactSource, TrustPanel} from '@/app/_components/Trust'
import {setPageAddress} from '@/app/_components/page-address'
import {getContentClock, getGuide, getOperatorPage, getOperatorSlugs} from '@/lib/content'
import {editAttribute} from '@/lib/content/edit-locations'
import type {Guide, OperatorPage, Policy} from '@/lib/content/types'
import {format, isLocale, LOCALES, messagesFor, type Locale} from '@/lib/i18n'
import {changeLogLines} from '@/lib/content/change-log'
import {checklistPath, localePath, operatorPath, operatorSubpath} from '@/lib/site/paths'
import {absoluteUrl, pageMetadata} from '@/lib/site/seo'
import {howToJsonLd} from '@/lib/site/structured-data'
import {isHttpUrl} from '@/lib/text/safe-url'
import {hasNoVerifiedProcedure} from '@/lib/reports/invitation'

/** Cache Components needs at least one param to prerender; a slug no operator has renders a 404. */
const NO_OPERATOR = '-'

export async function generateStaticParams() {
  const slugs = await getOperatorSlugs().catch((error: Error) => {
    console.error(`[content] operator slugs unavailable at build, pages render on first request: ${error.message}`)
    return []
  })
  return (slugs.length > 0 ? slugs : [NO_OPERATOR]).flatMap((slug) => LOCALES.map((locale) => ({locale, slug})))
}

export async function generateMetadata({params}: PageProps<'/[locale]/operators/[slug]'>): Promise<Metadata> {
  const {locale, slug} = await params
  if (!isLocale(locale)) return {}
  const operator = await getOperatorPage(slug)
  if (!operator) return {}
  const t = messagesFor(locale)
  return pageMetadata({
    locale,
    path: operatorSubpath(operator.slug),
    title: format(t.operator.title, {name: operator.name}),
    description: format(t.operator.description, {name: operator.name}),
    siteName: t.siteName,
    image: {path: `${operatorSubpath(operator.slug)}/opengraph-image`, alt: format(t.operator.shareImageAlt, {name: operator.name})},
    type: 'article',
  })
}

export default async function OperatorPolicyPage({params}: PageProps<'/[locale]/operators/[slug]'>) {
  const {locale, slug} = await params
  if (!isLocale(locale)) notFound()
  setPageAddress(operatorSubpath(slug))
  const [operator, guide, now] = await Promise.all([getOperatorPage(slug), getGuide(), getContentClock()])
  if (!operator) notFound()
  const t = messagesFor(locale)
  const title = format(t.operator.title, {name: operator.name})
  const policy = operator.policy
  const howTo = howToJsonLd(operator, locale, title, absoluteUrl(operatorPath(locale, operator.slug)))

  const sections = operatorSections(operator, policy, guide, locale)

  return (
    <article className="policy">
      {howTo && <JsonLd data={howTo} />}
      <nav aria-label="breadcrumb" className="breadcrumb">
        <a href={localePath(locale)}>{t.nav.guide}</a> › <span aria-current="page">{operator.name}</span>
      </nav>
      <h1>{title}</h1>
      <OperatorFacts operator={operator} locale={locale} />
      <TrustPanel
        verifiedAt={policy?.verifiedAt}
        reviewedAt={policy?.reviewedAt}
        confidence={policy?.confidence ?? 'unverified'}
        locale={locale}
        now={new Date(now)}
      />
      {policy && policy.subscriptions.length > 0 && (
        <p>
          {t.operator.covers}: {policy.subscriptions.map((kind) => t.vocab.subscription[kind]).join(', ')}
        </p>
      )}
      <JumpLinks label={t.nav.onThisPage} links={sections} />
      {sections.map(({id, title, body}) => (
        <Section key={id} id={id} title={title}>
          {body}
        </Section>
      ))}
      <p>
        <a className="button" href={checklistPath(locale, operator.slug)}>
          {format(t.operator.checklistCta, {name: operator.name})}
        </a>
      </p>
      <ReportForm operator={operator} unverified={hasNoVerifiedProcedure(operator)} locale={locale} now={now} />
    </article>
  )
}

type PageSection = {id: string; title: string; body: ReactNode}

/**
 * The page's sections, in order, each only where it has something to say: one list for the jump
 * links at the top and for the sections themselves, so a link never points at a missing section.
 */
function operatorSections(operator: OperatorPage, policy: Policy | null | undefined, guide: Guide, locale: Locale): PageSection[] {
  const t = messagesFor(locale)
  const sections: PageSection[] = []
  const add = (id: string, title: string, body: ReactNode) => sections.push({id, title, body})
  if (policy) {
    add('channels', t.operator.channels, <ChannelTable policy={policy} locale={locale} />)
    add('documents', t.operator.documents, <DocumentList documents={policy.documents} locale={locale} />)
    if (policy.prerequisites.length > 0) add('prerequisites', t.operator.prerequisites, <Prerequisites policy={policy} locale={locale} />)
    add('steps', t.operator.steps, <Steps policy={policy} guide={guide} locale={locale} />)
    add(
      'money',
      t.operator.moneyAndNumber,
      <div className="fact-grid">
        <RefundFact title={t.operator.balance} rule={policy.balanceRefund} locale={locale} />
        <RefundFact title={t.operator.bundles} rule={policy.bundleRefund} locale={locale} />
        <NumberHoldFact hold={policy.numberHold} locale={locale} />
        <NoteFact title={t.operator.fees} note={policy.fees} locale={locale} />
        <NoteFact title={t.operator.processingTime} note={policy.processingTime} locale={locale} />
      </div>,
    )
    if (policy.esimNotes.text || policy.foreignerNotes.text) {
      add(
        'notes',
        `${t.operator.esim} · ${t.operator.foreigners}`,
        <div className="fact-grid">
          <NoteFact title={t.operator.esim} note={policy.esimNotes} locale={locale} />
          <NoteFact title={t.operator.foreigners} note={policy.foreignerNotes} locale={locale} />
        </div>,
      )
    }
  } else {
    add('steps', t.operator.steps, <GeneralSteps guide={guide} locale={locale} />)
  }
  if (operator.contacts.length > 0) add('contacts', t.operator.contacts, <Contacts operator={operator} locale={locale} />)
  if (operator.about.text) {
    add(
      'about',
      t.operator.about,
      <>
        <p>
          <Effect fact={operator.about} locale={locale} />
          <Text value={operator.about.text} locale={locale} />
        </p>
        <FactSource evidence={operator.about.evidence} locale={locale} />
      </>,
    )
  }
  if (policy) {
    add('sources', t.operator.sources, <SourceList sources={policy.sources} locale={locale} />)
    add('changes', t.operator.changeLog, <ChangeLog policy={policy} locale={locale} />)
  }
  return sections
}

function Prerequisites({policy, locale}: {policy: Policy; locale: Locale}) {
  const t = messagesFor(locale)
  return (
    <ul className="facts">
      {policy.prerequisites.map((item) => (
        <li key={item._key} data-sanity={editAttribute(item)}>
          <Effect fact={item} locale={locale} />
          <strong>{t.vocab.prerequisite[item.kind] ?? t.vocab.prerequisite.other}:</strong> <Text value={item.text} locale={locale} />{' '}
          <FactSource evidence={item.evidence} locale={locale} />
        </li>
      ))}
    </ul>
  )
}

function OperatorFacts({operator, locale}: {operator: OperatorPage; locale: Locale}) {
  const t = messagesFor(locale)
  return (
    <dl className="operator-facts">
      {operator.legalEntity && (
        <>
          <dt>{t.operator.legalEntity}</dt>
          <dd>{operator.legalEntity}</dd>
        </>
      )}
      {operator.parent && (
        <>
          <dt>{t.operator.parent}</dt>
          <dd>
            <a href={operatorPath(locale, operator.parent.slug)}>{operator.parent.name}</a>
            {operator.parentAssumed && <Assumed locale={locale} />}
          </dd>
        </>
      )}
      {operator.brands.length > 0 && (
        <>
          <dt>{t.operator.brands}</dt>
          <dd>
            <OperatorLinks operators={operator.brands} locale={locale} />
          </dd>
        </>
      )}
      {operator.website && isHttpUrl(operator.website) && (
        <>
          <dt>{t.operator.website}</dt>
          <dd>
            <a href={operator.website} rel="noopener noreferrer" target="_blank">
              {new URL(operator.website).hostname}
            </a>
          </dd>
        </>
      )}
    </dl>
  )
}

/**
 * Each channel is a group of two rows: its answers, then its note and source across the table. On a
 * wide screen that reads as a table; on a phone the stylesheet lays each group out as a card, the
 * answers as labelled lines (the labels are in the markup, shown only there), so the same HTML
 * serves both, with or without JavaScript.
 */
function ChannelTable({policy, locale}: {policy: Policy; locale: Locale}) {
  const t = messagesFor(locale)
  if (policy.channels.length === 0) return <p className="unknown">{t.operator.noChannels}</p>
  return (
    <table className="channels">
      <thead>
        <tr>
          <th scope="col">{t.operator.channel}</th>
          <th scope="col">{t.operator.available}</th>
          <th scope="col">{t.operator.ownerInPerson}</th>
          <th scope="col">{t.operator.representative}</th>
        </tr>
      </thead>
      {policy.channels.map((channel) => {
        const heading = `channel-${channel._key}`
        return (
          <tbody key={channel._key} data-sanity={editAttribute(channel)}>
            <tr>
              <th scope="row" id={heading}>
                <Effect fact={channel} locale={locale} />
                {t.vocab.channel[channel.kind] ?? channel.kind}
              </th>
              <LabelledCell template={t.operator.answers.available} className={`tri tri-${channel.available}`}>
                {t.vocab.triState[channel.available]}
              </LabelledCell>
              <LabelledCell template={t.operator.answers.ownerInPerson} className={`tri tri-${channel.ownerInPerson}`}>
                {t.vocab.triState[channel.ownerInPerson]}
              </LabelledCell>
              <LabelledCell template={t.operator.answers.representative} className={`tri tri-${channel.representativeAccepted}`}>
                {t.vocab.triState[channel.representativeAccepted]}
              </LabelledCell>
            </tr>
            <tr>
              <td colSpan={4} headers={heading} className="channel-details">
                {channel.note && (
                  <span className="note">
                    <Text value={channel.note} locale={locale} />
                  </span>
                )}
                <FactSource evidence={channel.evidence} locale={locale} />
              </td>
            </tr>
          </tbody>
        )
      })}
    </table>
  )
}

function Contacts({operator, locale}: {operator: OperatorPage; locale: Locale}) {
  const t = messagesFor(locale)
  return (
    <ul className="facts">
      {operator.contacts.map((contact) => (
        <li key={contact._key} data-sanity={editAttribute(contact)}>
          <Effect fact={contact} locale={locale} />
          <strong>{contact.label ? <Text value={contact.label} locale={locale} /> : t.vocab.contact[contact.kind]}</strong>
          {': '}
          <span data-sanity={editAttribute(contact, 'value')}>
            {contact.value ? <ContactValue value={contact.value} /> : <span className="unknown">{t.trust.unverified}</span>}
          </span>
          {contact.valueFromAbroad && <> · {format(t.operator.fromAbroad, {number: contact.valueFromAbroad})}</>}
          {contact.note && (
            <small className="note">
              <Text value={contact.note} locale={locale} />
            </small>
          )}{' '}
          <FactSource evidence={contact.evidence} locale={locale} />
        </li>
      ))}
    </ul>
  )
}

function ContactValue({value}: {value: string}) {
  if (isHttpUrl(value)) {
    return (
      <a href={value} rel="noopener noreferrer nofollow" target="_blank">
        {value}
      </a>
    )
  }
  if (/^\+?[\d ]{3,20}$/.test(value)) return <a href={`tel:${value.replace(/\s/g, '')}`}>{value}</a>
  return <>{value}</>
}

function ChangeLog({policy, locale}: {policy: Policy; locale: Locale}) {
  const t = messagesFor(locale)
  const lines = changeLogLines(policy.changeLog, policy.ended)
  return lines.length === 0 ? <p>{t.operator.noChangeLog}</p> : <ChangeLogList lines={lines} locale={locale} />
}
