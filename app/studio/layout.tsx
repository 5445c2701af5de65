import type {Metadata, Viewport} from 'next'

export const metadata: Metadata = {
  title: 'KZ SIM Guide Studio',
  icons: {icon: '/favicon.svg'},
  robots: {index: false, follow: false},
  referrer: 'same-origin',
}

// The Studio handles display cutouts itself.
export const viewport: Viewport = {width: 'device-width', initialScale: 1, viewportFit: 'cover'}

export default function StudioLayout({children}: {children: React.ReactNode}) {
  return (
    <html lang="en">
      <body style={{margin: 0}}>{children}</body>
    </html>
  )
}
