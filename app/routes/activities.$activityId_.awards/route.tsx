import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data as reply } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { recordsStage } from '~/domain/approval'
import { levelLabel } from '~/domain/award-levels'
import {
  classSchema,
  editSchema,
  levelsSchema,
  MOVE_DIRECTIONS,
  moveInOrder,
  type NewAwardInput,
  parseLevelList,
  presentingOrder,
  resultsSchema,
  teamSchema,
} from '~/domain/awards'
import { parseId } from '~/domain/schemas'
import { localDay } from '~/domain/school-time'
import { recordAudit } from '~/models/audit.server'
import {
  deleteAward,
  insertAwards,
  listAwardOrder,
  listAwards,
  listLevelsInUse,
  type NewAward,
  setAwardLevels,
  setAwardOrder,
  updateAward,
} from '~/models/awards.server'
import { redirectWithFlash, requireUser, type SessionUser } from '~/utils/auth.server'
import { loadAwardContext, requireAwardActivity, STANDARD_LEVEL_LABELS } from '~/utils/awards.server'
import { now } from '~/utils/clock'
import { formatInstant, formatInstantRange } from '~/utils/dates'
import { db } from '~/utils/db.server'
import { pageTitle } from '~/utils/meta'
import { invalidForm, notFound } from '~/utils/responses'
import { translateMessage } from '~/utils/translate'
import { useLocale } from '~/utils/use-locale'
import { AwardList, EditAwardForm } from './award-list'
import { ClassAwardForm, LevelsForm, ResultsForm, TeamAwardForm } from './entry-forms'

type AwardActivity = Awaited<ReturnType<typeof requireAwardActivity>>
type AwardSetting = Awaited<ReturnType<typeof loadAwardContext>>

function awardsUrl(activity: { id: number }) {
  return `/activities/${activity.id}/awards`
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'awards:manage' })
  const activity = await requireAwardActivity(user, params.activityId)
  const timeZone = user.school.timeZone
  const summary = {
    id: activity.id,
    title: activity.title,
    status: activity.status,
    startsAt: activity.startsAt,
    endsAt: activity.endsAt,
    year: { startsOn: activity.yearStartsOn, endsOn: activity.yearEndsOn },
  }
  const stage = recordsStage(activity, now())
  if (stage !== 'open')
    return { open: false as const, planning: stage === 'planning', activity: summary, timeZone }
  const [{ participants, classes, context }, awards] = await Promise.all([
    loadAwardContext(user, activity),
    listAwards(db, { schoolId: user.schoolId, activityId: activity.id }),
  ])
  const editId = parseId(new URL(request.url).searchParams.get('edit'))
  const last = awards.at(-1)
  return {
    open: true as const,
    activity: summary,
    timeZone,
    kind: user.school.kind,
    levels: context.levels,
    customLevels: activity.awardLevels !== null,
    participants,
    classes,
    awards,
    editing: awards.find((award) => award.id === editId) ?? null,
    // The contest's shared fields start from the activity and from the last award entered.
    defaults: {
      title: last?.title ?? activity.title,
      awardedOn: last?.awardedOn ?? localDay(activity.startsAt, timeZone),
      presenterName: last?.presenterName ?? '',
      presenterTitle: last?.presenterTitle ?? '',
      scope: last?.scope ?? 'school',
    },
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: 'awards:manage' })
  const activity = await requireAwardActivity(user, params.activityId)
  const stage = recordsStage(activity, now())
  if (stage === 'closed') throw new Response('Not open for awards', { status: 409 })
  // An award for what has not happened yet cannot be true: refused, with the page saying when it opens.
  if (stage === 'planning') return reply({ refused: 'awards.notStarted.refused' }, { status: 400 })
  const formData = await request.formData()
  const intent = formData.get('intent')
  switch (intent) {
    case 'results':
    case 'team':
    case 'class':
      return enter(user, activity, intent, formData)
    case 'edit':
      return edit(user, activity, formData)
    case 'delete':
      return remove(user, activity, formData)
    case 'move':
      return move(user, activity, formData)
    case 'levels':
      return saveLevels(user, activity, formData)
    default:
      throw new Response('Unknown intent', { status: 400 })
  }
}

