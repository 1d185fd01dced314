import { describe, expect, it } from 'vitest'
import { taskSchema } from '~/domain/activity-schemas'
import {
  day,
  lineProblem,
  multilineText,
  normalizeLine,
  normalizeMultiline,
  optionalText,
  text,
} from '~/domain/schemas'

const messages = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.error?.issues.map((issue) => issue.message) ?? []

describe('single-line text (names, titles, captions)', () => {
  const field = text(40)

  it('stores NFC and trims ASCII and full-width spaces', () => {
    // e + combining acute → é; Hangul jamo → one syllable
    expect(field.parse('  Jose\u0301 ')).toBe('Jos\u00e9')
    expect(field.parse('\u1112\u1161\u11ab')).toBe('\ud55c')
    expect(field.parse('\u3000\u3000张一诺\u3000')).toBe('张一诺')
    expect(normalizeLine('\ufeff李四\u00a0')).toBe('李四')
  })

  it.each([
    ['NUL', 'Li\u0000Si', 'validation.hiddenCharacter'],
    ['another C0 control', 'Li\u0007Si', 'validation.hiddenCharacter'],
    ['DEL', 'Li\u007fSi', 'validation.hiddenCharacter'],
    ['a C1 control', 'Li\u009bSi', 'validation.hiddenCharacter'],
    ['a tab', 'Li\tSi', 'validation.hiddenCharacter'],
    ['a right-to-left override', '\u202egnp.exe', 'validation.hiddenCharacter'],
    ['a left-to-right embedding', 'a\u202ab', 'validation.hiddenCharacter'],
    ['a first-strong isolate', 'a\u2068b\u2069', 'validation.hiddenCharacter'],
    ['a zero-width space', '张\u200b三', 'validation.hiddenCharacter'],
    ['a zero-width joiner', '张\u200d三', 'validation.hiddenCharacter'],
    ['a word joiner', '张\u2060三', 'validation.hiddenCharacter'],
    ['a BOM inside', '张\ufeff三', 'validation.hiddenCharacter'],
    ['CRLF', 'first\r\nsecond', 'validation.lineBreak'],
    ['LF', 'first\nsecond', 'validation.lineBreak'],
    ['a line separator', 'first\u2028second', 'validation.lineBreak'],
    ['a paragraph separator', 'first\u2029second', 'validation.lineBreak'],
    ['NEL', 'first\u0085second', 'validation.lineBreak'],
  ])('refuses %s with a message', (_, value, message) => {
    expect(lineProblem(normalizeLine(value))).toBe(message)
    expect(messages(field.safeParse(value))).toEqual([message])
    expect(messages(optionalText(40).safeParse(value))).toEqual([message])
  })

  it('keeps ordinary text, emoji without joiners and punctuation', () => {
    for (const value of ['张一诺', 'Zoë O’Neill', '五(2)班·红领巾', '📚 读书节', 'Müller-Lüdenscheidt']) {
      expect(field.parse(value)).toBe(value)
    }
  })

  it('still says an empty or blank value is required, and counts length after normalising', () => {
    expect(messages(field.safeParse('\u3000 '))).toEqual(['validation.required'])
    expect(messages(text(5, { missing: 'x.captionRequired' }).safeParse(undefined))).toEqual([
      'x.captionRequired',
    ])
    expect(text(1).parse('e\u0301')).toBe('\u00e9')
  })
})

describe('multi-line text (descriptions, notes, recap bodies)', () => {
  it('keeps line breaks (CRLF becomes LF) and tabs, drops control, bidi and zero-width characters', () => {
    expect(normalizeMultiline('a\r\nb\rc\n\td')).toBe('a\nb\nc\n\td')
    expect(normalizeMultiline('x\u0000y\u202ez\u2066w\u2069\u200bv\ufeffu\u2060t\u0085s')).toBe('xyzwvuts')
    expect(normalizeMultiline('e\u0301')).toBe('\u00e9')
  })

  it('keeps the joiners emoji need', () => {
    const family = '👩\u200d👧'
    expect(normalizeMultiline(family)).toBe(family)
  })

  it('trims by default, and not for a recap body', () => {
    expect(multilineText(100).parse('\r\n  text \u202e\r\n')).toBe('text')
    expect(multilineText(100, { trim: false }).parse('  text\r\n')).toBe('  text\n')
  })
})

describe('dates', () => {
  it('refuses a date far from any school year', () => {
    expect(messages(day().safeParse('9999-12-31'))).toEqual(['validation.dateOutOfRange'])
    expect(messages(day().safeParse('1900-01-01'))).toEqual(['validation.dateOutOfRange'])
    expect(messages(day().safeParse('2026-02-30'))).toEqual(['validation.invalidDate'])
    expect(day().parse('2026-12-07')).toBe('2026-12-07')
  })

  it('bounds a task due date to the academic year, from two months before it starts', () => {
    const schema = taskSchema({ startsOn: '2026-09-01', endsOn: '2027-08-31' })
    const dueOn = (value: string) => messages(schema.safeParse({ title: 'Book the hall', dueOn: value }))
    expect(dueOn('2026-07-03')).toEqual([])
    expect(dueOn('2027-08-31')).toEqual([])
    expect(dueOn('2026-07-02')).toEqual(['activities.validation.dueOutsideYear'])
    expect(dueOn('2027-09-01')).toEqual(['activities.validation.dueOutsideYear'])
  })
})
