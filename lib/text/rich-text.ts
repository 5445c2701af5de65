import type {PortableTextBlock} from '@portabletext/react'

/**
 * Portable Text as the renderer can take it: only objects with a `_type`; blocks with a list of
 * child objects and of mark definitions. Anything else an editor or an import left behind is
 * dropped here rather than crash a page.
 */
export function renderableBlocks(value: unknown): PortableTextBlock[] {
  if (!Array.isArray(value)) return []
  return value.flatMap((item): PortableTextBlock[] => {
    if (!item || typeof item !== 'object' || typeof (item as {_type?: unknown})._type !== 'string') return []
    const block = item as PortableTextBlock & {children?: unknown; markDefs?: unknown}
    if (block._type !== 'block') return [block]
    const children = Array.isArray(block.children)
      ? (block.children as unknown[])
          .filter((child): child is Record<string, unknown> => !!child && typeof child === 'object')
          .map((child) => ({
            ...child,
            _type: typeof child._type === 'string' ? child._type : 'span',
            text: typeof child.text === 'string' ? child.text : '',
            marks: Array.isArray(child.marks) ? child.marks.filter((mark) => typeof mark === 'string') : [],
          }))
      : []
    const markDefs = Array.isArray(block.markDefs) ? block.markDefs.filter((def) => def && typeof def === 'object') : []
    const style = typeof block.style === 'string' ? block.style : 'normal'
    return [{...block, style, children, markDefs} as PortableTextBlock]
  })
}
