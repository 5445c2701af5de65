'use client'

import {usePathname} from 'next/navigation'
import {LOCALES, LOCALE_NAMES, LOCALE_TAGS, type Locale} from '@/lib/i18n/locales'
import {localePath} from '@/lib/paths'

/**
 * Links to the same page in the other languages. Rendered on the server from the path, so it works
 * without JavaScript; on click it also carries the query string (the checklist's choices).
 */
export function LanguageSwitch({locale, label}: {locale: Locale; label: string}) {
  // The path after the locale; on the server, draft mode's pages see theirs rewritten (`/draft/en/…`).
  const pathname = usePathname() ?? localePath(locale)
  const rest = pathname.slice(pathname.indexOf(localePath(locale)) + locale.length + 1)
  return (
    <nav aria-label={label} className="language-switch">
      <ul>
        {LOCALES.map((target) => (
          <li key={target}>
            <a
              href={localePath(target, rest)}
              hrefLang={LOCALE_TAGS[target]}
              lang={LOCALE_TAGS[target]}
              aria-current={target === locale ? 'true' : undefined}
              onClick={(event) => {
                if (window.location.search) {
                  event.preventDefault()
                  window.location.assign(`${localePath(target, rest)}${window.location.search}`)
                }
              }}
            >
              {LOCALE_NAMES[target]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  )
}
