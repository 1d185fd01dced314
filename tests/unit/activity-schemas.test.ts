import { parseWithZod } from '@conform-to/zod/v4'
import { describe, expect, it } from 'vitest'
import {
  type ActivityChoices,
  ActivityDecisionSchema,
  ActivitySchema,
  activityInputOf,
  activitySchema,
  consentChoiceOf,
  defaultTasks,
  resolveConsent,
  TaskSchema,
} from '~/domain/activity-schemas'

const choices: ActivityChoices = {
  yearStartsOn: '2025-09-01',
  yearEndsOn: '2026-08-31',
  strandIds: [7],
  gradeIds: [1, 2, 5],
  classIds: [11, 12, 51],
  staffIds: [100, 101],
  partnerIds: [300, 301],
  observanceKeys: ['womens-day', 'qingming'],
}

function formData(values: Record<string, string | string[]>): FormData {
  const data = new FormData()
  for (const [name, value] of Object.entries(values)) {
    for (const item of Array.isArray(value) ? value : [value]) data.append(name, item)
  }
  return data
}

const valid = {
  title: '感恩父母主题班会',
  kind: 'class_meeting',
  startsAt: '2026-03-06T09:00',
  endsAt: '2026-03-06T10:00',
  organiserId: '100',
  gradeIds: '5',
}

function parse(values: Record<string, string | string[]>, withChoices = true) {
  const schema = withChoices ? activitySchema(choices) : ActivitySchema
  return parseWithZod(formData(values), { schema })
}

/** The message keys the form would show, per field. */
function errorsOf(values: Record<string, string | string[]>, withChoices = true) {
  const submission = parse(values, withChoices)
  if (submission.status === 'success') return {}
  return submission.reply().error ?? {}
}

describe('ActivitySchema', () => {
  it('accepts a minimal activity and coerces checkboxes, lists and numbers', () => {
    const submission = parse({
      ...valid,
      offCampus: 'on',
      staffIds: ['101'],
      classIds: ['11', '12'],
      capacity: '40',
      practiceCategory: 'public_service',
      practiceHours: '1.5',
      observance: 'womens-day',
      strandId: '7',
    })
    expect(submission.status).toBe('success')
    if (submission.status !== 'success') return
    expect(submission.value).toMatchObject({
      offCampus: true,
      consent: 'auto',
      gradeIds: [5],
      classIds: [11, 12],
      staffIds: [101],
      capacity: 40,
      practiceHours: 1.5,
      strandId: 7,
      lesson: '',
    })
  })

  it.each([
    ['an empty title', { title: '' }, 'title', 'validation.required'],
    ['a title over 80 characters', { title: '长'.repeat(81) }, 'title', 'validation.tooLong|80'],
    ['no kind', { kind: '' }, 'kind', 'validation.required'],
    ['an unknown kind', { kind: 'party' }, 'kind', 'validation.unknownChoice'],
    [
      'a malformed start',
      { startsAt: '2026-02-30T09:00' },
      'startsAt',
      'activities.validation.invalidDateTime',
    ],
    [
      'an end before the start',
      { endsAt: '2026-03-06T08:00' },
      'endsAt',
      'activities.validation.endNotAfterStart',
    ],
    [
      'an end equal to the start',
      { endsAt: '2026-03-06T09:00' },
      'endsAt',
      'activities.validation.endNotAfterStart',
    ],
    ['no target', { gradeIds: [] }, 'gradeIds', 'activities.validation.chooseTarget'],
    ['a zero capacity', { capacity: '0' }, 'capacity', 'activities.validation.capacity'],
    ['a fractional capacity', { capacity: '2.5' }, 'capacity', 'activities.validation.capacity'],
    [
      'hours off the half-hour grid',
      { practiceCategory: 'career', practiceHours: '1.3' },
      'practiceHours',
      'activities.validation.hours',
    ],
    [
      'hours over 40',
      { practiceCategory: 'career', practiceHours: '40.5' },
      'practiceHours',
      'activities.validation.hours',
    ],
    [
      'a category without hours',
      { practiceCategory: 'career' },
      'practiceHours',
      'activities.validation.hoursNeeded',
    ],
    [
      'a category with zero hours',
      { practiceCategory: 'career', practiceHours: '0' },
      'practiceHours',
      'activities.validation.hoursNeeded',
    ],
    [
      'hours without a category',
      { practiceHours: '2' },
      'practiceCategory',
      'activities.validation.categoryNeeded',
    ],
    [
      'one partner as guest and partner',
      { guestIds: '300', partnerIds: '300' },
      'partnerIds',
      'activities.validation.guestAndPartner',
    ],
    ['no organiser', { organiserId: '' }, 'organiserId', 'validation.required'],
  ])('refuses %s', (_, change, field, message) => {
    const errors = errorsOf({ ...valid, ...change }, false)
    expect(errors[field]).toEqual([message])
  })

  it.each([
    [
      'a start before the academic year',
      { startsAt: '2025-08-31T09:00' },
      'startsAt',
      'activities.validation.outsideYear',
    ],
    [
      'an end after the academic year',
      { startsAt: '2026-08-31T09:00', endsAt: '2026-09-01T10:00' },
      'startsAt',
      'activities.validation.outsideYear',
    ],
    ['a strand of another season', { strandId: '8' }, 'strandId', 'validation.unknownChoice'],
    ['a grade of another school', { gradeIds: ['5', '99'] }, 'gradeIds', 'validation.unknownChoice'],
    ['a class of another school', { classIds: '99' }, 'classIds', 'validation.unknownChoice'],
    ['an organiser of another school', { organiserId: '999' }, 'organiserId', 'validation.unknownChoice'],
    ['staff of another school', { staffIds: ['101', '999'] }, 'staffIds', 'validation.unknownChoice'],
    ['a guest of another school', { guestIds: '999' }, 'guestIds', 'validation.unknownChoice'],
    ['a partner of another school', { partnerIds: '999' }, 'partnerIds', 'validation.unknownChoice'],
    ['an unknown observance', { observance: 'halloween' }, 'observance', 'validation.unknownChoice'],
  ])('on the server, refuses %s', (_, change, field, message) => {
    expect(errorsOf({ ...valid, ...change })[field]).toEqual([message])
    // The browser cannot know the school's choices, so it lets them through.
    expect(errorsOf({ ...valid, ...change }, false)[field]).toBeUndefined()
  })

  it('refuses an id that is not a number', () => {
    const errors = errorsOf({ ...valid, gradeIds: ['5', 'x'] })
    expect(Object.values(errors).flat()).toContain('validation.unknownChoice')
  })
})

