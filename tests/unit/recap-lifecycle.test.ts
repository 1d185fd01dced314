import { parseWithZod } from '@conform-to/zod/v4'
import { describe, expect, it } from 'vitest'
import {
  allowedRecapSteps,
  audienceTargets,
  canEditRecap,
  nextRecapStatus,
  RECAP_STATUSES,
  RECAP_STEPS,
  RECAP_TRANSITIONS,
  type RecapActor,
  type RecapState,
  recapStepRecipients,
  withholdingReaders,
} from '~/domain/recap-lifecycle'
import { photoPupilsOf, photoSchema, RecapStepSchema, recapSchema } from '~/domain/recap-schemas'

const AUTHOR = 7
const teacher: RecapActor = { userId: AUTHOR, role: 'teacher' }
const otherTeacher: RecapActor = { userId: 8, role: 'teacher' }
const admin: RecapActor = { userId: 1, role: 'admin' }
const parent: RecapActor = { userId: 3, role: 'parent' }

function recap(status: RecapState['status'], authorId: number | null = AUTHOR): RecapState {
  return { status, authorId }
}

describe('nextRecapStatus', () => {
  it('answers from the transition table alone: every status a step reaches is its row’s', () => {
    // The most permissive actor (an admin who wrote the recap) may take every row of the table.
    const owner: RecapActor = { userId: AUTHOR, role: 'admin' }
    for (const status of RECAP_STATUSES) {
      for (const step of RECAP_STEPS) {
        const row = RECAP_TRANSITIONS.find((t) => t.step === step && t.from.includes(status))
        expect(nextRecapStatus(recap(status), step, owner), `${step} from ${status}`).toBe(row?.to ?? null)
      }
    }
    expect(RECAP_TRANSITIONS.map((t) => t.step)).toEqual(expect.arrayContaining([...RECAP_STEPS]))
  })

  it('lets the author submit a draft or a returned recap, and no one submit twice', () => {
    expect(nextRecapStatus(recap('draft'), 'submit', teacher)).toBe('in_review')
    expect(nextRecapStatus(recap('returned'), 'submit', teacher)).toBe('in_review')
    expect(nextRecapStatus(recap('in_review'), 'submit', teacher)).toBeNull()
    expect(nextRecapStatus(recap('published'), 'submit', teacher)).toBeNull()
  })

  it('keeps other teachers and parents out of someone else’s draft', () => {
    expect(nextRecapStatus(recap('draft'), 'submit', otherTeacher)).toBeNull()
    expect(nextRecapStatus(recap('draft'), 'submit', parent)).toBeNull()
  })

  it('lets only admins publish or return a recap in review', () => {
    expect(nextRecapStatus(recap('in_review'), 'publish', admin)).toBe('published')
    expect(nextRecapStatus(recap('in_review'), 'return', admin)).toBe('returned')
    expect(nextRecapStatus(recap('in_review'), 'publish', teacher)).toBeNull()
    expect(nextRecapStatus(recap('in_review'), 'return', teacher)).toBeNull()
  })

  it('lets an admin publish their own draft directly, but not a teacher’s', () => {
    expect(nextRecapStatus(recap('draft', admin.userId), 'publish', admin)).toBe('published')
    expect(nextRecapStatus(recap('returned', admin.userId), 'publish', admin)).toBe('published')
    expect(nextRecapStatus(recap('draft'), 'publish', admin)).toBeNull()
  })

  it('returns only what is in review', () => {
    expect(nextRecapStatus(recap('draft', admin.userId), 'return', admin)).toBeNull()
    expect(nextRecapStatus(recap('published'), 'return', admin)).toBeNull()
  })

  it('unpublishes back to draft, for admins only', () => {
    expect(nextRecapStatus(recap('published'), 'unpublish', admin)).toBe('draft')
    expect(nextRecapStatus(recap('published'), 'unpublish', teacher)).toBeNull()
    expect(nextRecapStatus(recap('in_review'), 'unpublish', admin)).toBeNull()
  })

  it('offers each person the steps open to them', () => {
    expect(allowedRecapSteps(recap('draft'), teacher)).toEqual(['submit'])
    expect(allowedRecapSteps(recap('in_review'), admin)).toEqual(['publish', 'return'])
    expect(allowedRecapSteps(recap('draft', admin.userId), admin)).toEqual(['submit', 'publish'])
    expect(allowedRecapSteps(recap('published'), teacher)).toEqual([])
    expect(allowedRecapSteps(recap('published'), admin)).toEqual(['unpublish'])
  })
})

