import {OG_SIZE, openGraphImage} from '@/app/_components/OpenGraphImage'
import {getOperatorPage} from '@/lib/content'

export const size = OG_SIZE
export const contentType = 'image/png'
export const alt = 'How to cancel this operator’s SIM card'

export default async function Image({params}: {params: Promise<{slug: string}>}) {
  const operator = await getOperatorPage((await params).slug)
  // No procedure is claimed where none is verified, on the card either.
  const verified = operator?.policy?.verifiedAt
  return openGraphImage({
    title: operator?.name ?? 'KZ SIM Guide',
    subtitle: verified ? 'How to cancel the SIM, step by step' : 'What we know so far, with sources',
  })
}
