import type { RosterIssue, RosterRow } from './roster-csv'
import type { Relation } from './roster-fields'

/**
 * The school as an import of a checked roster finds it: the pupils with the file's student
 * numbers, the parent accounts with its phones, and those pupils' guardian links.
 */
export type RosterState = {
  pupils: { id: number; studentNumber: string; name: string; classId: number; active: boolean }[]
  parents: { id: number; phone: string }[]
  links: { studentId: number; guardianId: number; guardianName: string; relation: string }[]
}

export type PupilChange = {
  line: number
  studentNumber: string
  name: string
  classId: number
  before?: { name: string; classId: number; active: boolean }
}

/** A guardian link to write: to an account that exists, or to one made for a phone. */
type PlannedLink = {
  studentNumber: string
  guardianId: number | null
  phone: string | null
  relation: Relation
}

export type ImportPlan = {
  newPupils: PupilChange[]
  updatedPupils: PupilChange[]
  unchanged: number
  /** Accounts to make, one per phone, named as the file's first row with that phone names them */
  newGuardians: { phone: string; name: string; pupils: string[] }[]
  /** Guardian links to add or whose relation changes */
  links: PlannedLink[]
  /** What the file asks that the database cannot do */
  errors: RosterIssue[]
}

/**
 * What importing these checked rows would change: pupils to add, pupils whose name, class or
 * activity changes (the first row of a student number counts), guardian accounts to make (one per
 * phone) and links to add or re-label, and what the file asks that the school's data cannot do.
 */
export function planRosterImport(rows: readonly RosterRow[], state: RosterState): ImportPlan {
  const pupilOfNumber = new Map(state.pupils.map((p) => [p.studentNumber, p]))
  // The oldest account wins when a phone is on several: it is the one the parent has been using.
  const parentOfPhone = new Map<string, number>()
  for (const parent of [...state.parents].sort((a, b) => b.id - a.id))
    parentOfPhone.set(parent.phone, parent.id)
  const linksOfPupil = new Map<number, RosterState['links']>()
  for (const link of state.links)
    linksOfPupil.set(link.studentId, [...(linksOfPupil.get(link.studentId) ?? []), link])
  const plan: ImportPlan = {
    newPupils: [],
    updatedPupils: [],
    unchanged: 0,
    newGuardians: [],
    links: [],
    errors: [],
  }
  const seenNumbers = new Set<string>()
  const newGuardianOfPhone = new Map<string, ImportPlan['newGuardians'][number]>()
  for (const row of rows) {
    const existing = pupilOfNumber.get(row.studentNumber)
    if (!seenNumbers.has(row.studentNumber)) {
      seenNumbers.add(row.studentNumber)
      const change: PupilChange = {
        line: row.line,
        studentNumber: row.studentNumber,
        name: row.name,
        classId: row.classId,
      }
      if (!existing) plan.newPupils.push(change)
      else if (existing.name !== row.name || existing.classId !== row.classId || !existing.active) {
        plan.updatedPupils.push({
          ...change,
          before: { name: existing.name, classId: existing.classId, active: existing.active },
        })
      } else plan.unchanged++
    }
    const guardian = row.guardian
    if (!guardian) continue
    const present = existing ? (linksOfPupil.get(existing.id) ?? []) : []
    if (guardian.phone === null) {
      // An exported guardian without a phone: one the pupil already has, found by name.
      const link = present.find((l) => l.guardianName === guardian.name)
      if (!link) {
        plan.errors.push({
          line: row.line,
          field: 'guardianPhone',
          messageKey: 'roster.errors.phoneForNewGuardian',
          params: { name: guardian.name },
        })
      } else if (link.relation !== guardian.relation) {
        plan.links.push({
          studentNumber: row.studentNumber,
          guardianId: link.guardianId,
          phone: null,
          relation: guardian.relation,
        })
      }
      continue
    }
    const guardianId = parentOfPhone.get(guardian.phone) ?? null
    if (guardianId === null) {
      const planned = newGuardianOfPhone.get(guardian.phone) ?? {
        phone: guardian.phone,
        name: guardian.name,
        pupils: [],
      }
      if (!newGuardianOfPhone.has(guardian.phone)) {
        newGuardianOfPhone.set(guardian.phone, planned)
        plan.newGuardians.push(planned)
      }
      planned.pupils.push(row.name)
      plan.links.push({
        studentNumber: row.studentNumber,
        guardianId: null,
        phone: guardian.phone,
        relation: guardian.relation,
      })
      continue
    }
    const link = present.find((l) => l.guardianId === guardianId)
    if (!link || link.relation !== guardian.relation) {
      plan.links.push({
        studentNumber: row.studentNumber,
        guardianId,
        phone: guardian.phone,
        relation: guardian.relation,
      })
    }
  }
  return plan
}
