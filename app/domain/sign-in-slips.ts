// Slips are printed and handed out: always masked, whoever prints them.
import { maskPhone } from './guardian-phones'
import { maskPupilName } from './recap-privacy'

type PupilGuardianRow = {
  studentId: number
  studentName: string
  studentNumber: string
  className: string
  guardianId: number | null
  username: string | null
  guardianName: string | null
  phone: string | null
}

export type SlipFamily = {
  guardianId: number
  username: string
  guardianName: string
  /** Masked (139****0001), empty when the account has no phone */
  phone: string
  /** Masked names (张同学) and classes, in roster order */
  children: { name: string; className: string }[]
}

/**
 * One slip per guardian account (a parent of two pupils in the scope gets one slip naming both),
 * and the pupils no account reaches, who get paper instead.
 */
export function familiesOf(rows: readonly PupilGuardianRow[]): {
  families: SlipFamily[]
  unreachable: { studentId: number; name: string; studentNumber: string; className: string }[]
} {
  const families = new Map<number, SlipFamily>()
  const unreachable = []
  for (const row of rows) {
    if (row.guardianId === null) {
      unreachable.push({
        studentId: row.studentId,
        name: row.studentName,
        studentNumber: row.studentNumber,
        className: row.className,
      })
      continue
    }
    let family = families.get(row.guardianId)
    if (!family) {
      family = {
        guardianId: row.guardianId,
        username: row.username ?? '',
        guardianName: row.guardianName ?? '',
        phone: maskPhone(row.phone ?? ''),
        children: [],
      }
      families.set(row.guardianId, family)
    }
    family.children.push({ name: maskPupilName(row.studentName), className: row.className })
  }
  return { families: [...families.values()], unreachable }
}
