import { parseWithZod } from '@conform-to/zod/v4'
import { describe, expect, it } from 'vitest'
import { ActivitySchema, activityInputOf, isPhoneNumber } from '~/domain/activity-schemas'
import {
  answerDisagreement,
  attendedWithoutConsent,
  ConsentAnswerSchema,
  currentAnswer,
  invalidatesAnswers,
  isAnswerOpen,
  isPastDue,
  mayHandlePaperSlips,
  PaperAnswerSchema,
  PhotoConsentSchema,
  pupilsNeedingConsent,
  returnPercent,
  shouldRequestConsents,
  tallyConsents,
} from '~/domain/consent'

function formData(values: Record<string, string>): FormData {
  const data = new FormData()
  for (const [name, value] of Object.entries(values)) data.append(name, value)
  return data
}

// Grade 5 (id 5) has classes 51 and 52; grade 6 (id 6) has class 61.
const pupils = [
  { id: 1, classId: 51, gradeId: 5, active: 1 as const },
  { id: 2, classId: 52, gradeId: 5, active: 1 as const },
  { id: 3, classId: 52, gradeId: 5, active: 0 as const },
  { id: 4, classId: 61, gradeId: 6, active: 1 as const },
  { id: 5, classId: 61, gradeId: 6, active: 1 as const },
]

describe('pupilsNeedingConsent', () => {
  it('asks every active pupil of a targeted grade, not those who left', () => {
    const ids = pupilsNeedingConsent({ gradeIds: [5], classIds: [] }, pupils, new Set()).map((p) => p.id)
    expect(ids).toEqual([1, 2])
  })

  it('asks a targeted class only, plus pupils a teacher added to the sheet', () => {
    const ids = pupilsNeedingConsent({ gradeIds: [], classIds: [52] }, pupils, new Set([4])).map((p) => p.id)
    expect(ids).toEqual([2, 4])
  })

  it('asks each pupil once even when a grade, its class and the sheet all name them', () => {
    const twice = [...pupils, pupils[1]!]
    const ids = pupilsNeedingConsent({ gradeIds: [5], classIds: [52] }, twice, new Set([2])).map((p) => p.id)
    expect(ids).toEqual([1, 2])
  })

  it('asks nobody when the activity targets nobody', () => {
    expect(pupilsNeedingConsent({ gradeIds: [], classIds: [] }, pupils, new Set())).toEqual([])
  })
})

describe('answering and asking', () => {
  const startsAt = '2026-12-10T01:00:00.000Z' // 09:00 in Shanghai

  it('takes answers until the activity starts, not from its first minute', () => {
    expect(isAnswerOpen(startsAt, new Date('2026-12-10T00:59:59.000Z'))).toBe(true)
    expect(isAnswerOpen(startsAt, new Date(startsAt))).toBe(false)
    expect(isAnswerOpen(startsAt, new Date('2026-12-11T00:00:00.000Z'))).toBe(false)
  })

  it('asks only for an approved or published activity that needs consent and has not started', () => {
    const before = new Date('2026-12-01T00:00:00.000Z')
    const activity = { needsConsent: 1 as const, status: 'approved' as const, startsAt }
    expect(shouldRequestConsents(activity, before)).toBe(true)
    expect(shouldRequestConsents({ ...activity, status: 'published' }, before)).toBe(true)
    expect(shouldRequestConsents({ ...activity, status: 'submitted' }, before)).toBe(false)
    expect(shouldRequestConsents({ ...activity, status: 'closed' }, before)).toBe(false)
    expect(shouldRequestConsents({ ...activity, needsConsent: 0 }, before)).toBe(false)
    expect(shouldRequestConsents(activity, new Date('2026-12-10T02:00:00.000Z'))).toBe(false)
  })

  it('says a due date has passed only from the day after it', () => {
    expect(isPastDue('2026-12-05', '2026-12-05')).toBe(false)
    expect(isPastDue('2026-12-05', '2026-12-06')).toBe(true)
    expect(isPastDue(null, '2027-01-01')).toBe(false)
  })
})