describe('canEditRecap', () => {
  it('lets the author edit until it is published', () => {
    expect(canEditRecap(recap('draft'), teacher)).toBe(true)
    expect(canEditRecap(recap('in_review'), teacher)).toBe(true)
    expect(canEditRecap(recap('returned'), teacher)).toBe(true)
    expect(canEditRecap(recap('published'), teacher)).toBe(false)
  })

  it('lets an admin edit what waits for their review, never a published recap in place', () => {
    expect(canEditRecap(recap('in_review'), admin)).toBe(true)
    expect(canEditRecap(recap('draft'), admin)).toBe(false)
    expect(canEditRecap(recap('published', admin.userId), admin)).toBe(false)
  })

  it('refuses other teachers, parents, and recaps whose author left', () => {
    expect(canEditRecap(recap('draft'), otherTeacher)).toBe(false)
    expect(canEditRecap(recap('draft', parent.userId), parent)).toBe(false)
    expect(canEditRecap(recap('draft', null), teacher)).toBe(false)
  })
})

describe('recapStepRecipients', () => {
  const adminIds = [1, 40]

  it('tells every admin of a submission, except the admin who submitted', () => {
    expect(recapStepRecipients('submit', { authorId: AUTHOR, adminIds, actorId: AUTHOR })).toEqual([1, 40])
    expect(recapStepRecipients('submit', { authorId: 1, adminIds, actorId: 1 })).toEqual([40])
  })

  it('tells the author of a return or a publication, unless they did it themselves', () => {
    expect(recapStepRecipients('return', { authorId: AUTHOR, adminIds, actorId: 1 })).toEqual([AUTHOR])
    expect(recapStepRecipients('publish', { authorId: AUTHOR, adminIds, actorId: 1 })).toEqual([AUTHOR])
    expect(recapStepRecipients('publish', { authorId: 1, adminIds, actorId: 1 })).toEqual([])
    expect(recapStepRecipients('publish', { authorId: null, adminIds, actorId: 1 })).toEqual([])
  })

  it('tells no one of an unpublication', () => {
    expect(recapStepRecipients('unpublish', { authorId: AUTHOR, adminIds, actorId: 1 })).toEqual([])
  })
})

describe('audience', () => {
  it('keeps only the targets of the chosen audience', () => {
    const chosen = { gradeIds: [5, 5, 9], classIds: [22] }
    expect(audienceTargets('grades', chosen)).toEqual({ gradeIds: [5, 9], classIds: [] })
    expect(audienceTargets('classes', chosen)).toEqual({ gradeIds: [], classIds: [22] })
    expect(audienceTargets('public', chosen)).toEqual({ gradeIds: [], classIds: [] })
  })

  it('names where photos may be left out', () => {
    expect(withholdingReaders('public')).toEqual(['public', 'parent'])
    expect(withholdingReaders('grades')).toEqual(['parent'])
    expect(withholdingReaders('staff')).toEqual([])
  })
})

function formOf(entries: [string, string][]): FormData {
  const data = new FormData()
  for (const [name, value] of entries) data.append(name, value)
  return data
}

function errorsOf(schema: Parameters<typeof parseWithZod>[1]['schema'], entries: [string, string][]) {
  const submission = parseWithZod(formOf(entries), { schema })
  return submission.status === 'success' ? {} : (submission.reply().error ?? {})
}

