import { data } from '@remix-run/node'
import {
  checkRosterFile,
  checkRosterText,
  type RosterCheck,
  type RosterClass,
  type RosterIssue,
} from '~/domain/roster-csv'
import { ROSTER_MAX_BYTES } from '~/domain/roster-fields'
import { type ImportPlan, planRosterImport } from '~/domain/roster-import'
import {
  applyRosterImport,
  listClassesByIds,
  listCurrentClasses,
  loadRosterState,
  RosterImportChanged,
} from '~/models/roster.server'
import type { SessionUser } from '~/utils/auth.server'
import { db } from '~/utils/db.server'
import { hashPassword } from '~/utils/password.server'
import { isUniqueViolation } from '../../../db/errors'
import { generateOneTimePassword } from '../school.accounts/one-time-password.server'
import { type IssuedAccount, NO_STORE } from './roster-ui'
import { readRosterUpload } from './upload.server'

/**
 * The roster import's two steps: an uploaded file checked and previewed, then the confirmed text
 * checked again and written. Server only: CSV parsing and password hashing stay out of the browser.
 */

/** A roster's text URL-encoded: a Chinese character of 3 bytes takes 9. */
export const COMMIT_MAX_BYTES = 3 * ROSTER_MAX_BYTES + 64 * 1024

export function tooBigToCommit() {
  return fileProblem('', 'roster.errors.tooBig', { maxMb: ROSTER_MAX_BYTES / 1048576 })
}

/** Rows of a preview and problems of a file listed on the page; the rest are counted. */
const SHOWN_MAX = 200

export type ClassRef = { name: string; gradeLevel: number; number: number }
export type PreviewRow = {
  line: number
  studentNumber: string
  name: string
  toClass: ClassRef | null
  before?: { name: string; className: ClassRef | null; active: boolean }
}

/** Each answer of the import says which step it is: problems, a preview to confirm, or what was done. */
export type ImportReply =
  | {
      form: 'import'
      stage: 'problems'
      fileName: string
      rowCount: number
      issues: RosterIssue[]
      issueCount: number
    }
  | {
      form: 'import'
      stage: 'preview'
      fileName: string
      encoding: string
      csv: string
      /** Rows whose names look wrongly decoded; the admin decides whether to go on */
      warnings: RosterIssue[]
      warningCount: number
      counts: {
        newPupils: number
        updatedPupils: number
        unchanged: number
        newGuardians: number
        links: number
      }
      newPupils: PreviewRow[]
      updatedPupils: PreviewRow[]
    }
  | {
      form: 'import'
      stage: 'done'
      counts: { newPupils: number; updatedPupils: number; unchanged: number; links: number }
      issued: IssuedAccount[]
    }

function problems(fileName: string, check: Pick<RosterCheck, 'errors' | 'rowCount'>) {
  return data<ImportReply>(
    {
      form: 'import',
      stage: 'problems',
      fileName,
      rowCount: check.rowCount,
      issues: check.errors.slice(0, SHOWN_MAX),
      issueCount: check.errors.length,
    },
    { status: 400 },
  )
}

function fileProblem(fileName: string, messageKey: string, params?: RosterIssue['params']) {
  return problems(fileName, { rowCount: 0, errors: [{ line: null, field: null, messageKey, params }] })
}

export async function previewUpload(user: SessionUser, request: Request) {
  const upload = await readRosterUpload(request, { maxBytes: ROSTER_MAX_BYTES })
  if (!upload.ok) {
    return upload.reason === 'tooBig'
      ? fileProblem('', 'roster.errors.tooBig', { maxMb: ROSTER_MAX_BYTES / 1048576 })
      : fileProblem('', 'roster.errors.unreadable')
  }
  const { formData } = upload
  if (formData.get('intent') !== 'preview') throw new Response('Unknown intent', { status: 400 })
  const file = formData.get('file')
  if (!(file instanceof File) || file.size === 0) {
    return fileProblem(file instanceof File ? file.name : '', 'roster.errors.noFile')
  }
  const classes = await listCurrentClasses(db, { schoolId: user.schoolId })
  const check = checkRosterFile(new Uint8Array(await file.arrayBuffer()), classes)
  if (check.errors.length || check.text === undefined) return problems(file.name, check)
  const plan = planRosterImport(
    check.rows,
    await loadRosterState(db, { schoolId: user.schoolId, rows: check.rows }),
  )
  if (plan.errors.length) return problems(file.name, { rowCount: check.rowCount, errors: plan.errors })
  return data<ImportReply>({
    form: 'import',
    stage: 'preview',
    fileName: file.name,
    encoding: check.encoding ?? 'utf-8',
    csv: check.text,
    warnings: check.warnings.slice(0, SHOWN_MAX),
    warningCount: check.warnings.length,
    counts: {
      newPupils: plan.newPupils.length,
      updatedPupils: plan.updatedPupils.length,
      unchanged: plan.unchanged,
      newGuardians: plan.newGuardians.length,
      links: plan.links.length,
    },
    ...(await previewRows(user.schoolId, plan, classes)),
  })
}

