import {ImageResponse} from 'next/og'

export const OG_SIZE = {width: 1200, height: 630}

/**
 * Open Graph cards, rendered on the server with next/og's bundled font: no font is fetched.
 * Latin text only (brand names), since the bundled font has no CJK glyphs.
 */
export function openGraphImage({title, subtitle}: {title: string; subtitle: string}) {
  return new ImageResponse(
    <div
      style={{
        width: '100%',
        height: '100%',
        display: 'flex',
        flexDirection: 'column',
        justifyContent: 'space-between',
        padding: 72,
        background: '#0b5cab',
        color: '#fff',
      }}
    >
      <div style={{fontSize: 36, opacity: 0.85}}>KZ SIM Guide</div>
      <div style={{display: 'flex', flexDirection: 'column'}}>
        <div style={{fontSize: 84, fontWeight: 700}}>{title}</div>
        <div style={{fontSize: 40, marginTop: 16}}>{subtitle}</div>
      </div>
      <div style={{fontSize: 28, opacity: 0.85}}>Kcell · activ · Beeline · izi · Tele2 · ALTEL</div>
    </div>,
    OG_SIZE,
  )
}
