import { describe, expect, it } from 'vitest'
import { guardianPhoneFor, maskPhone, mayReadFullPhone } from '~/domain/guardian-phones'

const admin = { id: 1, role: 'admin' } as const
const head = { id: 2, role: 'teacher' } as const
const organiser = { id: 3, role: 'teacher' } as const
const staff = { id: 4, role: 'teacher' } as const
const other = { id: 5, role: 'teacher' } as const
const parent = { id: 6, role: 'parent' } as const

const classPage = { headTeacherId: head.id }
const activityPage = { headTeacherId: head.id, activity: { organiserId: organiser.id, staffIds: [staff.id] } }

describe('maskPhone', () => {
  it('keeps the first three and last four digits of a mobile number', () => {
    expect(maskPhone('13900000001')).toBe('139****0001')
    expect(maskPhone('139 0000 0001')).toBe('139****0001')
  })

  it('shows nothing of a number it cannot mask safely', () => {
    expect(maskPhone('')).toBe('')
    expect(maskPhone('021-5555')).toBe('')
  })
})

describe('who reads a guardian’s phone in full', () => {
  it('admins and the class’s head teacher, everywhere', () => {
    expect(mayReadFullPhone(admin, { headTeacherId: null })).toBe(true)
    expect(mayReadFullPhone(head, classPage)).toBe(true)
    expect(mayReadFullPhone(head, activityPage)).toBe(true)
  })

  it('an activity’s organiser and staff only on that activity’s pages', () => {
    expect(mayReadFullPhone(organiser, activityPage)).toBe(true)
    expect(mayReadFullPhone(staff, activityPage)).toBe(true)
    expect(mayReadFullPhone(organiser, classPage)).toBe(false)
    expect(mayReadFullPhone(staff, classPage)).toBe(false)
  })

  it('nobody else, and never a parent', () => {
    expect(mayReadFullPhone(other, activityPage)).toBe(false)
    expect(
      mayReadFullPhone(other, { headTeacherId: null, activity: { organiserId: null, staffIds: [] } }),
    ).toBe(false)
    expect(mayReadFullPhone({ ...parent, id: head.id }, classPage)).toBe(false)
  })

  it('masks the number for whoever may not read it', () => {
    expect(guardianPhoneFor(head, classPage, '13900000001')).toBe('13900000001')
    expect(guardianPhoneFor(other, classPage, '13900000001')).toBe('139****0001')
  })
})
