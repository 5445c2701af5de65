import type {ReactNode} from 'react'
import {LanguageSwitch} from '@/app/_components/LanguageSwitch'
import {Text} from '@/app/_components/LocaleValue'
import {getSiteSettings} from '@/lib/content'
import {LOCALE_TAGS, messagesFor, type Locale} from '@/lib/i18n'
import {checklistPath, localePath} from '@/lib/site/paths'
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
          <a href={localePath(locale)} className="site-title">
            {t.siteName}
          </a>
          {/* Plain links, not next/link: prefetching every visible link would spend a phone's data
              and main thread on pages the reader may never open; pages are cached and small. */}
          <nav aria-label={t.nav.mainNavigation} className="main-nav">
            <ul>
              <li>
                <a href={localePath(locale)}>{t.nav.guide}</a>
              </li>
              <li>
                <a href={checklistPath(locale)}>{t.nav.checklist}</a>
              </li>
              <li>
                <a href={localePath(locale, '/compare')}>{t.nav.compare}</a>
              </li>
              <li>
                <a href={localePath(locale, '/faq')}>{t.nav.faq}</a>
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
            <a href={localePath(locale, '/feed.xml')} type="application/atom+xml">
              {t.feed.subscribe}
            </a>
          </p>
        </footer>
        {tools}
      </body>
    </html>
  )
}
