import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { array, coerce, object } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PaperConsentNote } from '~/components/unreachable-families'
import { recordsStage } from '~/domain/approval'
import {
  countStatuses,
  type EntryValues,
  lacksConsent,
  recordsAttendance,
  rowFieldName,
  type SavePlan,
  SheetSchema,
} from '~/domain/participation'
import { parseId } from '~/domain/schemas'
import { findPaperOnlyPupils } from '~/models/family-reach.server'
import {
  findActivePupils,
  getSheetActivity,
  listActivePupilsOfClasses,
  listConsentStatuses,
  listCurrentClasses,
  type SheetActivity,
} from '~/models/participation.server'
import { redirectWithFlash, requireUser, type SessionUser } from '~/utils/auth.server'
import { now } from '~/utils/clock'
import { db } from '~/utils/db.server'
import { pageTitle } from '~/utils/meta'
import { type FormReply, invalidForm, notFound } from '~/utils/responses'
import { AddPupils } from './add-pupils'
import { addToSheet, defaultsOf, loadSheet, removeFromSheet, saveSheet } from './sheet.server'
import { SheetForm } from './sheet-form'
import { Header } from './sheet-header'
import { type ConflictView, ConsentFlags, PlanningNotice, type SheetReply } from './sheet-notices'

async function requireSheetActivity(user: SessionUser, activityId: string | undefined) {
  const id = parseId(activityId)
  const activity = id ? await getSheetActivity(db, { schoolId: user.schoolId, id }) : undefined
  return activity ?? notFound()
}

function sheetUrl(activity: { id: number }) {
  return `/activities/${activity.id}/participation`
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'participation:record' })
  const activity = await requireSheetActivity(user, params.activityId)
  const { schoolId } = user
  const summary = {
    id: activity.id,
    title: activity.title,
    status: activity.status,
    startsAt: activity.startsAt,
    endsAt: activity.endsAt,
    practiceCategory: activity.practiceCategory,
    practiceHours: activity.practiceHours,
    needsConsent: activity.needsConsent === 1,
    defaults: defaultsOf(activity),
  }
  const timeZone = user.school.timeZone
  const stage = recordsStage(activity, now())
  if (stage === 'closed') return { open: false as const, activity: summary, timeZone }

  const [sheet, consents, classes] = await Promise.all([
    loadSheet(db, user, activity),
    listConsentStatuses(db, { schoolId, activityId: activity.id }),
    listCurrentClasses(db, { schoolId }),
  ])
  const rows = sheet.map(({ entry, ...row }) => {
    const consent = consents.get(row.studentId) ?? null
    return {
      ...row,
      consent,
      consentFlag: lacksConsent(entry?.status ?? null, summary.needsConsent, consent),
      entry: entry && {
        status: entry.status,
        role: entry.role,
        hours: entry.hours,
        excuseReason: entry.excuseReason,
        revision: entry.revision,
        recordedByName: entry.recordedByName,
        recordedAt: entry.recordedAt,
      },
    }
  })
  // A target class is on the sheet whole; whole classes join only from the grades it is for.
  const others = classes.filter((c) => !activity.classIds.includes(c.id))
  const wholeClasses = others.filter((c) => activity.gradeIds.includes(c.gradeId))
  const addFrom = parseId(new URL(request.url).searchParams.get('addFrom'))
  const pickFrom = others.find((c) => c.id === addFrom)
  const onSheet = new Set(rows.map((row) => row.studentId))
  const pickable = pickFrom
    ? (await listActivePupilsOfClasses(db, { schoolId, classIds: [pickFrom.id] })).filter(
        (pupil) => !onSheet.has(pupil.id),
      )
    : []
  return {
    open: true as const,
    // Before the start only roles are taken, as planned; attendance and hours wait for the day.
    planning: stage === 'planning',
    activity: summary,
    timeZone,
    kind: user.school.kind,
    rows,
    counts: countStatuses(rows.map((row) => row.entry?.status)),
    // Consent figure: pupils on the sheet whose guardians only paper reaches.
    paperOnly: summary.needsConsent
      ? (await findPaperOnlyPupils(db, { schoolId, studentIds: rows.map((row) => row.studentId) })).size
      : 0,
    // Remounts the sheet form after a save, so it starts from what is stored.
    version: rows.map((row) => `${row.studentId}.${row.entry?.revision ?? 0}`).join('-'),
    classes: others,
    wholeClasses,
    picker: pickFrom ? { classId: pickFrom.id, pupils: pickable } : null,
  }
}

