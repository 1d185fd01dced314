import { parseWithZod } from '@conform-to/zod/v4'
import { describe, expect, it } from 'vitest'
import { isRecordable } from '~/domain/approval'
import type { StandardLevel } from '~/domain/award-levels'
import {
  type AwardContext,
  certificatesOf,
  classSchema,
  editSchema,
  heldAwardsOf,
  levelsSchema,
  moveInOrder,
  parseLevelList,
  presentingOrder,
  resultsSchema,
  teamSchema,
} from '~/domain/awards'

const context: AwardContext = {
  levels: ['special', 'first', 'second', 'third', 'merit'],
  participantIds: new Set([11, 12, 13]),
  classIds: new Set([5]),
  year: { startsOn: '2025-09-01', endsOn: '2026-06-30' },
  held: new Map(),
}

const shared = {
  title: '国防教育主题演讲比赛',
  scope: 'school',
  presenterName: '王书记',
  presenterTitle: '党支部书记',
  awardedOn: '2026-04-15',
}

function form(values: Record<string, string | string[]>) {
  const data = new FormData()
  for (const [key, value] of Object.entries(values)) {
    for (const v of Array.isArray(value) ? value : [value]) data.append(key, v)
  }
  return data
}

function errorsOf(submission: { status?: string; error?: Record<string, string[] | null> | null }) {
  return submission.status === 'success' ? {} : (submission.error ?? {})
}

describe('results of a contest', () => {
  const parse = (values: Record<string, string>) =>
    parseWithZod(form({ intent: 'results', ...shared, ...values }), { schema: resultsSchema(context) })

  it('takes a level for some participants and none for others', () => {
    const submission = parse({
      'rows[0].studentId': '11',
      'rows[0].level': 'first',
      'rows[0].citation': '声情并茂',
      'rows[1].studentId': '12',
      'rows[1].level': '',
      'rows[2].studentId': '13',
      'rows[2].level': 'merit',
    })
    expect(submission.status).toBe('success')
    if (submission.status !== 'success') return
    const chosen = submission.value.rows.filter((row) => row?.level)
    expect(chosen.map((row) => [row?.studentId, row?.level, row?.citation])).toEqual([
      [11, 'first', '声情并茂'],
      [13, 'merit', ''],
    ])
  })

  it('refuses a level not in the contest’s list, next to that row', () => {
    const submission = parse({ 'rows[0].studentId': '11', 'rows[0].level': '最佳风采奖' })
    expect(errorsOf(submission)['rows[0].level']).toEqual(['awards.validation.unknownLevel'])
  })

  it('refuses a pupil who did not take part (or another school’s)', () => {
    const submission = parse({ 'rows[0].studentId': '99', 'rows[0].level': 'first' })
    expect(errorsOf(submission)['']).toEqual(['awards.validation.notParticipant'])
  })

  it('refuses an empty title, a date outside the year, and a post with no award at all', () => {
    const submission = parse({ title: ' ', awardedOn: '2026-07-01', 'rows[0].studentId': '11' })
    const errors = errorsOf(submission)
    expect(errors.title).toEqual(['validation.required'])
    expect(errors.awardedOn).toEqual(['awards.validation.outsideYear'])
    expect(errors['']).toEqual(['awards.validation.noResults'])
  })

  it('accepts the first and last days of the academic year', () => {
    for (const awardedOn of ['2025-09-01', '2026-06-30']) {
      expect(parse({ awardedOn, 'rows[0].studentId': '11', 'rows[0].level': 'first' }).status).toBe('success')
    }
  })
})

describe('team and class awards', () => {
  it('need a team name and two participants', () => {
    const one = parseWithZod(form({ intent: 'team', ...shared, level: 'first', studentIds: ['11'] }), {
      schema: teamSchema(context),
    })
    expect(errorsOf(one).teamName).toEqual(['validation.required'])
    expect(errorsOf(one).studentIds).toEqual(['awards.validation.teamSize'])
    const stranger = parseWithZod(
      form({ intent: 'team', ...shared, level: 'first', teamName: '红领巾队', studentIds: ['11', '99'] }),
      { schema: teamSchema(context) },
    )
    expect(errorsOf(stranger).studentIds).toEqual(['awards.validation.notParticipant'])
    const ok = parseWithZod(
      form({ intent: 'team', ...shared, level: 'first', teamName: '红领巾队', studentIds: ['11', '12'] }),
      { schema: teamSchema(context) },
    )
    expect(ok.status).toBe('success')
  })

  it('go to a class of the activity only', () => {
    const other = parseWithZod(form({ intent: 'class', ...shared, level: 'merit', classId: '6' }), {
      schema: classSchema(context),
    })
    expect(errorsOf(other).classId).toEqual(['awards.validation.classNotEligible'])
    const ok = parseWithZod(form({ intent: 'class', ...shared, level: 'merit', classId: '5' }), {
      schema: classSchema(context),
    })
    expect(ok.status).toBe('success')
  })

  it('keep a team’s name when edited', () => {
    const submission = parseWithZod(form({ intent: 'edit', awardId: '3', ...shared, level: 'first' }), {
      schema: editSchema(context, { id: 3, recipientKind: 'team', recipients: [] }),
    })
    expect(errorsOf(submission).teamName).toEqual(['validation.required'])
    const pupil = parseWithZod(form({ intent: 'edit', awardId: '3', ...shared, level: 'first' }), {
      schema: editSchema(context, { id: 3, recipientKind: 'pupil', recipients: [] }),
    })
    expect(pupil.status).toBe('success')
  })
})

