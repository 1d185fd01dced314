import type { Submission } from '@conform-to/react'
import { redirect } from '@remix-run/node'
import type { output } from 'zod'
import type { CopySeasonSchema, StrandSchema } from '~/domain/season-schemas'
import { getAcademicYear, listGrades } from '~/models/school.server'
import { copySeason } from '~/models/season-copy.server'
import {
  deleteStrand,
  findJustCreatedSeason,
  getStrand,
  insertStrand,
  isSeasonTitleTaken,
  listStrands,
  type SeasonDetail,
  updateStrand,
} from '~/models/seasons.server'
import { auditedWrite } from '~/services/audited-write.server'
import { redirectWithFlash, type SessionUser } from '~/utils/auth.server'
import { db } from '~/utils/db.server'
import { invalidForm, notFound } from '~/utils/responses'

/** The season page's forms that are not decisions: its strands and copying it to another year. */

type Reply = Submission<unknown>

function sameIds(a: readonly number[], b: readonly number[]): boolean {
  return a.length === new Set(b).size && b.every((id) => a.includes(id))
}

/** A strand of this season, else 404 (another season's or another school's). */
export async function requireStrandOf(user: SessionUser, seasonId: number, strandId: number) {
  const strand = await getStrand(db, { schoolId: user.schoolId, id: strandId })
  if (!strand || strand.seasonId !== seasonId) notFound()
  return strand
}

export async function saveStrand(
  user: SessionUser,
  seasonId: number,
  submission: Reply,
  strand: Omit<output<typeof StrandSchema>, 'intent'>,
  strandId?: number,
) {
  const { schoolId } = user
  const formId = strandId ? `strand-${strandId}` : 'add-strand'
  if (strandId) await requireStrandOf(user, seasonId, strandId)
  const grades = new Set((await listGrades(db, { schoolId })).map((g) => g.id))
  if (!strand.gradeIds.every((gradeId) => grades.has(gradeId))) {
    return invalidForm(
      formId,
      submission.reply({ fieldErrors: { gradeIds: ['seasons.validation.gradeUnknown'] } }),
    )
  }
  await auditedWrite(
    db,
    user,
    async (trx) => {
      if (strandId) {
        await updateStrand(trx, {
          schoolId,
          id: strandId,
          strand: { ...strand, position: strand.position ?? 1 },
        })
        return strandId
      }
      // A double-clicked submit: the first click's strand is the answer to the second.
      const strands = await listStrands(trx, { schoolId, seasonId })
      if (strands.some((s) => s.title === strand.title && sameIds(s.gradeIds, strand.gradeIds))) return null
      return insertStrand(trx, { schoolId, seasonId, strand, position: strand.position })
    },
    (id) =>
      id === null
        ? null
        : {
            action: strandId ? 'strand-updated' : 'strand-created',
            entity: 'strand',
            entityId: id,
            detail: { seasonId, title: strand.title, gradeIds: strand.gradeIds },
          },
  )
  return redirectWithFlash(
    user,
    `/seasons/${seasonId}#strands`,
    strandId ? 'seasons.strands.saved' : 'seasons.strands.added',
  )
}

export async function removeStrand(user: SessionUser, seasonId: number, strandId: number) {
  const strand = await requireStrandOf(user, seasonId, strandId)
  await auditedWrite(db, user, (trx) => deleteStrand(trx, { schoolId: user.schoolId, id: strand.id }), {
    action: 'strand-deleted',
    entity: 'strand',
    entityId: strand.id,
    detail: { seasonId, title: strand.title },
  })
  return redirectWithFlash(user, `/seasons/${seasonId}#strands`, 'seasons.strands.deleted')
}

export async function copyToYear(
  user: SessionUser,
  season: SeasonDetail,
  submission: Reply,
  { academicYearId, title }: Omit<output<typeof CopySeasonSchema>, 'intent'>,
) {
  const { schoolId } = user
  const target = await getAcademicYear(db, { schoolId, id: academicYearId })
  if (!target) notFound()
  if (target.id === season.academicYearId) {
    return invalidForm(
      'copy',
      submission.reply({ fieldErrors: { academicYearId: ['seasons.copy.sameYear'] } }),
    )
  }
  const twin = await findJustCreatedSeason(db, {
    schoolId,
    ownerId: user.id,
    title,
    copiedFromId: season.id,
  })
  if (twin) return redirect(`/seasons/${twin.id}`)
  if (await isSeasonTitleTaken(db, { schoolId, academicYearId: target.id, title })) {
    return invalidForm(
      'copy',
      submission.reply({ fieldErrors: { title: ['seasons.validation.titleTaken'] } }),
    )
  }
  const id = await auditedWrite(
    db,
    user,
    (trx) =>
      copySeason(trx, {
        schoolId,
        seasonId: season.id,
        target: { id: target.id, startsOn: target.startsOn },
        title,
        ownerId: user.id,
        timeZone: user.school.timeZone,
      }),
    (id) => ({
      action: 'season-copied',
      entity: 'season',
      entityId: id,
      detail: { from: season.id, academicYearId: target.id, title },
    }),
  )
  return redirectWithFlash(user, `/seasons/${id}`, 'seasons.copy.done')
}