describe('invalidatesAnswers', () => {
  const before = {
    startsAt: '2026-12-10T01:00:00.000Z',
    endsAt: '2026-12-10T04:00:00.000Z',
    venue: '银杏社区',
  }

  it('voids answers when the day, the time or the place moves', () => {
    expect(invalidatesAnswers(before, { ...before, startsAt: '2026-12-17T01:00:00.000Z' })).toBe(true)
    expect(invalidatesAnswers(before, { ...before, endsAt: '2026-12-10T06:00:00.000Z' })).toBe(true)
    expect(invalidatesAnswers(before, { ...before, venue: '纪王敬老院' })).toBe(true)
  })

  it('keeps them when only spacing around the place changes, or nothing does', () => {
    expect(invalidatesAnswers(before, { ...before, venue: ' 银杏社区 ' })).toBe(false)
    expect(invalidatesAnswers(before, { ...before })).toBe(false)
  })
})

describe('tallyConsents', () => {
  it('counts given, refused, waiting and never asked per class and in total', () => {
    const { byClass, total } = tallyConsents([
      { classId: 52, status: 'given' },
      { classId: 51, status: 'refused' },
      { classId: 52, status: 'requested' },
      { classId: 52, status: null },
      { classId: 51, status: 'given' },
    ])
    expect(byClass.map((c) => c.classId)).toEqual([52, 51])
    expect(byClass[0]!.tally).toEqual({
      given: 1,
      refused: 0,
      online: 1,
      paper: 0,
      none: 2,
      requested: 1,
      unsent: 1,
      total: 3,
      returnRate: 1 / 3,
    })
    expect(byClass[1]!.tally).toMatchObject({ given: 1, refused: 1, total: 2, returnRate: 1 })
    expect(total).toMatchObject({ given: 2, refused: 1, requested: 1, unsent: 1, total: 5, returnRate: 0.6 })
  })

  it('counts online, paper and no answer apart, and paper answers in the return rate', () => {
    const { byClass, total } = tallyConsents([
      { classId: 52, status: 'given', source: 'paper' },
      { classId: 52, status: 'refused', source: 'paper' },
      { classId: 52, status: 'given', source: 'online' },
      { classId: 52, status: 'requested', source: null },
      { classId: 51, status: 'refused', source: 'online' },
      { classId: 51, status: null, source: null },
    ])
    expect(byClass[0]!.tally).toMatchObject({ online: 1, paper: 2, none: 1, given: 2, refused: 1 })
    expect(byClass[0]!.tally.returnRate).toBe(3 / 4)
    expect(byClass[1]!.tally).toMatchObject({ online: 1, paper: 0, none: 1 })
    expect(total).toMatchObject({ online: 2, paper: 2, none: 2, total: 6, returnRate: 4 / 6 })
  })

  it('has no return rate when nobody is concerned', () => {
    expect(tallyConsents([]).total.returnRate).toBeNull()
    expect(returnPercent(null)).toBeNull()
  })

  it('rounds, but reads 100% only when complete and 0% only when nobody answered', () => {
    expect(returnPercent(199 / 200)).toBe(99)
    expect(returnPercent(1)).toBe(100)
    expect(returnPercent(2 / 3)).toBe(67)
    expect(returnPercent(1 / 120)).toBe(1)
    expect(returnPercent(1 / 300)).toBe(1)
    expect(returnPercent(0)).toBe(0)
  })
})

describe('attendedWithoutConsent', () => {
  it('flags pupils marked present whose guardian did not say yes', () => {
    const sheet = [
      { id: 1, attendance: 'attended' as const, consent: 'given' as const },
      { id: 2, attendance: 'attended' as const, consent: 'refused' as const },
      { id: 3, attendance: 'attended' as const, consent: 'requested' as const },
      { id: 4, attendance: 'attended' as const, consent: null },
      { id: 5, attendance: 'absent' as const, consent: 'refused' as const },
      { id: 6, attendance: null, consent: null },
    ]
    expect(attendedWithoutConsent(sheet, (p) => p.consent).map((p) => p.id)).toEqual([2, 3, 4])
  })
})

