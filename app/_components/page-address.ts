import {cache} from 'react'

/**
 * The address of the page being rendered, after its locale (`/operators/kcell`): each page sets it
 * first, so a notice deep inside it can link to the same page in another language. Per request
 * (React's cache): never shared between readers.
 */
const current = cache(() => ({path: ''}))

export function setPageAddress(path: string) {
  current().path = path
}

export const pageAddress = () => current().path
