import { expect } from 'vitest'

// The participation sheet's form as a browser without JavaScript would post it, for the integration
// tests of the sheet (participation, participation-timing).

function decode(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}

/**
 * What a browser without JavaScript would post from the sheet form as rendered: hidden fields,
 * ticked radios, chosen options and typed values, in document order.
 */
export function sheetForm(html: string): URLSearchParams {
  const formStart = html.lastIndexOf('<form', html.indexOf('id="sheet"'))
  expect(formStart).toBeGreaterThanOrEqual(0)
  const form = html.slice(formStart, html.indexOf('</form>', formStart))
  const body = new URLSearchParams()
  let select: string | undefined
  for (const [, tag, attrs = ''] of form.matchAll(/<(input|select|option|\/select)\b([^>]*)>/g)) {
    const attr = (name: string) => {
      const found = new RegExp(`\\s${name}="([^"]*)"`).exec(attrs)?.[1]
      return found === undefined ? undefined : decode(found)
    }
    const name = attr('name')
    if (tag === 'input' && name) {
      const type = attr('type') ?? 'text'
      if (type === 'radio' || type === 'checkbox') {
        if (/\schecked=""/.test(attrs)) body.append(name, attr('value') ?? 'on')
      } else if (type !== 'submit') body.append(name, attr('value') ?? '')
    } else if (tag === 'select') select = name
    else if (tag === 'option' && select && /\sselected=""/.test(attrs))
      body.append(select, attr('value') ?? '')
    else if (tag === '/select') select = undefined
  }
  return body
}

/** The form's row of a pupil, to change as a teacher would; `intent` says which button was pressed. */
export function edit(
  body: URLSearchParams,
  intent: 'save' | 'all-present',
  changes: { studentId: number; values: Record<string, string | null> }[] = [],
): URLSearchParams {
  const next = new URLSearchParams(body)
  next.set('intent', intent)
  for (const { studentId, values } of changes) {
    const field = [...next.entries()].find(
      ([name, value]) => /^rows\[\d+\]\.studentId$/.test(name) && value === String(studentId),
    )?.[0]
    if (!field) throw new Error(`Pupil ${studentId} is not in the form`)
    const prefix = field.replace('.studentId', '')
    for (const [key, value] of Object.entries(values)) {
      if (value === null) next.delete(`${prefix}.${key}`)
      else next.set(`${prefix}.${key}`, value)
    }
  }
  return next
}
