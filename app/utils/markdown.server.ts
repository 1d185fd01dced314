import { Marked, type Tokens } from 'marked'
import sanitizeHtml from 'sanitize-html'

/**
 * Recap bodies are Markdown written by staff and read by parents and the public, so they pass two
 * walls. First, marked never sees raw HTML: its HTML tokenizers are switched off, so `<script>` is
 * ordinary text and comes out escaped; links and image syntax keep only http(s), mailto and
 * relative addresses. Second, sanitize-html keeps only the tags and attributes that Markdown
 * makes, whatever the first wall let through.
 */

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char)
}

const NAMED_IN_URL: Record<string, string> = { amp: '&', colon: ':', tab: '\t', newline: '\n' }

/** Character references as CommonMark reads them in a link address; unknown ones stay literal. */
function decodeCharacterReferences(text: string): string {
  return text.replace(/&(?:#(\d{1,7})|#[xX]([\da-fA-F]{1,6})|([a-zA-Z]+));/g, (whole, dec, hex, name) => {
    if (name !== undefined) return NAMED_IN_URL[name.toLowerCase()] ?? whole
    const code = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex, 16)
    return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)
      ? String.fromCodePoint(code)
      : '\ufffd'
  })
}

// As a browser reads an address: leading and trailing controls and spaces dropped, tabs and
// newlines inside removed. Any other control character is refused outright.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it trims
const URL_EDGES = /^[\u0000-\u0020]+|[\u0000-\u0020]+$/g
const URL_IGNORED = /[\t\n\r]/g
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
const URL_REFUSED = /[\u0000-\u001f\u007f"'<>`]/
const ALLOWED_SCHEME = /^(?:https?:\/\/|mailto:)/i

/**
 * The address as the browser will read it, or null unless it is http(s), mailto or relative (a
 * path, query or fragment with no scheme), without quotes, angle brackets or control characters.
 * What we print is exactly what was checked, fully escaped, so no entity turns into a scheme later.
 */
export function safeUrl(href: string): string | null {
  const url = decodeCharacterReferences(href).replace(URL_EDGES, '').replace(URL_IGNORED, '')
  // Quotes and angle brackets have no business in an address: they are an attribute break-out.
  if (url === '' || URL_REFUSED.test(url)) return null
  if (ALLOWED_SCHEME.test(url)) return url
  // Relative: no scheme before the path, and not //host (another site) nor a backslash (read as /).
  const beforePath = url.split(/[/?#]/, 1)[0] ?? ''
  if (beforePath.includes(':') || url.startsWith('//') || url.includes('\\')) return null
  return url
}

const marked = new Marked({ gfm: true, breaks: true, async: false })
marked.use({
  tokenizer: {
    // No HTML tokens at all: the text is then escaped like any other text.
    html: () => undefined,
    tag: () => undefined,
  },
  renderer: {
    html({ text }: Tokens.HTML | Tokens.Tag) {
      return escapeHtml(text)
    },
    text(token: Tokens.Text | Tokens.Escape) {
      if ('tokens' in token && token.tokens) return this.parser.parseInline(token.tokens)
      // Text marked calls "escaped" is raw; marked's own text is already entity-safe.
      if ('escaped' in token && token.escaped) return escapeHtml(token.text)
      return false
    },
    heading({ tokens, depth }: Tokens.Heading) {
      // The page's own h1 is the recap title; the body's headings sit under it, h2 to h4.
      const level = Math.min(Math.max(depth, 2), 4)
      return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`
    },
    link({ href, title, tokens }: Tokens.Link) {
      const inner = this.parser.parseInline(tokens)
      const url = safeUrl(href)
      if (url === null) return inner
      const titleAttribute = title ? ` title="${escapeHtml(title)}"` : ''
      return `<a href="${escapeHtml(url)}"${titleAttribute}>${inner}</a>`
    },
    // Photos come from the photo feature only: image syntax becomes a link, or its alt text.
    image({ href, text, tokens }: Tokens.Image) {
      const alt = tokens ? this.parser.parseInline(tokens, this.parser.textRenderer) : escapeHtml(text)
      const url = safeUrl(href)
      if (url === null) return alt
      return `<a href="${escapeHtml(url)}">${alt || escapeHtml(url)}</a>`
    },
    checkbox({ checked }: Tokens.Checkbox) {
      return checked ? '☑ ' : '☐ '
    },
  },
})

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'h2',
    'h3',
    'h4',
    'strong',
    'em',
    'del',
    'ul',
    'ol',
    'li',
    'blockquote',
    'pre',
    'code',
    'hr',
    'a',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: { a: ['href', 'title', 'rel'], ol: ['start'], th: ['align'], td: ['align'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    a: (tagName, attribs) => {
      const { href, title } = attribs
      return {
        tagName,
        attribs: {
          ...(href ? { href } : {}),
          ...(title ? { title } : {}),
          rel: 'nofollow noopener noreferrer',
        },
      }
    },
  },
}

/** A recap body as safe HTML: Markdown rendered with raw HTML escaped, then sanitised. */
export function renderMarkdown(markdown: string): string {
  const html = marked.parse(markdown, { async: false })
  return sanitizeHtml(html, SANITIZE).trim()
}
