import {OG_SIZE, openGraphImage} from '@/app/_components/OpenGraphImage'

export const size = OG_SIZE
export const contentType = 'image/png'
export const alt = 'KZ SIM Guide: cancel a SIM card in Kazakhstan'

export default function Image() {
  return openGraphImage({title: 'Cancel a SIM in Kazakhstan', subtitle: 'Operator by operator, with sources'})
}