/** The awards a valid form asks for, with each pupil's class as the participation recorded it. */
function newAwardsOf(input: NewAwardInput, setting: AwardSetting): NewAward[] {
  const classOf = new Map(setting.participants.map((p) => [p.studentId, p.classId]))
  const recipient = (studentId: number) => ({ studentId, classId: classOf.get(studentId) as number })
  const base = {
    title: input.title,
    scope: input.scope,
    presenterName: input.presenterName,
    presenterTitle: input.presenterTitle,
    awardedOn: input.awardedOn,
  }
  switch (input.intent) {
    case 'results':
      return presentingOrder(
        input.rows.flatMap((row) =>
          row?.level
            ? [
                {
                  ...base,
                  level: row.level,
                  citation: row.citation,
                  recipientKind: 'pupil' as const,
                  classId: null,
                  teamName: '',
                  recipients: [recipient(row.studentId)],
                },
              ]
            : [],
        ),
        setting.context.levels,
      )
    case 'team':
      return [
        {
          ...base,
          level: input.level,
          citation: input.citation,
          recipientKind: 'team',
          classId: null,
          teamName: input.teamName,
          recipients: [...new Set(input.studentIds)].map(recipient),
        },
      ]
    case 'class':
      return [
        {
          ...base,
          level: input.level,
          citation: input.citation,
          recipientKind: 'class',
          classId: input.classId,
          teamName: '',
          recipients: [],
        },
      ]
  }
}

async function enter(
  user: SessionUser,
  activity: AwardActivity,
  intent: 'results' | 'team' | 'class',
  formData: FormData,
) {
  const setting = await loadAwardContext(user, activity)
  const schema = { results: resultsSchema, team: teamSchema, class: classSchema }[intent](setting.context)
  const submission = parseWithZod(formData, { schema })
  if (submission.status !== 'success') return invalidForm(intent, submission.reply())
  const awards = newAwardsOf(submission.value, setting)
  const { schoolId } = user
  await db.transaction().execute(async (trx) => {
    const ids = await insertAwards(trx, { schoolId, activityId: activity.id, createdBy: user.id, awards })
    await recordAudit(trx, {
      schoolId,
      userId: user.id,
      action: 'awards-entered',
      entity: 'activity',
      entityId: activity.id,
      detail: { awards: ids, kind: intent },
    })
  })
  return redirectWithFlash(user, awardsUrl(activity), 'awards.flash.entered', { count: awards.length })
}

async function edit(user: SessionUser, activity: AwardActivity, formData: FormData) {
  const awardId = parseId(formData.get('awardId'))
  const [award] = awardId
    ? await listAwards(db, { schoolId: user.schoolId, activityId: activity.id, awardId })
    : []
  if (!award) notFound()
  const { context } = await loadAwardContext(user, activity)
  const submission = parseWithZod(formData, { schema: editSchema(context, award) })
  if (submission.status !== 'success') return invalidForm('edit', submission.reply())
  const { intent: _, awardId: __, ...values } = submission.value
  await db.transaction().execute(async (trx) => {
    await updateAward(trx, { schoolId: user.schoolId, activityId: activity.id, id: award.id, values })
    await recordAudit(trx, {
      schoolId: user.schoolId,
      userId: user.id,
      action: 'award-updated',
      entity: 'award',
      entityId: award.id,
      detail: {
        before: { title: award.title, level: award.level },
        after: { title: values.title, level: values.level },
      },
    })
  })
  return redirectWithFlash(user, awardsUrl(activity), 'awards.flash.updated')
}

async function remove(user: SessionUser, activity: AwardActivity, formData: FormData) {
  const awardId = parseId(formData.get('awardId'))
  if (!awardId) notFound()
  const { schoolId } = user
  const deleted = await db.transaction().execute(async (trx) => {
    if (!(await deleteAward(trx, { schoolId, activityId: activity.id, id: awardId }))) return false
    await recordAudit(trx, {
      schoolId,
      userId: user.id,
      action: 'award-deleted',
      entity: 'award',
      entityId: awardId,
      detail: { activityId: activity.id },
    })
    return true
  })
  if (!deleted) notFound()
  return redirectWithFlash(user, awardsUrl(activity), 'awards.flash.deleted')
}

