import { parseWithZod } from '@conform-to/zod/v4'
import { describe, expect, it } from 'vitest'
import { PARTNER_CATEGORIES, PartnerSchema, PHONE_PATTERN } from '~/domain/partner-schemas'

// Parsed as conform parses a submitted form: empty fields are absent, a ticked box is 'on'.
function parse(values: Record<string, string>) {
  const formData = new FormData()
  for (const [name, value] of Object.entries(values)) formData.set(name, value)
  return parseWithZod(formData, { schema: PartnerSchema })
}

function errorsOf(values: Record<string, string>) {
  const submission = parse(values)
  return submission.status === 'error' ? submission.error : undefined
}

const minimal = { name: '汇苑社区居委会', category: 'community' }

describe('PartnerSchema', () => {
  it('accepts a name and a category, filling the rest with empty values', () => {
    const submission = parse(minimal)
    expect(submission.status).toBe('success')
    if (submission.status !== 'success') return
    expect(submission.value).toEqual({
      name: '汇苑社区居委会',
      category: 'community',
      offers: '',
      patrioticBase: false,
      contactName: '',
      contactPhone: '',
      notes: '',
    })
  })

  it('reads a ticked box as a patriotic-education base and trims the text', () => {
    const submission = parse({
      name: '  陈云纪念馆 ',
      category: 'museum',
      patrioticBase: 'on',
      offers: ' 讲解、研学 ',
      contactPhone: ' 021-5921 0000 ',
    })
    expect(submission.status).toBe('success')
    if (submission.status !== 'success') return
    expect(submission.value).toMatchObject({
      name: '陈云纪念馆',
      patrioticBase: true,
      offers: '讲解、研学',
      contactPhone: '021-5921 0000',
    })
  })

  it('requires a name and a category', () => {
    expect(errorsOf({})).toEqual({ name: ['validation.required'], category: ['validation.required'] })
    expect(errorsOf({ name: '   ', category: 'community' })).toEqual({ name: ['validation.required'] })
  })

  it('offers only the categories of the schema', () => {
    for (const category of PARTNER_CATEGORIES) expect(parse({ ...minimal, category }).status).toBe('success')
    expect(errorsOf({ ...minimal, category: 'school' })).toEqual({ category: ['validation.unknownChoice'] })
  })

  it('limits each text to its length', () => {
    expect(parse({ ...minimal, name: '名'.repeat(60) }).status).toBe('success')
    expect(errorsOf({ ...minimal, name: '名'.repeat(61) })).toEqual({ name: ['validation.tooLong|60'] })
    expect(errorsOf({ ...minimal, offers: 'x'.repeat(201) })).toEqual({ offers: ['validation.tooLong|200'] })
    expect(errorsOf({ ...minimal, contactName: 'x'.repeat(31) })).toEqual({
      contactName: ['validation.tooLong|30'],
    })
    expect(errorsOf({ ...minimal, notes: 'x'.repeat(501) })).toEqual({ notes: ['validation.tooLong|500'] })
    expect(errorsOf({ ...minimal, contactPhone: '1'.repeat(21) })).toEqual({
      contactPhone: ['validation.tooLong|20'],
    })
  })

  it('takes phone numbers of digits, spaces, +, - and parentheses', () => {
    for (const phone of ['13812345678', '021-5788 1234', '+86 (21) 5788-1234', '(021)57881234']) {
      expect(parse({ ...minimal, contactPhone: phone }).status, phone).toBe('success')
    }
    for (const phone of [
      '138-1234-abcd',
      'tel:110',
      '021.5788',
      '---',
      '()',
      '5788#12',
      '１３８１２３４５６７８',
    ]) {
      expect(errorsOf({ ...minimal, contactPhone: phone }), phone).toEqual({
        contactPhone: ['partners.validation.phone'],
      })
    }
  })

  it('leaves a phone of only spaces empty rather than refusing it', () => {
    const submission = parse({ ...minimal, contactPhone: '   ' })
    expect(submission.status).toBe('success')
    if (submission.status === 'success') expect(submission.value.contactPhone).toBe('')
  })

  it('has a phone pattern that needs a digit', () => {
    expect(PHONE_PATTERN.test('+')).toBe(false)
    expect(PHONE_PATTERN.test('1')).toBe(true)
  })
})