describe('recap form', () => {
  const choices = { seasonIds: [1], activityIds: [7, 8], gradeIds: [5], classIds: [22] }

  it('asks for a title to create, but drafts one from the activities', () => {
    expect(errorsOf(recapSchema('create'), [['audience', 'parents']])).toEqual({
      title: ['validation.required'],
    })
    expect(
      errorsOf(recapSchema('draft'), [
        ['audience', 'parents'],
        ['activityIds', '7'],
      ]),
    ).toEqual({})
    expect(errorsOf(recapSchema('draft'), [['audience', 'parents']])).toEqual({
      activityIds: ['recaps.form.chooseActivityToDraft'],
    })
  })

  it('limits the title to 80 characters and the body to 20,000', () => {
    const errors = errorsOf(recapSchema('save'), [
      ['title', '回'.repeat(81)],
      ['body', 'x'.repeat(20_001)],
      ['audience', 'staff'],
    ])
    expect(errors).toEqual({ title: ['validation.tooLong|80'], body: ['validation.tooLong|20000'] })
  })

  it('needs the grades or classes of a targeted audience', () => {
    expect(
      errorsOf(recapSchema('save'), [
        ['title', '回顾'],
        ['audience', 'grades'],
      ]),
    ).toEqual({
      gradeIds: ['recaps.form.chooseGrade'],
    })
    expect(
      errorsOf(recapSchema('save'), [
        ['title', '回顾'],
        ['audience', 'classes'],
      ]),
    ).toEqual({
      classIds: ['recaps.form.chooseClass'],
    })
  })

  it('refuses ids that are not the school’s, on the server', () => {
    const errors = errorsOf(recapSchema('save', choices), [
      ['title', '回顾'],
      ['audience', 'grades'],
      ['gradeIds', '99'],
      ['activityIds', '7'],
      ['activityIds', '70'],
      ['seasonId', '3'],
    ])
    expect(errors).toEqual({
      seasonId: ['validation.unknownChoice'],
      activityIds: ['validation.unknownChoice'],
      gradeIds: ['validation.unknownChoice'],
    })
  })

  it('ignores targets of an audience not chosen', () => {
    expect(
      errorsOf(recapSchema('save', choices), [
        ['title', '回顾'],
        ['audience', 'public'],
        ['classIds', '999'],
      ]),
    ).toEqual({})
  })
})

describe('photo form', () => {
  it('needs a caption, its alt text, of at most 120 characters', () => {
    expect(errorsOf(photoSchema(), [['caption', '  ']])).toEqual({
      caption: ['recaps.photos.captionRequired'],
    })
    expect(errorsOf(photoSchema(), [['caption', '图'.repeat(121)]])).toEqual({
      caption: ['validation.tooLong|120'],
    })
  })

  it('needs a pupil named when the photo shows pupils, one of those offered', () => {
    expect(
      errorsOf(photoSchema([11, 12]), [
        ['caption', '合影'],
        ['showsPupils', 'on'],
      ]),
    ).toEqual({
      pupilIds: ['recaps.photos.choosePupil'],
    })
    expect(
      errorsOf(photoSchema([11, 12]), [
        ['caption', '合影'],
        ['showsPupils', 'on'],
        ['pupilIds', '13'],
      ]),
    ).toEqual({ pupilIds: ['validation.unknownChoice'] })
  })

  it('stores no pupils for a photo not marked as showing any', () => {
    expect(photoPupilsOf({ caption: '校园', showsPupils: false, pupilIds: [11] })).toEqual([])
    expect(photoPupilsOf({ caption: '合影', showsPupils: true, pupilIds: [11, 11, 12] })).toEqual([11, 12])
  })
})

describe('review step form', () => {
  it('refuses a return without a comment, but publishes without one', () => {
    expect(
      errorsOf(RecapStepSchema, [
        ['intent', 'return'],
        ['comment', '  '],
      ]),
    ).toEqual({
      comment: ['recaps.review.commentRequired'],
    })
    expect(errorsOf(RecapStepSchema, [['intent', 'publish']])).toEqual({})
    expect(errorsOf(RecapStepSchema, [['intent', 'delete']])).toEqual({
      intent: ['validation.unknownChoice'],
    })
  })
})