async function move(user: SessionUser, activity: AwardActivity, formData: FormData) {
  const awardId = parseId(formData.get('awardId'))
  const direction = MOVE_DIRECTIONS.find((d) => d === formData.get('direction'))
  if (!awardId || !direction) throw new Response('Bad move', { status: 400 })
  const { schoolId } = user
  const moved = await db.transaction().execute(async (trx) => {
    const ids = await listAwardOrder(trx, { schoolId, activityId: activity.id })
    if (!ids.includes(awardId)) return 'unknown' as const
    const order = moveInOrder(ids, awardId, direction)
    // Already first or last: nothing to do, as a second click on a stale page would find.
    if (order) await setAwardOrder(trx, { schoolId, activityId: activity.id, ids: order })
    return 'ok' as const
  })
  if (moved === 'unknown') notFound()
  return redirectWithFlash(user, `${awardsUrl(activity)}#award-${awardId}`, 'awards.flash.moved')
}

async function saveLevels(user: SessionUser, activity: AwardActivity, formData: FormData) {
  const { schoolId } = user
  const inUse = await listLevelsInUse(db, { schoolId, activityId: activity.id })
  const submission = parseWithZod(formData, {
    schema: levelsSchema({ standardLabels: STANDARD_LEVEL_LABELS, inUse }),
  })
  if (submission.status !== 'success') return invalidForm('levels', submission.reply())
  const parsed = parseLevelList(submission.value.levels, STANDARD_LEVEL_LABELS)
  const levels = 'levels' in parsed ? parsed.levels : null
  await db.transaction().execute(async (trx) => {
    await setAwardLevels(trx, { schoolId, activityId: activity.id, levels })
    await recordAudit(trx, {
      schoolId,
      userId: user.id,
      action: 'award-levels-set',
      entity: 'activity',
      entityId: activity.id,
      detail: { levels },
    })
  })
  return redirectWithFlash(user, awardsUrl(activity), 'awards.flash.levelsSaved')
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>
export type OpenAwards = Extract<LoaderData, { open: true }>

export default function ActivityAwards() {
  const data = useLoaderData<typeof loader>()
  const answer = useActionData<typeof action>()
  const refused = answer && 'refused' in answer ? answer.refused : null
  const { t } = useTranslation()
  const locale = useLocale()
  const { activity } = data
  const back = (
    <Link to={`/activities/${activity.id}`} className="button button-secondary">
      {t('awards.page.back')}
    </Link>
  )
  const lead = formatInstantRange(activity.startsAt, activity.endsAt, locale, data.timeZone)
  if (!data.open) {
    return (
      <div className="awards-page">
        <PageHeader title={t('awards.page.title', { title: activity.title })} lead={lead} actions={back} />
        {refused ? (
          <p className="alert alert-error" role="alert">
            {translateMessage(t, refused)}
          </p>
        ) : null}
        <p className="alert alert-info">
          {data.planning
            ? t('awards.notStarted.body', {
                when: formatInstant(activity.startsAt, locale, data.timeZone, 'dateTime'),
              })
            : t('awards.page.notOpen')}
        </p>
      </div>
    )
  }
  return (
    <div className="awards-page stack">
      <PageHeader
        title={t('awards.page.title', { title: activity.title })}
        lead={lead}
        actions={
          <>
            {back}
            <Link to={`/activities/${activity.id}/ceremony`} className="button button-secondary">
              {t('awards.page.ceremony')}
            </Link>
            <Link to={`/activities/${activity.id}/certificates`} className="button">
              {t('awards.page.certificates')}
            </Link>
          </>
        }
      />
      <p className="muted">{t('awards.page.lead')}</p>
      <AwardList data={data} />
      {data.editing ? <EditAwardForm data={data} award={data.editing} /> : null}
      <ResultsForm data={data} />
      <div className="grid-2 awards-extra">
        <TeamAwardForm data={data} />
        <ClassAwardForm data={data} />
      </div>
      <LevelsForm
        data={data}
        current={data.customLevels ? data.levels.map((level) => levelLabel(level, t)).join('\n') : ''}
      />
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'awards.page.metaTitle')

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