describe('one award of a title per pupil and activity', () => {
  // Pupil 11 already holds the contest's 一等奖 (award 7); pupil 12 a differently named one.
  const held: AwardContext = {
    ...context,
    held: heldAwardsOf([
      { studentId: 11, awardId: 7, title: shared.title },
      { studentId: 12, awardId: 8, title: '最佳风采奖' },
    ]),
  }

  it('refuses a second award of the same title to a pupil, next to their row', () => {
    const submission = parseWithZod(
      form({
        intent: 'results',
        ...shared,
        title: ` ${shared.title} `,
        'rows[0].studentId': '12',
        'rows[0].level': 'second',
        'rows[1].studentId': '11',
        'rows[1].level': 'first',
      }),
      { schema: resultsSchema(held) },
    )
    expect(errorsOf(submission)).toEqual({ 'rows[1].level': ['awards.validation.alreadyAwarded'] })
  })

  it('refuses a team award of that title to a team with that pupil', () => {
    const submission = parseWithZod(
      form({ intent: 'team', ...shared, level: 'merit', teamName: '二班队', studentIds: ['11', '13'] }),
      { schema: teamSchema(held) },
    )
    expect(errorsOf(submission).studentIds).toEqual(['awards.validation.memberAlreadyAwarded'])
  })

  it('lets an award keep its own title when corrected, but not take a title its pupil holds', () => {
    const own = parseWithZod(form({ intent: 'edit', awardId: '7', ...shared, level: 'special' }), {
      schema: editSchema(held, { id: 7, recipientKind: 'pupil', recipients: [{ studentId: 11 }] }),
    })
    expect(own.status).toBe('success')
    const taken = parseWithZod(form({ intent: 'edit', awardId: '8', ...shared, level: 'merit' }), {
      schema: editSchema(held, {
        id: 8,
        recipientKind: 'pupil',
        recipients: [{ studentId: 12 }, { studentId: 11 }],
      }),
    })
    expect(errorsOf(taken).title).toEqual(['awards.validation.titleHeld'])
  })
})

describe('a contest’s own levels', () => {
  const labels = new Map<string, StandardLevel>([
    ['一等奖', 'first'],
    ['First prize', 'first'],
    ['特等奖', 'special'],
    ['二等奖', 'second'],
    ['三等奖', 'third'],
    ['优秀奖', 'merit'],
  ])

  it('are read one per line, standard names kept as keys', () => {
    expect(parseLevelList(' 一等奖\n\n最佳风采奖 \r\nFirst prize', labels)).toEqual({
      error: 'awards.validation.duplicateLevel',
    })
    expect(parseLevelList('一等奖\n最佳风采奖', labels)).toEqual({ levels: ['first', '最佳风采奖'] })
  })

  it('are null when empty or the standard list itself', () => {
    expect(parseLevelList('  \n', labels)).toEqual({ levels: null })
    expect(parseLevelList('特等奖\n一等奖\n二等奖\n三等奖\n优秀奖', labels)).toEqual({ levels: null })
  })

  it('refuse too long a label and too many levels', () => {
    expect(parseLevelList('很'.repeat(21), labels)).toEqual({ error: 'validation.tooLong|20' })
    expect(parseLevelList(Array.from({ length: 13 }, (_, i) => `奖${i}`).join('\n'), labels)).toEqual({
      error: 'awards.validation.tooManyLevels|12',
    })
  })

  it('must keep the levels awards already have', () => {
    const schema = levelsSchema({ standardLabels: labels, inUse: ['first'] })
    const dropped = parseWithZod(form({ intent: 'levels', levels: '最佳风采奖' }), { schema })
    expect(errorsOf(dropped).levels).toEqual(['awards.validation.levelInUse'])
    const kept = parseWithZod(form({ intent: 'levels', levels: '一等奖\n最佳风采奖' }), { schema })
    expect(kept.status).toBe('success')
    // Back to the standard list keeps 'first' too.
    expect(parseWithZod(form({ intent: 'levels', levels: '' }), { schema }).status).toBe('success')
  })
})

describe('presenting order', () => {
  it('puts the lowest level first and keeps entry order within a level', () => {
    const awards = [
      { level: 'first', who: 'a' },
      { level: 'merit', who: 'b' },
      { level: 'special', who: 'c' },
      { level: 'merit', who: 'd' },
    ]
    expect(presentingOrder(awards, context.levels).map((a) => a.who)).toEqual(['b', 'd', 'a', 'c'])
  })

  it('moves one award a place, and not past either end', () => {
    expect(moveInOrder([1, 2, 3], 2, 'up')).toEqual([2, 1, 3])
    expect(moveInOrder([1, 2, 3], 2, 'down')).toEqual([1, 3, 2])
    expect(moveInOrder([1, 2, 3], 1, 'up')).toBeNull()
    expect(moveInOrder([1, 2, 3], 3, 'down')).toBeNull()
    expect(moveInOrder([1, 2, 3], 9, 'up')).toBeNull()
  })
})

describe('certificates', () => {
  const pupils = [
    { studentId: 1, name: '甲', classId: 5 },
    { studentId: 2, name: '乙', classId: 5 },
  ]
  it('are one per pupil or team member, and one for a class', () => {
    expect(certificatesOf({ recipientKind: 'team', recipients: pupils }).map((c) => c.pupil?.name)).toEqual([
      '甲',
      '乙',
    ])
    expect(certificatesOf({ recipientKind: 'pupil', recipients: pupils.slice(0, 1) })).toHaveLength(1)
    expect(certificatesOf({ recipientKind: 'class', recipients: [] })).toEqual([
      { award: { recipientKind: 'class', recipients: [] }, pupil: null },
    ])
  })

  it('and awards are entered only for approved, published or closed activities', () => {
    expect(['draft', 'submitted', 'changes_requested'].some((s) => isRecordable(s as never))).toBe(false)
    expect(['approved', 'published', 'closed'].every((s) => isRecordable(s as never))).toBe(true)
  })
})
