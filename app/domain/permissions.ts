import type { Role } from './vocabulary'

export type { Role }

/** What each role may do. Every loader and action names one of these in its guard. */
export const PERMISSIONS = {
  'home:read': ['admin', 'teacher', 'parent'],
  'account:self': ['admin', 'teacher', 'parent'],
  'school:read': ['admin', 'teacher'],
  'school:manage': ['admin'],
  'accounts:manage': ['admin'],
  'classes:read': ['admin', 'teacher'],
  'students:read': ['admin', 'teacher'],
  'audit:read': ['admin'],
  'family:read': ['parent'],
  'plan:read': ['admin', 'teacher'],
  'plan:edit': ['admin', 'teacher'],
  'plan:review': ['admin'],
  'partners:read': ['admin', 'teacher'],
  'partners:manage': ['admin', 'teacher'],
  'calendar:read': ['admin', 'teacher', 'parent'],
  'inbox:read': ['admin', 'teacher', 'parent'],
  'roster:manage': ['admin'],
  'participation:record': ['admin', 'teacher'],
  'consents:read': ['admin', 'teacher'],
  'consents:answer': ['parent'],
  'notices:manage': ['admin'],
  'notices:resolve': ['admin', 'teacher'],
  'notices:dispute': ['parent'],
  'corrections:answer': ['admin', 'teacher'],
  'reports:read': ['admin', 'teacher'],
  'awards:manage': ['admin', 'teacher'],
  'recaps:write': ['admin', 'teacher'],
  'recaps:publish': ['admin'],
  'recaps:read': ['admin', 'teacher', 'parent'],
} as const satisfies Record<string, readonly Role[]>

export type Permission = keyof typeof PERMISSIONS

export const ROLES: readonly Role[] = ['admin', 'teacher', 'parent']

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role)
}