const AddPupilsSchema = object({
  studentIds: array(coerce.number().int().positive()).min(1, 'participation.validation.choosePupils'),
})

const AddClassSchema = object({
  classId: coerce.number({ error: 'participation.add.chooseClass' }).int().positive(),
})

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: 'participation:record' })
  const activity = await requireSheetActivity(user, params.activityId)
  const stage = recordsStage(activity, now())
  if (stage === 'closed') throw new Response('Not open for recording', { status: 409 })
  const formData = await request.formData()
  switch (formData.get('intent')) {
    case 'save':
    case 'all-present':
      return save(user, activity, formData, stage === 'planning')
    case 'add-pupils':
      return addPupils(user, activity, formData)
    case 'add-class':
      return addClass(user, activity, formData)
    case 'remove':
      return remove(user, activity, formData)
    default:
      throw new Response('Unknown intent', { status: 400 })
  }
}

function valuesOf(entry: EntryValues) {
  return { status: entry.status, role: entry.role, hours: entry.hours, excuseReason: entry.excuseReason }
}

async function save(user: SessionUser, activity: SheetActivity, formData: FormData, planning: boolean) {
  const submission = parseWithZod(formData, { schema: SheetSchema })
  // Nothing is stored and what was typed stays: the roles may be saved again as planned.
  if (planning && recordsAttendance(submission.payload)) {
    const result = submission.reply({ formErrors: ['participation.planning.refused'] })
    return data<SheetReply>({ form: 'sheet', result }, { status: 400 })
  }
  if (submission.status !== 'success') return invalidForm('sheet', submission.reply())
  const { intent, rows } = submission.value
  const { plan, sheet } = await saveSheet(user, activity, { rows, allPresent: intent === 'all-present' })
  const names = new Map(sheet.map((row) => [row.studentId, row.name]))
  const refuse = (status: number, formError: string, extra: Omit<SheetReply, keyof FormReply>) =>
    data<SheetReply>(
      { form: 'sheet', result: submission.reply({ formErrors: [formError] }), ...extra },
      { status },
    )
  switch (plan.kind) {
    case 'unknown':
      return notFound()
    case 'invalid': {
      const fieldErrors: Record<string, string[]> = {}
      for (const issue of plan.issues) {
        const name = rowFieldName(issue.index, issue.field)
        fieldErrors[name] = [...(fieldErrors[name] ?? []), issue.message]
      }
      // Pupils "all present" would take past 24 hours have no field of theirs: they are named.
      const formErrors = plan.overDay.length ? ['participation.dayTotal.lead'] : undefined
      const result = submission.reply({ fieldErrors, formErrors })
      const overDay = plan.overDay.map((id) => names.get(id) ?? '')
      return data<SheetReply>({ form: 'sheet', result, names: overDay }, { status: 400 })
    }
    case 'locked':
      return refuse(409, 'participation.locked.lead', {
        names: plan.studentIds.map((id) => names.get(id) ?? ''),
      })
    case 'conflict':
      return refuse(409, 'participation.conflict.lead', {
        conflicts: await describeConflicts(user, plan, names),
      })
    case 'ok':
      return plan.writes.length
        ? redirectWithFlash(
            user,
            sheetUrl(activity),
            `participation.flash.${planning ? 'planned' : 'saved'}`,
            {
              count: plan.writes.length,
            },
          )
        : redirectWithFlash(user, sheetUrl(activity), 'participation.flash.nothingChanged')
  }
}

