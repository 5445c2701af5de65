import {PortableText, type PortableTextBlock, type PortableTextComponents} from '@portabletext/react'
import {renderableBlocks} from '@/lib/text/rich-text'
import {safeHref} from '@/lib/text/safe-url'

/**
 * Editors' rich text. Links render only with safe schemes (anything else stays plain text);
 * block types, styles and marks the site does not know render their text or nothing, never HTML.
 */
const paragraph: NonNullable<PortableTextComponents['unknownBlockStyle']> = ({children}) => <p>{children}</p>

const components: PortableTextComponents = {
  block: {
    normal: paragraph,
    h3: ({children}) => <h3>{children}</h3>,
    // Styles the schema does not offer would break the page's heading outline: plain paragraphs.
    h1: paragraph,
    h2: paragraph,
    h4: paragraph,
    h5: paragraph,
    h6: paragraph,
    blockquote: paragraph,
  },
  list: {
    bullet: ({children}) => <ul>{children}</ul>,
    number: ({children}) => <ol>{children}</ol>,
  },
  marks: {
    strong: ({children}) => <strong>{children}</strong>,
    em: ({children}) => <em>{children}</em>,
    link: ({value, children}) => {
      const href = safeHref((value as {href?: unknown} | undefined)?.href)
      if (!href) return <>{children}</>
      const external = /^https?:/i.test(href)
      return (
        <a href={href} {...(external ? {rel: 'noopener noreferrer nofollow', target: '_blank'} : {})}>
          {children}
        </a>
      )
    },
  },
  unknownType: () => null,
  unknownMark: ({children}) => <>{children}</>,
  unknownBlockStyle: paragraph,
  unknownList: ({children}) => <ul>{children}</ul>,
  unknownListItem: ({children}) => <li>{children}</li>,
}

export function RichText({value}: {value: PortableTextBlock[]}) {
  const blocks = renderableBlocks(value)
  if (blocks.length === 0) return null
  return <PortableText value={blocks} components={components} onMissingComponent={false} />
}
