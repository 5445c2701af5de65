import type {ReactNode} from 'react'
import {LanguageSwitch} from '@/app/_components/LanguageSwitch'
import {Text} from '@/app/_components/Localized'
import {getSiteSettings} from '@/lib/content'
import {LOCALE_TAGS, messagesFor, type Locale} from '@/lib/i18n'
import '@/app/globals.css'

/**
 * The document around every page in a language: header, navigation and footer. Shared by the
 * readers' root layout and draft mode's, which adds the editor's tools (`tools`).
 */
export async function SiteFrame({locale, children, tools}: {locale: Locale; children: ReactNode; tools?: ReactNode}) {
  const t = messagesFor(locale)
  const settings = await getSiteSettings()
  return (
    <html lang={LOCALE_TAGS[locale]}>
      <body>
        <a className="skip-link" href="#main">
          {t.nav.skipToContent}
        </a>
        <header className="site-header">
          <a href={`/${locale}`} className="site-title">
            {t.siteName}
          </a>
          {/* Plain links, not next/link: prefetching every visible link would spend a phone's data
              and main thread on pages the reader may never open; pages are cached and small. */}
          <nav aria-label={t.nav.mainNavigation} className="main-nav">
            <ul>
              <li>
                <a href={`/${locale}`}>{t.nav.guide}</a>
              </li>
              <li>
                <a href={`/${locale}/checklist`}>{t.nav.checklist}</a>
              </li>
              <li>
                <a href={`/${locale}/compare`}>{t.nav.compare}</a>
              </li>
              <li>
                <a href={`/${locale}/faq`}>{t.nav.faq}</a>
              </li>
            </ul>
          </nav>
          <LanguageSwitch locale={locale} label={t.nav.language} />
        </header>
        <main id="main">{children}</main>
        <footer className="site-footer">
          <p>
            <Text value={settings?.disclaimer} locale={locale} />
          </p>
          <p>
            {t.footer.independent} {t.footer.emergency}
          </p>
          <p>
            <a href={`/${locale}/feed.xml`} type="application/atom+xml">
              {t.feed.subscribe}
            </a>
          </p>
        </footer>
        {tools}
      </body>
    </html>
  )
}