describe('answer and photo forms', () => {
  it('accepts an answer with a trimmed note and refuses anything but given or refused', () => {
    const ok = parseWithZod(formData({ consentId: '7', answer: 'given', note: '  需带哮喘药 ' }), {
      schema: ConsentAnswerSchema,
    })
    expect(ok.status).toBe('success')
    if (ok.status === 'success')
      expect(ok.value).toEqual({ consentId: 7, answer: 'given', note: '需带哮喘药' })
    const forged = parseWithZod(formData({ consentId: '7', answer: 'requested' }), {
      schema: ConsentAnswerSchema,
    })
    expect(forged.reply().error).toEqual({ answer: ['consents.validation.chooseAnswer'] })
    const long = parseWithZod(formData({ consentId: '7', answer: 'refused', note: '很'.repeat(201) }), {
      schema: ConsentAnswerSchema,
    })
    expect(long.reply().error).toEqual({ note: ['validation.tooLong|200'] })
  })

  it('takes one of the three photo choices', () => {
    const ok = parseWithZod(formData({ studentId: '3', photoConsent: 'school' }), {
      schema: PhotoConsentSchema,
    })
    expect(ok.status).toBe('success')
    const bad = parseWithZod(formData({ studentId: '3', photoConsent: 'everyone' }), {
      schema: PhotoConsentSchema,
    })
    expect(bad.reply().error).toEqual({ photoConsent: ['consents.validation.choosePhoto'] })
  })
})

describe('consent details of the activity form', () => {
  const valid = {
    title: '学雷锋志愿服务',
    kind: 'service',
    startsAt: '2026-12-10T09:00',
    endsAt: '2026-12-10T12:00',
    organiserId: '100',
    gradeIds: '5',
    offCampus: 'on',
  }
  const parse = (values: Record<string, string>) =>
    parseWithZod(formData({ ...valid, ...values }), { schema: ActivitySchema })

  it('stores transport, contact phone and due date for the request', () => {
    const submission = parse({
      transport: '学校包车往返',
      contactPhone: '021-6438 1234',
      consentDueOn: '2026-12-08',
    })
    if (submission.status !== 'success') throw new Error('expected success')
    expect(activityInputOf(submission.value, { seasonId: 1, timeZone: 'Asia/Shanghai' })).toMatchObject({
      needsConsent: true,
      transport: '学校包车往返',
      contactPhone: '021-6438 1234',
      consentDueOn: '2026-12-08',
    })
  })

  it('leaves them empty when not given', () => {
    const submission = parse({})
    if (submission.status !== 'success') throw new Error('expected success')
    expect(activityInputOf(submission.value, { seasonId: 1, timeZone: 'Asia/Shanghai' })).toMatchObject({
      transport: '',
      contactPhone: '',
      consentDueOn: null,
    })
  })

  it('wants the due date before the day of the activity', () => {
    expect(parse({ consentDueOn: '2026-12-10' }).reply().error).toEqual({
      consentDueOn: ['activities.validation.dueNotBeforeStart'],
    })
    expect(parse({ consentDueOn: '2026-12-09' }).status).toBe('success')
  })

  it('refuses a phone number that is not one', () => {
    expect(parse({ contactPhone: '找周老师' }).reply().error).toEqual({
      contactPhone: ['activities.validation.phone'],
    })
    expect(isPhoneNumber('13800138000')).toBe(true)
    expect(isPhoneNumber('+86 138 0013 8000')).toBe(true)
    expect(isPhoneNumber('1234')).toBe(false)
  })
})

