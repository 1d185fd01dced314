import { describe, expect, it } from 'vitest'
import {
  canReadRecap,
  maskPupilName,
  maskPupilNames,
  type PhotoPupil,
  photoShownTo,
  photoWithheldReason,
  pupilNamesIn,
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
    // A dotted name keeps its last part, the one in a surname's role (given name first)
    ['买买提·艾力', '艾力同学'],
    ['阿依古丽·买买提', '买买提同学'],
    ['阿依古丽・买买提', '买买提同学'],
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

// The masking corpus: what teachers write, and what the public reads. Roster of the school:
const ROSTER = [
  '张思远',
  '田梦琪',
  '王明',
  '王明宇',
  '欧阳娜娜',
  '阿依古丽·买买提',
  '李雷',
  'Li Ming',
  '韩梅梅',
]

describe('maskPupilNames corpus', () => {
  it.each([
    // 同学 after a name is written once
    ['张思远同学担任讲解员。', '张同学担任讲解员。'],
    ['张思远同学…田梦琪同学…', '张同学…田同学…'],
    ['感谢张思远同学、田梦琪同学和王明同学。', '感谢张同学、田同学和王同学。'],
    ['张思远 同学发言', '张同学发言'],
    ['欧阳娜娜同学主持', '欧阳同学主持'],
    ['表扬张思远同学！张思远同学表现突出。', '表扬张同学！张同学表现突出。'],
    // 小朋友 after a name keeps 小朋友 in place of 同学
    ['张思远小朋友唱了歌', '张小朋友唱了歌'],
    ['欧阳娜娜小朋友和田梦琪同学', '欧阳小朋友和田同学'],
    // A bare name still gets 同学
    ['张思远担任讲解员', '张同学担任讲解员'],
    ['同学们，张思远来了', '同学们，张同学来了'],
    // Middle dots, typed with any variant
    ['阿依古丽·买买提同学朗诵', '买买提同学朗诵'],
    ['阿依古丽・买买提同学朗诵', '买买提同学朗诵'],
    ['阿依古丽‧买买提朗诵', '买买提同学朗诵'],
    ['阿依古丽•买买提小朋友', '买买提小朋友'],
    ['阿依古丽 · 买买提发言', '买买提同学发言'],
    // Names side by side
    ['张思远田梦琪两位同学', '张同学田同学两位同学'],
    ['张思远、田梦琪、李雷', '张同学、田同学、李同学'],
    ['李雷韩梅梅同学', '李同学韩同学'],
    // A name that begins another: the longer one is the pupil named
    ['王明宇和王明', '王同学和王同学'],
    ['王明宇同学、王明同学', '王同学、王同学'],
    // Markdown emphasis and links around a name
    ['**张思远**同学领读', '**张同学**领读'],
    ['*张思远*同学', '*张同学*'],
    ['__田梦琪__小朋友', '__田小朋友__'],
    ['[张思远](/students/3)同学', '[张同学](/students/3)'],
    ['**张思远**获一等奖', '**张同学**获一等奖'],
    ['~~王明~~同学', '~~王同学~~'],
    // In an English recap: a Chinese name keeps its surname and 同学 (no romanisation is stored);
    // a Latin-script name keeps its first word
    ['Our docent 张思远 led the tour.', 'Our docent 张同学 led the tour.'],
    ['张思远同学 and 田梦琪 spoke.', '张同学 and 田同学 spoke.'],
    ['Li Ming read a poem; Li Ming 同学 sang.', 'Li 同学 read a poem; Li 同学 sang.'],
    ['**Li Ming** won first prize', '**Li 同学** won first prize'],
    // Text that reads either way errs on the pupil's side (王明 天来 / 王 明天来)
    ['王明天来', '王同学天来'],
    // Words that only look like names are left alone
    ['王老师和李老师', '王老师和李老师'],
    ['全体同学和小朋友们', '全体同学和小朋友们'],
  ])('%s → %s', (text, masked) => {
    expect(maskPupilNames(text, ROSTER)).toBe(masked)
  })

  it('finds the names a text mentions, whatever dot it was typed with', () => {
    expect(pupilNamesIn('阿依古丽・买买提和张思远', ROSTER)).toEqual(['张思远', '阿依古丽·买买提'])
    expect(pupilNamesIn('Li  Ming spoke', ROSTER)).toEqual(['Li Ming'])
    expect(pupilNamesIn('王老师', ROSTER)).toEqual([])
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
