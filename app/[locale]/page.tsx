import type {Metadata} from 'next'
import {notFound} from 'next/navigation'
import {Blocks, Text} from '@/app/_components/LocaleValue'
import {Section} from '@/app/_components/Section'
import {Assumed} from '@/app/_components/PolicySections'
import {ChangeLogList} from '@/app/_components/ChangeLogList'
import {AdviceLabel, Effect, FactSource, StatementText, VerificationStatus} from '@/app/_components/Trust'
import {setPageAddress} from '@/app/_components/page-address'
import {changeLogLines} from '@/lib/content/change-log'
import {editAttribute} from '@/lib/content/edit-locations'
import type {Statement} from '@/lib/content/types'
import {getGuide, getOperators, getSiteSettings} from '@/lib/content'
import {format, isLocale, textIn, messagesFor, type Locale} from '@/lib/i18n'
import {checklistPath, operatorPath} from '@/lib/site/paths'
import {pageMetadata} from '@/lib/site/seo'

export async function generateMetadata({params}: PageProps<'/[locale]'>): Promise<Metadata> {
  const {locale} = await params
  if (!isLocale(locale)) return {}
  const [settings, t] = [await getSiteSettings(), messagesFor(locale)]
  return pageMetadata({
    locale,
    title: textIn(settings?.title, locale) || t.siteName,
    description: textIn(settings?.description, locale) || t.tagline,
    siteName: t.siteName,
  })
}

export default async function GuidePage({params}: PageProps<'/[locale]'>) {
  const {locale} = await params
  if (!isLocale(locale)) notFound()
  setPageAddress('')
  const t = messagesFor(locale)
  const [guide, operators] = await Promise.all([getGuide(), getOperators()])

  return (
    <>
      <h1>{guide?.title ? <Text value={guide.title} locale={locale} /> : t.tagline}</h1>
      {guide?.intro && (
        <p className="lead">
          <Text value={guide.intro} locale={locale} />
        </p>
      )}

      <Section id="operators" title={t.home.operatorsHeading}>
        <p>{t.home.operatorsIntro}</p>
        {operators.length === 0 ? (
          <p>{t.home.noOperators}</p>
        ) : (
          <ul className="operator-list">
            {operators.map((operator) => (
              <li key={operator._id}>
                <a href={operatorPath(locale, operator.slug)} className="operator-card">
                  <strong>{operator.name}</strong>
                  {operator.parent && (
                    <span className="muted">
                      {' · '}
                      {format(t.home.brandOf, {name: operator.parent.name})}
                      {operator.parentAssumed && <Assumed locale={locale} />}
                    </span>
                  )}
                </a>
                {operator.summary && (
                  <p>
                    <Text value={operator.summary} locale={locale} />
                  </p>
                )}
                <p className="meta">
                  <VerificationStatus
                    verifiedAt={operator.policy?.verifiedAt}
                    reviewedAt={operator.policy?.reviewedAt}
                    confidence={operator.policy?.confidence ?? 'unverified'}
                    locale={locale}
                  />
                </p>
              </li>
            ))}
          </ul>
        )}
        <p>
          <a href={checklistPath(locale)} className="button">
            {t.home.checklistCta}
          </a>
        </p>
      </Section>

      {guide && <GuideSections guide={guide} locale={locale} />}
    </>
  )
}

function GuideSections({guide, locale}: {guide: NonNullable<Awaited<ReturnType<typeof getGuide>>>; locale: Locale}) {
  const t = messagesFor(locale)
  return (
    <>
      {guide.whyCancel.length > 0 && (
        <Section id="why" title={t.home.whyCancel}>
          <Statements statements={guide.whyCancel} locale={locale} />
        </Section>
      )}
      {guide.generalSteps && (
        <Section id="steps" title={t.home.generalSteps}>
          <p>
            <AdviceLabel locale={locale} /> {t.home.generalStepsAdvice}
          </p>
          <Blocks value={guide.generalSteps} locale={locale} />
        </Section>
      )}
      {guide.unlinkFirst.length > 0 && (
        <Section id="unlink" title={t.home.unlinkFirst}>
          <p>
            <AdviceLabel locale={locale} /> {t.home.unlinkFirstAdvice}
          </p>
          <ul>
            {guide.unlinkFirst.map((item, index) => (
              <li key={index}>
                <Text value={item} locale={locale} />
              </li>
            ))}
          </ul>
        </Section>
      )}
      {guide.precautions.length > 0 && (
        <Section id="precautions" title={t.home.precautions}>
          <Statements statements={guide.precautions} locale={locale} />
        </Section>
      )}
      {guide.alternatives.length > 0 && (
        <Section id="alternatives" title={t.home.alternatives}>
          {guide.alternatives.map((alternative) => (
            <article key={alternative._key} data-sanity={editAttribute(alternative)}>
              <h3>
                <Effect fact={alternative} locale={locale} />
                <Text value={alternative.title} locale={locale} />
              </h3>
              <Blocks value={alternative.body} locale={locale} />
              <FactSource evidence={alternative.evidence} locale={locale} />
            </article>
          ))}
        </Section>
      )}
      {guide.rules.length > 0 && (
        <Section id="rules" title={t.home.rules}>
          <ul className="facts">
            {guide.rules.map((rule) => (
              <li key={rule._key} data-sanity={editAttribute(rule)}>
                <strong>
                  <Effect fact={rule} locale={locale} />
                  <Text value={rule.title} locale={locale} />
                </strong>
                <p>
                  <Text value={rule.body} locale={locale} />
                </p>
                <FactSource evidence={rule.evidence} locale={locale} />
              </li>
            ))}
          </ul>
        </Section>
      )}
      {guide.ended.length > 0 && (
        <Section id="changes" title={t.operator.changeLog}>
          <ChangeLogList lines={changeLogLines([], guide.ended)} locale={locale} />
        </Section>
      )}
    </>
  )
}

/** Facts with their sources and advice labelled as ours, one to a line. */
function Statements({statements, locale}: {statements: Statement[]; locale: Locale}) {
  return (
    <ul className="facts statements">
      {statements.map((statement) => (
        <li key={statement._key} className={`statement statement-${statement.kind}`} data-sanity={editAttribute(statement)}>
          <StatementText statement={statement} locale={locale} />
        </li>
      ))}
    </ul>
  )
}