describe('currentAnswer and answerDisagreement', () => {
  const answer = (
    id: number,
    source: 'online' | 'paper',
    status: 'given' | 'refused',
    answeredAt: string,
    withdrawnAt: string | null = null,
  ) => ({ id, source, status, answeredAt, withdrawnAt })

  it('takes the most recent answer whatever its source', () => {
    const paper = answer(1, 'paper', 'given', '2026-12-07T02:00:00.000Z')
    const online = answer(2, 'online', 'refused', '2026-12-07T03:00:00.000Z')
    expect(currentAnswer([paper, online])).toBe(online)
    expect(currentAnswer([online, paper])).toBe(online)
    const laterPaper = answer(3, 'paper', 'given', '2026-12-07T04:00:00.000Z')
    expect(currentAnswer([paper, online, laterPaper])).toBe(laterPaper)
  })

  it('breaks a tie of times by the later record, and skips withdrawn answers', () => {
    const first = answer(1, 'paper', 'given', '2026-12-07T02:00:00.000Z')
    const fix = answer(2, 'paper', 'refused', '2026-12-07T02:00:00.000Z')
    expect(currentAnswer([fix, first])).toBe(fix)
    const cleared = answer(3, 'paper', 'given', '2026-12-07T05:00:00.000Z', '2026-12-07T05:01:00.000Z')
    expect(currentAnswer([first, fix, cleared])).toBe(fix)
    expect(currentAnswer([cleared])).toBeNull()
    expect(currentAnswer([])).toBeNull()
  })

  it('shows a disagreement between the latest online and the latest paper answer, both with times', () => {
    const online = answer(1, 'online', 'refused', '2026-12-07T02:00:00.000Z')
    const paper = answer(2, 'paper', 'given', '2026-12-07T03:00:00.000Z')
    expect(answerDisagreement([online, paper])).toEqual({ online, paper })
    const agreeing = answer(3, 'paper', 'refused', '2026-12-07T04:00:00.000Z')
    expect(answerDisagreement([online, paper, agreeing])).toBeNull()
    expect(answerDisagreement([paper])).toBeNull()
    const withdrawn = { ...paper, withdrawnAt: '2026-12-07T03:30:00.000Z' }
    expect(answerDisagreement([online, withdrawn])).toBeNull()
  })
})

describe('mayHandlePaperSlips', () => {
  const activity = { organiserId: 7 }
  it('lets the head teacher of the class, the organiser and admins handle slips', () => {
    expect(mayHandlePaperSlips({ id: 3, role: 'teacher' }, activity, 3)).toBe(true)
    expect(mayHandlePaperSlips({ id: 7, role: 'teacher' }, activity, 3)).toBe(true)
    expect(mayHandlePaperSlips({ id: 1, role: 'admin' }, activity, 3)).toBe(true)
  })
  it('refuses another teacher and any parent', () => {
    expect(mayHandlePaperSlips({ id: 4, role: 'teacher' }, activity, 3)).toBe(false)
    expect(mayHandlePaperSlips({ id: 4, role: 'teacher' }, { organiserId: null }, null)).toBe(false)
    expect(mayHandlePaperSlips({ id: 3, role: 'parent' }, activity, 3)).toBe(false)
  })
})

describe('PaperAnswerSchema', () => {
  it('takes a pupil, an answer and an optional photo choice', () => {
    const bare = parseWithZod(formData({ studentId: '5', answer: 'given', photoConsent: '' }), {
      schema: PaperAnswerSchema,
    })
    expect(bare.status === 'success' && bare.value).toEqual({ studentId: 5, answer: 'given' })
    const photo = parseWithZod(formData({ studentId: '5', answer: 'refused', photoConsent: 'school' }), {
      schema: PaperAnswerSchema,
    })
    expect(photo.status === 'success' && photo.value.photoConsent).toBe('school')
  })
  it('refuses an unknown answer or photo choice with a message', () => {
    const bad = parseWithZod(formData({ studentId: '5', answer: 'maybe', photoConsent: 'all' }), {
      schema: PaperAnswerSchema,
    })
    expect(bad.status).toBe('error')
    expect(bad.reply().error).toMatchObject({
      answer: ['consents.validation.chooseAnswer'],
      photoConsent: ['consents.validation.choosePhoto'],
    })
  })
})
