import { describe, expect, it } from 'vitest'
import {
  canReadRecap,
  maskPupilName,
  maskPupilNames,
  type PhotoPupil,
  photoShownTo,
  photoWithheldReason,
  type RecapAccess,
  type RecapReader,
} from '~/domain/recap-privacy'
import type { RecapAudience, RecapStatus } from '../../db/schema'

const AUTHOR = 7
const OTHER_TEACHER = 8
const ADMIN = 1

const readers = {
  author: { kind: 'staff', userId: AUTHOR, isAdmin: false },
  teacher: { kind: 'staff', userId: OTHER_TEACHER, isAdmin: false },
  admin: { kind: 'staff', userId: ADMIN, isAdmin: true },
  // A parent with children in grade 5 (class 52) and grade 1 (class 12)
  parent: { kind: 'parent', gradeIds: [5, 1], classIds: [52, 12] },
  otherParent: { kind: 'parent', gradeIds: [3], classIds: [31] },
  childless: { kind: 'parent', gradeIds: [], classIds: [] },
  public: { kind: 'public' },
} satisfies Record<string, RecapReader>

type ReaderName = keyof typeof readers

function recap(status: RecapStatus, audience: RecapAudience, extra: Partial<RecapAccess> = {}): RecapAccess {
  return { status, audience, authorId: AUTHOR, gradeIds: [5], classIds: [52], ...extra }
}

const ALL: ReaderName[] = ['author', 'teacher', 'admin', 'parent', 'otherParent', 'childless', 'public']
const STAFF: ReaderName[] = ['author', 'teacher', 'admin']

// Who reads a published recap, by audience (targets: grade 5, class 52).
const PUBLISHED: Record<RecapAudience, ReaderName[]> = {
  public: ALL,
  parents: ['author', 'teacher', 'admin', 'parent', 'otherParent', 'childless'],
  grades: [...STAFF, 'parent'],
  classes: [...STAFF, 'parent'],
  staff: STAFF,
}

// Who reads a recap not yet published: the same whatever its audience.
const UNPUBLISHED: Record<Exclude<RecapStatus, 'published'>, ReaderName[]> = {
  draft: ['author'],
  returned: ['author'],
  in_review: ['author', 'admin'],
}

describe('canReadRecap', () => {
  const audiences: RecapAudience[] = ['public', 'parents', 'grades', 'classes', 'staff']

  for (const audience of audiences) {
    it.each(ALL.map((name) => [name]))(`published for ${audience}: %s`, (name) => {
      expect(canReadRecap(recap('published', audience), readers[name])).toBe(
        PUBLISHED[audience].includes(name),
      )
    })
  }

  for (const [status, allowed] of Object.entries(UNPUBLISHED)) {
    for (const audience of audiences) {
      it.each(ALL.map((name) => [name]))(`${status} for ${audience}: %s`, (name) => {
        expect(canReadRecap(recap(status as RecapStatus, audience), readers[name])).toBe(
          allowed.includes(name),
        )
      })
    }
  }

  it('lets a parent read a grades recap through any one child', () => {
    const forGrades = recap('published', 'grades', { gradeIds: [1, 2], classIds: [] })
    expect(canReadRecap(forGrades, readers.parent)).toBe(true)
    expect(canReadRecap(forGrades, readers.otherParent)).toBe(false)
  })

  it('does not mix grade and class targets', () => {
    // A class recap whose class is not theirs, though the grade is
    const forClass = recap('published', 'classes', { gradeIds: [], classIds: [51] })
    expect(canReadRecap(forClass, readers.parent)).toBe(false)
    // A grades recap with no grade of theirs, though a class id matches
    const forGrade = recap('published', 'grades', { gradeIds: [3], classIds: [52] })
    expect(canReadRecap(forGrade, readers.parent)).toBe(false)
  })

  it('lets nobody but admins read a draft whose author left', () => {
    expect(canReadRecap(recap('draft', 'public', { authorId: null }), readers.admin)).toBe(false)
    expect(canReadRecap(recap('in_review', 'public', { authorId: null }), readers.admin)).toBe(true)
    expect(canReadRecap(recap('in_review', 'public', { authorId: null }), readers.teacher)).toBe(false)
  })

  it('lets an admin read their own draft', () => {
    expect(canReadRecap(recap('draft', 'staff', { authorId: ADMIN }), readers.admin)).toBe(true)
  })
})

describe('maskPupilName', () => {
  it.each([
    ['张思远', '张同学'],
    ['张一诺', '张同学'],
    ['王芳', '王同学'],
    ['欧阳娜娜', '欧阳同学'],
    ['司马懿', '司马同学'],
    ['诸葛亮', '诸葛同学'],
    ['上官婉儿', '上官同学'],
    ['端木蓉', '端木同学'],
    // Two characters: the second is the given name, not half of a compound surname
    ['欧阳', '欧同学'],
    ['Li Ming', 'Li 同学'],
    ['Tom', 'T 同学'],
    ['  陈晓  ', '陈同学'],
    ['买买提·艾力', '买买提同学'],
  ])('%s → %s', (name, masked) => {
    expect(maskPupilName(name)).toBe(masked)
  })
})