/** Who changed what meanwhile: the stored values to show beside the teacher's own. */
async function describeConflicts(
  user: SessionUser,
  plan: Extract<SavePlan, { kind: 'conflict' }>,
  names: ReadonlyMap<number, string>,
): Promise<ConflictView[]> {
  // A pupil removed from the sheet meanwhile is named from the roster.
  const removed = plan.conflicts.filter((c) => !names.has(c.studentId)).map((c) => c.studentId)
  const pupils = await findActivePupils(db, { schoolId: user.schoolId, ids: removed })
  const nameOf = (id: number) => names.get(id) ?? pupils.find((pupil) => pupil.id === id)?.name ?? ''
  return plan.conflicts.map(({ studentId, stored }) => ({
    studentId,
    name: nameOf(studentId),
    revision: stored?.revision ?? 0,
    stored: stored && {
      ...valuesOf(stored),
      recordedByName: stored.recordedByName,
      recordedAt: stored.recordedAt,
    },
  }))
}

async function addPupils(user: SessionUser, activity: SheetActivity, formData: FormData) {
  const submission = parseWithZod(formData, { schema: AddPupilsSchema })
  if (submission.status !== 'success') return invalidForm('add-pupils', submission.reply())
  const ids = [...new Set(submission.value.studentIds)]
  const pupils = await findActivePupils(db, { schoolId: user.schoolId, ids })
  // Another school's pupil, or one who has left: nothing is added.
  if (pupils.length !== ids.length) notFound()
  const added = await addToSheet(user, activity, pupils)
  return redirectWithFlash(user, sheetUrl(activity), 'participation.flash.added', { count: added })
}

async function addClass(user: SessionUser, activity: SheetActivity, formData: FormData) {
  const submission = parseWithZod(formData, { schema: AddClassSchema })
  if (submission.status !== 'success') return invalidForm('add-class', submission.reply())
  const { classId } = submission.value
  const classes = await listCurrentClasses(db, { schoolId: user.schoolId })
  const chosen = classes.find((c) => c.id === classId)
  if (!chosen) notFound()
  if (!activity.gradeIds.includes(chosen.gradeId) || activity.classIds.includes(chosen.id)) {
    return invalidForm(
      'add-class',
      submission.reply({ fieldErrors: { classId: ['validation.unknownChoice'] } }),
    )
  }
  const pupils = await listActivePupilsOfClasses(db, { schoolId: user.schoolId, classIds: [chosen.id] })
  const added = await addToSheet(user, activity, pupils)
  return redirectWithFlash(user, sheetUrl(activity), 'participation.flash.added', { count: added })
}

async function remove(user: SessionUser, activity: SheetActivity, formData: FormData) {
  const studentId = parseId(formData.get('studentId'))
  if (!studentId) notFound()
  if (await removeFromSheet(user, activity, studentId)) {
    return redirectWithFlash(user, sheetUrl(activity), 'participation.flash.removed')
  }
  const sheet = await loadSheet(db, user, activity)
  const row = sheet.find((r) => r.studentId === studentId)
  if (row) return redirectWithFlash(user, sheetUrl(activity), 'participation.flash.notRemoved')
  // Gone already (a second click): said as done; a pupil of another school is not found.
  const [pupil] = await findActivePupils(db, { schoolId: user.schoolId, ids: [studentId] })
  if (!pupil) notFound()
  return redirectWithFlash(user, sheetUrl(activity), 'participation.flash.removed')
}

export type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>
export type OpenSheet = Extract<LoaderData, { open: true }>

export default function ParticipationPage() {
  const { t } = useTranslation()
  const data = useLoaderData<typeof loader>()
  if (!data.open) {
    return (
      <>
        <Header data={data} />
        <section className="alert alert-info" aria-labelledby="not-open-title">
          <h2 id="not-open-title">{t('participation.notOpen.title')}</h2>
          <p>{t('participation.notOpen.body', { status: t(`seasons.status.${data.activity.status}`) })}</p>
        </section>
      </>
    )
  }
  return (
    <>
      <Header data={data} />
      {data.planning ? <PlanningNotice startsAt={data.activity.startsAt} timeZone={data.timeZone} /> : null}
      {/* The sheet's tallies come first, from the same state as its save bar. */}
      <SheetForm key={data.version} data={data}>
        <ConsentFlags rows={data.rows} />
        <PaperConsentNote activityId={data.activity.id} count={data.paperOnly} />
      </SheetForm>
      <AddPupils data={data} />
    </>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? pageTitle(matches, 'participation.pageTitle', { title: data.activity.title })
    : pageTitle(matches, 'participation.fallbackTitle')

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
