import { readFile } from 'node:fs/promises'
import { strToU8, type Zippable, zipSync } from 'fflate'
import type { Locale } from '~/domain/locale'
import { parseId } from '~/domain/schemas'
import { type ChildData, collectChildData } from '~/models/family-data.server'
import type { SessionUser } from '~/utils/auth.server'
import { nowIso } from '~/utils/clock'
import { toCsv } from '~/utils/csv.server'
import { formatInstant, todayIn } from '~/utils/dates'
import { db } from '~/utils/db.server'
import { familyDataTables } from '~/utils/family-data-tables'
import { createI18n } from '~/utils/i18n'
import { photoFilePath } from '~/utils/photo-files.server'
import { notFound } from '~/utils/responses'

const BOM = '\uFEFF'

/** The child's data for this guardian; another family's child answers as a pupil who does not exist. */
export async function requireChildData(
  user: SessionUser,
  studentIdParam: string | undefined,
): Promise<ChildData> {
  const studentId = parseId(studentIdParam)
  const timeZone = user.school.timeZone
  const data = studentId
    ? await collectChildData(db, {
        schoolId: user.schoolId,
        guardianId: user.id,
        studentId,
        timeZone,
        today: todayIn(timeZone),
      })
    : undefined
  if (!data) notFound()
  return data
}

/** A stored photo's bytes, or null when the file is gone (a copy without it beats no copy). */
async function readStoredPhoto(fileKey: string): Promise<Uint8Array | null> {
  try {
    return new Uint8Array(await readFile(photoFilePath(fileKey, 'large')))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}

/**
 * The family's copy as a ZIP: README.txt (what each file holds, for whom, asked by whom, when, in the
 * reader's language), data.json (every row), one CSV per section (UTF-8 with BOM, headers in the
 * reader's language) and photos/<id>.jpg of the tagged photos the family may see.
 */
export async function familyDataZip(
  data: ChildData,
  { locale, timeZone }: { locale: Locale; timeZone: string },
): Promise<Uint8Array> {
  const { t } = createI18n(locale)
  const tables = familyDataTables(data, { t, locale, timeZone })
  const createdAt = nowIso()
  const files: Zippable = {}
  const readme = [
    t('familyData.readme.title', { name: data.child.name }),
    '',
    t('familyData.readme.school', { school: data.school.name }),
    t('familyData.readme.askedBy', { name: data.guardian.displayName, username: data.guardian.username }),
    t('familyData.readme.createdAt', { when: formatInstant(createdAt, locale, timeZone) }),
    '',
    t('familyData.readme.files'),
    `data.json — ${t('familyData.readme.json')}`,
    ...tables.map((table) => `${table.section}.csv — ${t(`familyData.sections.${table.section}`)}`),
    `photos/ — ${t('familyData.readme.photos')}`,
    '',
    t('familyData.readme.correction'),
    '',
  ].join('\r\n')
  files['README.txt'] = strToU8(`${BOM}${readme}`)
  const { photos, ...rest } = data
  files['data.json'] = strToU8(
    JSON.stringify(
      {
        createdAt,
        ...rest,
        // The file key is the server's own name for the file; the copy names photos by id.
        photos: photos.map(({ fileKey: _fileKey, ...photo }) => ({
          ...photo,
          file: photo.shown ? `photos/${photo.id}.jpg` : null,
        })),
      },
      null,
      2,
    ),
  )
  for (const table of tables) {
    files[`${table.section}.csv`] = strToU8(`${BOM}${toCsv(table.columns, table.rows)}`)
  }
  for (const photo of photos) {
    if (!photo.shown) continue
    const bytes = await readStoredPhoto(photo.fileKey)
    // JPEGs are compressed already: stored, not deflated again.
    if (bytes) files[`photos/${photo.id}.jpg`] = [bytes, { level: 0 }]
  }
  return zipSync(files, { level: 6, mtime: new Date(createdAt) })
}
