import type {Metadata} from 'next'
import {NotFoundMessage} from '@/app/_components/NotFoundMessage'
import './globals.css'

export const metadata: Metadata = {title: '404', robots: {index: false}}

/** An address outside every language. */
export default function GlobalNotFound() {
  return (
    <html lang="zh-Hans">
      <body>
        <main id="main">
          <NotFoundMessage />
        </main>
      </body>
    </html>
  )
}
