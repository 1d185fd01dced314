import { describe, expect, it } from 'vitest'
import { can, PERMISSIONS } from '~/domain/permissions'

describe('permissions', () => {
  it('lets only admins manage the school and accounts', () => {
    expect(can('admin', 'school:manage')).toBe(true)
    expect(can('teacher', 'school:manage')).toBe(false)
    expect(can('parent', 'accounts:manage')).toBe(false)
  })

  it('keeps parents out of staff pages and staff out of the family view', () => {
    expect(can('parent', 'classes:read')).toBe(false)
    expect(can('parent', 'students:read')).toBe(false)
    expect(can('teacher', 'family:read')).toBe(false)
    expect(can('parent', 'family:read')).toBe(true)
  })

  it('lets every role use their own account', () => {
    for (const role of ['admin', 'teacher', 'parent'] as const) expect(can(role, 'account:self')).toBe(true)
  })

  it('names only known roles', () => {
    for (const roles of Object.values(PERMISSIONS)) {
      for (const role of roles) expect(['admin', 'teacher', 'parent']).toContain(role)
    }
  })
})
