import {LOCALES, LOCALE_NAMES, LOCALE_TAGS} from '@/lib/i18n/locales'
import {notFoundMessages} from '@/lib/i18n/not-found'
import {localePath} from '@/lib/site/paths'

/**
 * The 404 text in every language: a not-found page cannot know the reader's language from the
 * address, and a server component keeps it free of client JavaScript.
 */
export function NotFoundMessage() {
  return (
    <>
      <h1>404</h1>
      {LOCALES.map((locale) => (
        <section key={locale} lang={LOCALE_TAGS[locale]}>
          <h2>{notFoundMessages[locale].title}</h2>
          <p>{notFoundMessages[locale].body}</p>
          <p>
            <a href={localePath(locale)}>
              {notFoundMessages[locale].back} ({LOCALE_NAMES[locale]})
            </a>
          </p>
        </section>
      ))}
    </>
  )
}
