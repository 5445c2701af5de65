'use client'

import {usePathname} from 'next/navigation'
import {LOCALES, LOCALE_NAMES, LOCALE_TAGS, type Locale} from '@/lib/i18n/locales'

/**
 * Links to the same page in the other languages. Rendered on the server from the path, so it works
 * without JavaScript; on click it also carries the query string (the checklist's choices).
 */
export function LanguageSwitch({locale, label}: {locale: Locale; label: string}) {
  // The path after the locale; on the server, draft mode's pages see theirs rewritten (`/draft/en/…`).
  // Addresses are written out here, not built by lib/site/paths: every reader downloads this component,
  // and the module would add to each page's JavaScript. The same shape: `/${locale}${path}`.
  const pathname = usePathname() ?? `/${locale}`
  const rest = pathname.slice(pathname.indexOf(`/${locale}`) + locale.length + 1)
  return (
    <nav aria-label={label} className="language-switch">
      <ul>
        {LOCALES.map((target) => (
          <li key={target}>
            <a
              href={`/${target}${rest}`}
              hrefLang={LOCALE_TAGS[target]}
              lang={LOCALE_TAGS[target]}
              aria-current={target === locale ? 'true' : undefined}
              onClick={(event) => {
                if (window.location.search) {
                  event.preventDefault()
                  window.location.assign(`/${target}${rest}${window.location.search}`)
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
