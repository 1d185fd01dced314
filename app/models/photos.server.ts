import type { Kysely, Transaction } from 'kysely'
import type { PhotoPupil, RecapAccess } from '~/domain/recap-privacy'
import type { Database, PhotoConsent } from '../../db/schema'

type Executor = Kysely<Database> | Transaction<Database>

export type RecapPhoto = {
  id: number
  recapId: number
  caption: string
  width: number
  height: number
  showsPupils: boolean
  position: number
  pupils: { id: number; name: string; photoConsent: PhotoConsent }[]
}

/**
 * The photos of these recaps of the school, ordered by recap then position, each with the pupils
 * it shows and their photo consent: two statements, however many recaps and photos.
 */
export async function listRecapPhotos(
  db: Executor,
  { schoolId, recapIds }: { schoolId: number; recapIds: readonly number[] },
): Promise<RecapPhoto[]> {
  if (recapIds.length === 0) return []
  const ids = [...new Set(recapIds)]
  const [photos, pupils] = await Promise.all([
    db
      .selectFrom('photos')
      .select([
        'id',
        'recap_id as recapId',
        'caption',
        'width',
        'height',
        'shows_pupils as showsPupils',
        'position',
      ])
      .where('school_id', '=', schoolId)
      .where('recap_id', 'in', ids)
      .orderBy('recap_id')
      .orderBy('position')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('photo_pupils')
      .innerJoin('photos', 'photos.id', 'photo_pupils.photo_id')
      .innerJoin('students', 'students.id', 'photo_pupils.student_id')
      .select([
        'photo_pupils.photo_id as photoId',
        'students.id',
        'students.name',
        'students.photo_consent as photoConsent',
      ])
      .where('photos.school_id', '=', schoolId)
      .where('photos.recap_id', 'in', ids)
      .where('students.school_id', '=', schoolId)
      .orderBy('students.name')
      .orderBy('students.id')
      .execute(),
  ])
  const pupilsOf = new Map<number, RecapPhoto['pupils']>()
  for (const { photoId, ...pupil } of pupils) {
    const list = pupilsOf.get(photoId) ?? []
    list.push(pupil)
    pupilsOf.set(photoId, list)
  }
  return photos.map((photo) => ({
    ...photo,
    showsPupils: photo.showsPupils === 1,
    pupils: pupilsOf.get(photo.id) ?? [],
  }))
}

export type PhotoForServing = {
  photo: { id: number; schoolId: number; recapId: number; fileKey: string; showsPupils: boolean }
  /** What canReadRecap needs, with the recap's school for matching the reader */
  recap: RecapAccess & { id: number; schoolId: number }
  pupils: PhotoPupil[]
}

/**
 * One photo with what decides who may see it: its recap's status, audience, author and targets,
 * and the consent of every pupil it shows. Null when there is no such photo.
 */
export async function getPhotoForServing(db: Executor, photoId: number): Promise<PhotoForServing | null> {
  const row = await db
    .selectFrom('photos')
    .innerJoin('recaps', (join) =>
      join.onRef('recaps.id', '=', 'photos.recap_id').onRef('recaps.school_id', '=', 'photos.school_id'),
    )
    .select([
      'photos.id',
      'photos.school_id as schoolId',
      'photos.recap_id as recapId',
      'photos.file_key as fileKey',
      'photos.shows_pupils as showsPupils',
      'recaps.status',
      'recaps.audience',
      'recaps.author_id as authorId',
    ])
    .where('photos.id', '=', photoId)
    .executeTakeFirst()
  if (!row) return null
  const [grades, classes, pupils] = await Promise.all([
    db.selectFrom('recap_grades').select('grade_id as id').where('recap_id', '=', row.recapId).execute(),
    db.selectFrom('recap_classes').select('class_id as id').where('recap_id', '=', row.recapId).execute(),
    db
      .selectFrom('photo_pupils')
      .innerJoin('students', 'students.id', 'photo_pupils.student_id')
      .select(['students.name', 'students.photo_consent as photoConsent'])
      .where('photo_pupils.photo_id', '=', row.id)
      .where('students.school_id', '=', row.schoolId)
      .execute(),
  ])
  return {
    photo: {
      id: row.id,
      schoolId: row.schoolId,
      recapId: row.recapId,
      fileKey: row.fileKey,
      showsPupils: row.showsPupils === 1,
    },
    recap: {
      id: row.recapId,
      schoolId: row.schoolId,
      status: row.status,
      audience: row.audience,
      authorId: row.authorId,
      gradeIds: grades.map((g) => g.id),
      classIds: classes.map((c) => c.id),
    },
    pupils,
  }
}
