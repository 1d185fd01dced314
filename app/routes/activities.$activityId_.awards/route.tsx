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
  parseLevelList,
  resultsSchema,
  teamSchema,
} from '~/domain/awards'
import { parseId } from '~/domain/schemas'
import { localDay } from '~/domain/school-time'
import { listAwards, listLevelsInUse } from '~/models/awards.server'
import {
  editAward,
  enterAwards,
  loadAwardContext,
  moveAward,
  removeAward,
  requireAwardActivity,
  STANDARD_LEVEL_LABELS,
  saveAwardLevels,
} from '~/services/award-workflow.server'
import {
  type IntentPermissions,
  redirectWithFlash,
  requireUser,
  requireUserForIntent,
} from '~/utils/auth.server'
import { now } from '~/utils/clock'
import { formatInstant, formatInstantRange } from '~/utils/dates'
import { db } from '~/utils/db.server'
import { pageTitle } from '~/utils/meta'
import { invalidForm, notFound } from '~/utils/responses'
import { translateMessage } from '~/utils/translate'
import { useLocale } from '~/utils/use-locale'
import { AwardList, EditAwardForm } from './award-list'
import { ClassAwardForm, LevelsForm, TeamAwardForm } from './entry-forms'
import { ResultsForm } from './results-form'

function awardsUrl(activity: { id: number }) {
  return `/activities/${activity.id}/awards`
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'awards:manage' })
  const activity = await requireAwardActivity(db, user, params.activityId)
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
    loadAwardContext(db, user, activity),
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

const INTENTS = {
  results: 'awards:manage',
  team: 'awards:manage',
  class: 'awards:manage',
  edit: 'awards:manage',
  delete: 'awards:manage',
  move: 'awards:manage',
  levels: 'awards:manage',
} as const satisfies IntentPermissions

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, intent, formData } = await requireUserForIntent(request, INTENTS)
  const activity = await requireAwardActivity(db, user, params.activityId)
  const stage = recordsStage(activity, now())
  if (stage === 'closed') throw new Response('Not open for awards', { status: 409 })
  // An award for what has not happened yet cannot be true: refused, with the page saying when it opens.
  if (stage === 'planning') return reply({ refused: 'awards.notStarted.refused' }, { status: 400 })
  const actor = { schoolId: user.schoolId, id: user.id }
  const back = awardsUrl(activity)
  switch (intent) {
    case 'results':
    case 'team':
    case 'class': {
      const setting = await loadAwardContext(db, user, activity)
      const schema = { results: resultsSchema, team: teamSchema, class: classSchema }[intent](setting.context)
      const submission = parseWithZod(formData, { schema })
      if (submission.status !== 'success') return invalidForm(intent, submission.reply())
      const count = await enterAwards(db, actor, {
        activityId: activity.id,
        input: submission.value,
        setting,
      })
      return redirectWithFlash(user, back, 'awards.flash.entered', { count })
    }
    case 'edit': {
      const awardId = parseId(formData.get('awardId'))
      const [award] = awardId
        ? await listAwards(db, { schoolId: user.schoolId, activityId: activity.id, awardId })
        : []
      if (!award) notFound()
      const { context } = await loadAwardContext(db, user, activity)
      const submission = parseWithZod(formData, { schema: editSchema(context, award) })
      if (submission.status !== 'success') return invalidForm('edit', submission.reply())
      const { intent: _, awardId: __, ...values } = submission.value
      await editAward(db, actor, { activityId: activity.id, award, values })
      return redirectWithFlash(user, back, 'awards.flash.updated')
    }
    case 'delete': {
      const awardId = parseId(formData.get('awardId'))
      if (!awardId || !(await removeAward(db, actor, { activityId: activity.id, id: awardId }))) notFound()
      return redirectWithFlash(user, back, 'awards.flash.deleted')
    }
    case 'move': {
      const awardId = parseId(formData.get('awardId'))
      const direction = MOVE_DIRECTIONS.find((d) => d === formData.get('direction'))
      if (!awardId || !direction) throw new Response('Bad move', { status: 400 })
      if (!(await moveAward(db, actor, { activityId: activity.id, id: awardId, direction }))) notFound()
      return redirectWithFlash(user, `${back}#award-${awardId}`, 'awards.flash.moved')
    }
    case 'levels': {
      const inUse = await listLevelsInUse(db, { schoolId: user.schoolId, activityId: activity.id })
      const submission = parseWithZod(formData, {
        schema: levelsSchema({ standardLabels: STANDARD_LEVEL_LABELS, inUse }),
      })
      if (submission.status !== 'success') return invalidForm('levels', submission.reply())
      const parsed = parseLevelList(submission.value.levels, STANDARD_LEVEL_LABELS)
      await saveAwardLevels(db, actor, {
        activityId: activity.id,
        levels: 'levels' in parsed ? parsed.levels : null,
      })
      return redirectWithFlash(user, back, 'awards.flash.levelsSaved')
    }
  }
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
