/** The participation sheet's form, read from its HTML and filled in as a teacher would. */
export type SheetRowField = { index: number; studentId: string; revision: string }

function attribute(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1]
}

/** The hidden pupil and revision fields of the sheet form, as the page rendered them. */
export function sheetRowsOf(html: string): SheetRowField[] {
  const rows = new Map<number, Partial<SheetRowField>>()
  for (const [tag] of html.matchAll(/<input\b[^>]*>/g)) {
    const field = /^rows\[(\d+)\]\.(studentId|revision)$/.exec(attribute(tag, 'name') ?? '')
    if (!field) continue
    const index = Number(field[1])
    const row = rows.get(index) ?? { index }
    row[field[2] as 'studentId' | 'revision'] = attribute(tag, 'value') ?? ''
    rows.set(index, row)
  }
  return [...rows.values()]
    .filter((row): row is SheetRowField => row.studentId !== undefined && row.revision !== undefined)
    .sort((a, b) => a.index - b.index)
}

/** The form a teacher submits with "save", every pupil marked `status`. */
export function saveBody(rows: readonly SheetRowField[], status: 'attended' | 'absent'): string {
  const form = new URLSearchParams({ intent: 'save' })
  for (const row of rows) {
    form.set(`rows[${row.index}].studentId`, row.studentId)
    form.set(`rows[${row.index}].revision`, row.revision)
    form.set(`rows[${row.index}].status`, status)
  }
  return form.toString()
}