describe('maskPupilNames', () => {
  it('masks every named pupil, wherever they appear', () => {
    const text = '张思远担任讲解员，王芳和欧阳娜娜负责引导。张思远还接受了采访。'
    expect(maskPupilNames(text, ['王芳', '张思远', '欧阳娜娜'])).toBe(
      '张同学担任讲解员，王同学和欧阳同学负责引导。张同学还接受了采访。',
    )
  })

  it('masks the longest name first, so a shorter name inside it does not break it', () => {
    expect(maskPupilNames('张思远和张思都来了', ['张思', '张思远'])).toBe('张同学和张同学都来了')
    expect(maskPupilNames('张思远和张思都来了', ['张思远', '张思'])).toBe('张同学和张同学都来了')
  })

  it('never masks its own output again', () => {
    // 张同学 is a real name here: the masked 张思远 must not be masked a second time to 张同学同学
    expect(maskPupilNames('张思远、张同学', ['张思远', '张同学'])).toBe('张同学、张同学')
  })

  it('masks a Latin name as a whole word, with any spacing', () => {
    expect(maskPupilNames('Li Ming spoke; Li  Ming\nagain. Li Mingyu did not.', ['Li Ming'])).toBe(
      'Li 同学 spoke; Li 同学\nagain. Li Mingyu did not.',
    )
    expect(maskPupilNames('由Li Ming主持', ['Li Ming'])).toBe('由Li 同学主持')
  })

  it('treats names as text, not patterns', () => {
    expect(maskPupilNames('a.b and a+b', ['a.b'])).toBe('a 同学 and a+b')
  })

  it('ignores blank and one-character names, and leaves text without names alone', () => {
    expect(maskPupilNames('王老师带队', ['王', ' ', ''])).toBe('王老师带队')
    expect(maskPupilNames('同学们好', [])).toBe('同学们好')
    expect(maskPupilNames('', ['张三'])).toBe('')
  })
})

describe('photos shown to whom', () => {
  const pupil = (name: string, photoConsent: PhotoPupil['photoConsent']): PhotoPupil => ({
    name,
    photoConsent,
  })
  const noPupils = { showsPupils: false, pupils: [] }
  const unnamed = { showsPupils: true, pupils: [] }
  const allPublic = { showsPupils: true, pupils: [pupil('张思远', 'public'), pupil('王芳', 'public')] }
  const schoolOnly = { showsPupils: true, pupils: [pupil('张思远', 'public'), pupil('王芳', 'school')] }
  const withNone = {
    showsPupils: true,
    pupils: [pupil('张思远', 'none'), pupil('王芳', 'school'), pupil('李雷', 'public')],
  }

  // reader kind → [no pupils, named none, all public, one school-only, one without consent]
  const SHOWN: Record<'public' | 'parent' | 'staff', boolean[]> = {
    public: [true, false, true, false, false],
    parent: [true, false, true, true, false],
    staff: [true, true, true, true, true],
  }
  const photos = [noPupils, unnamed, allPublic, schoolOnly, withNone]

  for (const [kind, expected] of Object.entries(SHOWN)) {
    it(`for ${kind} readers`, () => {
      expect(photos.map((photo) => photoShownTo(photo, kind as keyof typeof SHOWN))).toEqual(expected)
    })
  }

  it('says why a photo is left out, naming the pupils lacking consent', () => {
    expect(photoWithheldReason(withNone, 'public')).toEqual({ reason: 'consent', pupils: ['张思远', '王芳'] })
    expect(photoWithheldReason(withNone, 'parent')).toEqual({ reason: 'consent', pupils: ['张思远'] })
    expect(photoWithheldReason(schoolOnly, 'public')).toEqual({ reason: 'consent', pupils: ['王芳'] })
    expect(photoWithheldReason(unnamed, 'public')).toEqual({ reason: 'no-pupils-named' })
    expect(photoWithheldReason(unnamed, 'parent')).toEqual({ reason: 'no-pupils-named' })
    expect(photoWithheldReason(withNone, 'staff')).toBeNull()
    expect(photoWithheldReason(allPublic, 'public')).toBeNull()
    expect(photoWithheldReason(noPupils, 'public')).toBeNull()
  })

  it('follows the pupils named even when the photo is not marked as showing pupils', () => {
    // Inconsistent data (pupils named, box unticked) errs on the side of the pupils
    expect(photoShownTo({ showsPupils: false, pupils: [pupil('张思远', 'none')] }, 'public')).toBe(false)
    expect(photoShownTo({ showsPupils: false, pupils: [pupil('张思远', 'public')] }, 'public')).toBe(true)
  })
})
