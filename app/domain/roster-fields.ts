/**
 * The rules of a roster's fields, shared by the file import (roster-csv.ts, server only: it parses
 * CSV) and the pupil and guardian forms (roster-schemas.ts, which also run in the browser).
 */

/** A roster of a large school (5,000 pupils with a guardian each) is well under 1 MB. */
export const ROSTER_MAX_BYTES = 2 * 1024 * 1024
export const ROSTER_MAX_ROWS = 5000
export const NAME_MAX = 40
export const STUDENT_NUMBER_MAX = 32

export const RELATIONS = ['mother', 'father', 'grandparent', 'guardian'] as const
export type Relation = (typeof RELATIONS)[number]

const RELATION_OF_WORD = new Map<string, Relation>([
  ...['母亲', '妈妈', '母', '妈', 'mother', 'mom', 'mum'].map((w) => [w, 'mother'] as const),
  ...['父亲', '爸爸', '父', '爸', 'father', 'dad'].map((w) => [w, 'father'] as const),
  ...[
    '祖父母',
    '外祖父母',
    '祖父',
    '祖母',
    '外祖父',
    '外祖母',
    '爷爷',
    '奶奶',
    '外公',
    '外婆',
    '姥爷',
    '姥姥',
    'grandparent',
    'grandfather',
    'grandmother',
    'grandpa',
    'grandma',
  ].map((w) => [w, 'grandparent'] as const),
  ...['监护人', '其他', '其他监护人', 'guardian', 'other'].map((w) => [w, 'guardian'] as const),
])

/** 母亲, Mother, 外婆 → the stored value; an empty cell means a guardian of no stated relation. */
export function parseRelation(word: string): Relation | null {
  const key = word.normalize('NFKC').trim().toLowerCase()
  if (key === '') return 'guardian'
  return RELATION_OF_WORD.get(key) ?? null
}

/** A mainland mobile number as 11 digits, from "138 1234 5678", "+86-13812345678" and the like. */
export function normalizePhone(raw: string): string | null {
  const compact = raw.normalize('NFKC').replace(/[\s\-()]/g, '')
  const national = compact.replace(/^\+?86(?=1\d{10}$)/, '')
  return /^1[3-9]\d{9}$/.test(national) ? national : null
}

const STUDENT_NUMBER_PATTERN = new RegExp(`^[A-Z0-9][A-Z0-9_-]{0,${STUDENT_NUMBER_MAX - 1}}$`)
// What Excel shows a long number as unless the column is formatted as text: 2.02505E+11.
const SCIENTIFIC = /^\d+(\.\d+)?E\+?\d+$/

export function normalizeStudentNumber(raw: string): string {
  return raw.normalize('NFKC').trim().toUpperCase()
}

export type StudentNumberProblem =
  | 'roster.errors.numberRequired'
  | 'roster.errors.numberScientific'
  | 'roster.errors.numberFormat'

/** Why a (normalized) student number cannot be stored, or null when it can. */
export function studentNumberProblem(number: string): StudentNumberProblem | null {
  if (number === '') return 'roster.errors.numberRequired'
  if (SCIENTIFIC.test(number)) return 'roster.errors.numberScientific'
  return STUDENT_NUMBER_PATTERN.test(number) ? null : 'roster.errors.numberFormat'
}
