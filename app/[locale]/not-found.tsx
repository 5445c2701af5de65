import {NotFoundMessage} from '@/app/_components/NotFoundMessage'

/** Inside a locale's layout: the header and footer are already in the reader's language. */
export default function NotFound() {
  return <NotFoundMessage />
}