describe('activityInputOf', () => {
  it('stores UTC instants, resolves consent and splits guests from partners', () => {
    const submission = parse({
      ...valid,
      offCampus: 'on',
      guestIds: '300',
      partnerIds: '301',
      staffIds: ['100', '101'],
    })
    if (submission.status !== 'success') throw new Error('expected success')
    const input = activityInputOf(submission.value, { seasonId: 3, timeZone: 'Asia/Shanghai' })
    expect(input).toMatchObject({
      seasonId: 3,
      strandId: null,
      startsAt: '2026-03-06T01:00:00.000Z',
      endsAt: '2026-03-06T02:00:00.000Z',
      offCampus: true,
      needsConsent: true,
      practiceCategory: null,
      practiceHours: null,
      observance: null,
      partners: [
        { partnerId: 300, role: 'guest' },
        { partnerId: 301, role: 'partner' },
      ],
      // The organiser is not listed again among the other staff.
      staffIds: [101],
    })
  })
})

describe('consent', () => {
  it('follows the location unless chosen', () => {
    expect(resolveConsent('auto', true)).toBe(true)
    expect(resolveConsent('auto', false)).toBe(false)
    expect(resolveConsent('yes', false)).toBe(true)
    expect(resolveConsent('no', true)).toBe(false)
  })

  it('reads a stored flag back as the choice that reproduces it', () => {
    expect(consentChoiceOf(true, true)).toBe('auto')
    expect(consentChoiceOf(false, false)).toBe('auto')
    expect(consentChoiceOf(true, false)).toBe('yes')
    expect(consentChoiceOf(false, true)).toBe('no')
  })
})

describe('defaultTasks', () => {
  it('adds venue, guest and safety tasks for the organiser, due three days before', () => {
    expect(
      defaultTasks({ venue: '报告厅', offCampus: true, hasGuest: true, organiserId: 100 }, '2026-03-02'),
    ).toEqual([
      { key: 'venue', ownerId: 100, dueOn: '2026-02-27' },
      { key: 'guest', ownerId: 100, dueOn: '2026-02-27' },
      { key: 'safety', ownerId: 100, dueOn: '2026-02-27' },
    ])
  })

  it('adds nothing for a classroom activity without venue or guests', () => {
    expect(
      defaultTasks({ venue: '  ', offCampus: false, hasGuest: false, organiserId: 100 }, '2026-03-02'),
    ).toEqual([])
  })
})

describe('TaskSchema', () => {
  it('needs a title and accepts an optional owner and due date', () => {
    const ok = parseWithZod(formData({ title: '借投影仪', ownerId: '100', dueOn: '2026-03-01' }), {
      schema: TaskSchema,
    })
    expect(ok.status).toBe('success')
    const bad = parseWithZod(formData({ title: '', dueOn: '2026-02-30' }), { schema: TaskSchema })
    expect(bad.reply().error).toMatchObject({
      title: ['validation.required'],
      dueOn: ['validation.invalidDate'],
    })
  })
})

describe('ActivityDecisionSchema', () => {
  it('needs a comment to request changes, not to approve', () => {
    const approve = parseWithZod(formData({ intent: 'approve' }), { schema: ActivityDecisionSchema })
    expect(approve.status).toBe('success')
    const back = parseWithZod(formData({ intent: 'request-changes', comment: ' ' }), {
      schema: ActivityDecisionSchema,
    })
    expect(back.reply().error).toEqual({ comment: ['activities.validation.commentRequired'] })
  })
})
