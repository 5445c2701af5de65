import type {Metadata} from 'next'
import {LOCALES, LOCALE_NAMES} from '@/lib/i18n/locales'
import {notFoundMessages} from '@/lib/i18n/not-found'
import './[locale]/globals.css'

export const metadata: Metadata = {title: '404', robots: {index: false}}

/** An address outside every language: answer in all of them. */
export default function GlobalNotFound() {
  return (
    <html lang="zh-Hans">
      <body>
        <main id="main">
          <h1>404</h1>
          {LOCALES.map((locale) => (
            <section key={locale} lang={locale}>
              <h2>{notFoundMessages[locale].title}</h2>
              <p>
                <a href={`/${locale}`}>
                  {notFoundMessages[locale].back} ({LOCALE_NAMES[locale]})
                </a>
              </p>
            </section>
          ))}
        </main>
      </body>
    </html>
  )
}