/** The changed pupils as the page lists them, with class names (a reactivated pupil's old class may be archived). */
async function previewRows(schoolId: number, plan: ImportPlan, classes: RosterClass[]) {
  const newPupils = plan.newPupils.slice(0, SHOWN_MAX)
  const updatedPupils = plan.updatedPupils.slice(0, SHOWN_MAX)
  const classOf = new Map<number, ClassRef>(classes.map((c) => [c.id, c]))
  const unknown = updatedPupils.flatMap((p) =>
    p.before && !classOf.has(p.before.classId) ? [p.before.classId] : [],
  )
  for (const c of await listClassesByIds(db, { schoolId, ids: [...new Set(unknown)] })) classOf.set(c.id, c)
  const row = (p: (typeof plan.newPupils)[number]): PreviewRow => ({
    line: p.line,
    studentNumber: p.studentNumber,
    name: p.name,
    toClass: classOf.get(p.classId) ?? null,
    ...(p.before
      ? {
          before: {
            name: p.before.name,
            className: classOf.get(p.before.classId) ?? null,
            active: p.before.active,
          },
        }
      : {}),
  })
  return { newPupils: newPupils.map(row), updatedPupils: updatedPupils.map(row) }
}

export async function commitImport(user: SessionUser, formData: FormData) {
  const { schoolId } = user
  const csv = formData.get('csv')
  const fileName = String(formData.get('fileName') ?? '')
  if (typeof csv !== 'string') throw new Response('Missing roster', { status: 400 })
  // Checked again from scratch: the text came back from the browser and the school may have changed.
  const classes = await listCurrentClasses(db, { schoolId })
  const check = checkRosterText(csv, classes)
  if (check.errors.length) return problems(fileName, check)
  const plan = planRosterImport(check.rows, await loadRosterState(db, { schoolId, rows: check.rows }))
  if (plan.errors.length) return problems(fileName, { rowCount: check.rowCount, errors: plan.errors })

  // Hashed before the transaction: Argon2 is slow on purpose and should not hold the write lock.
  const passwords = await Promise.all(
    plan.newGuardians.map(async (g) => {
      const password = generateOneTimePassword()
      return { phone: g.phone, password, hash: await hashPassword(password) }
    }),
  )
  let result: Awaited<ReturnType<typeof applyRosterImport>>
  try {
    result = await db.transaction().execute((trx) =>
      applyRosterImport(trx, {
        schoolId,
        userId: user.id,
        usernamePrefix: user.school.slug,
        rows: check.rows,
        passwordHashOfPhone: new Map(passwords.map((p) => [p.phone, p.hash])),
      }),
    )
  } catch (error) {
    // Another import changed the roster between the plan and the write: nothing was stored.
    if (error instanceof RosterImportChanged || isUniqueViolation(error)) {
      return fileProblem(fileName, 'roster.errors.changed')
    }
    throw error
  }
  if (result.plan.errors.length)
    return problems(fileName, { rowCount: check.rowCount, errors: result.plan.errors })
  const passwordOf = new Map(passwords.map((p) => [p.phone, p.password]))
  return data<ImportReply>(
    {
      form: 'import',
      stage: 'done',
      counts: {
        newPupils: result.plan.newPupils.length,
        updatedPupils: result.plan.updatedPupils.length,
        unchanged: result.plan.unchanged,
        links: result.plan.links.length,
      },
      issued: result.createdGuardians.map((g) => ({
        displayName: g.displayName,
        username: g.username,
        password: passwordOf.get(g.phone) ?? '',
        pupils: g.pupils,
      })),
    },
    { headers: NO_STORE },
  )
}
