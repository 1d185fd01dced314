import { parseWithZod } from '@conform-to/zod/v4'
import { data } from '@remix-run/node'
import type { Transaction } from 'kysely'
import { audienceTargets, canEditRecap, MAX_PHOTOS_PER_RECAP } from '~/domain/recap-lifecycle'
import { photoPupilsOf, photoSchema, RecapPreviewSchema, recapSchema } from '~/domain/recap-schemas'
import { parseId } from '~/domain/schemas'
import { recordAudit } from '~/models/audit.server'
import {
  countPhotos,
  deletePhoto,
  getPhoto,
  getRecap,
  getRecapStatus,
  insertPhoto,
  listNamedPupilIds,
  listPupilChoices,
  movePhoto,
  type RecapDetail,
  setCover,
  touchRecap,
  updatePhoto,
  updateRecap,
} from '~/models/recaps.server'
import { redirectWithFlash, type SessionUser } from '~/utils/auth.server'
import { db } from '~/utils/db.server'
import { renderMarkdown } from '~/utils/markdown.server'
import { deletePhotoFiles, storePhoto } from '~/utils/photo-files.server'
import type { PhotoUpload } from '~/utils/photo-upload.server'
import { draftFor, recapChoicesFor } from '~/utils/recap-form.server'
import { type FormReply, invalidForm, notFound } from '~/utils/responses'
import type { Database } from '../../../db/schema'

/** The statuses an edit may still change: anything not published (see canEditRecap). */
const EDITABLE = ['draft', 'in_review', 'returned'] as const

/** What a recap form answer may carry besides the form's state: a preview, or a fresh draft. */
export type RecapFormReply = FormReply & { preview?: string; redrafted?: number }

/**
 * The recap this person may edit, or the answer: 404 outside their school, a redirect with a
 * message for a published one (it is unpublished before it is edited), 403 for anyone else.
 */
export async function requireEditableRecap(
  user: SessionUser,
  recapId: string | undefined,
): Promise<RecapDetail> {
  const id = parseId(recapId)
  const recap = id ? await getRecap(db, { schoolId: user.schoolId, id }) : undefined
  if (!recap) notFound()
  const actor = { userId: user.id, role: user.role }
  if (canEditRecap(recap, actor)) return recap
  const mayEditOnceUnpublished = user.role === 'admin' || recap.authorId === user.id
  if (recap.status === 'published' && mayEditOnceUnpublished) {
    throw await redirectWithFlash(user, `/recaps/${recap.id}`, 'recaps.flash.publishedLocked')
  }
  throw new Response('Forbidden', { status: 403 })
}

/** The pupils a photo may name: attendees of the linked activities and those already named. */
export async function pupilChoicesOf(user: SessionUser, recap: RecapDetail) {
  const named = await listNamedPupilIds(db, { schoolId: user.schoolId, recapId: recap.id })
  return listPupilChoices(db, { schoolId: user.schoolId, activityIds: recap.activityIds, includeIds: named })
}

/**
 * Runs a change to a recap still open to editing, in one transaction: the status is read again
 * inside it, so a recap published meanwhile is left alone. Answers the work's result, or null
 * when the recap was no longer open.
 */
async function whileEditable<T>(
  user: SessionUser,
  recap: RecapDetail,
  work: (trx: Transaction<Database>) => Promise<T>,
): Promise<T | null> {
  return db.transaction().execute(async (trx) => {
    const status = await getRecapStatus(trx, { schoolId: user.schoolId, id: recap.id })
    if (!status || !(EDITABLE as readonly string[]).includes(status)) return null
    return work(trx)
  })
}

function alreadyChanged(user: SessionUser, recap: RecapDetail) {
  return redirectWithFlash(user, `/recaps/${recap.id}`, 'recaps.flash.alreadyChanged')
}

async function recapChoices(user: SessionUser, recap: RecapDetail, formData: FormData) {
  return recapChoicesFor(user, { formData, linkedActivityIds: recap.activityIds, classIds: recap.classIds })
}

export async function saveRecap(user: SessionUser, recap: RecapDetail, formData: FormData) {
  const choices = await recapChoices(user, recap, formData)
  const submission = parseWithZod(formData, { schema: recapSchema('save', choices) })
  if (submission.status !== 'success') return invalidForm('recap', submission.reply())
  const value = submission.value
  const input = {
    title: value.title,
    body: value.body,
    seasonId: value.seasonId ?? null,
    audience: value.audience,
    activityIds: value.activityIds,
    ...audienceTargets(value.audience, value),
  }
  const saved = await db.transaction().execute(async (trx) => {
    const updated = await updateRecap(trx, {
      schoolId: user.schoolId,
      id: recap.id,
      input,
      statuses: EDITABLE,
    })
    if (!updated) return false
    await recordAudit(trx, {
      schoolId: user.schoolId,
      userId: user.id,
      action: 'recap-updated',
      entity: 'recap',
      entityId: recap.id,
      detail: { title: input.title, audience: input.audience, activityIds: input.activityIds },
    })
    return true
  })
  if (!saved) return alreadyChanged(user, recap)
  return redirectWithFlash(user, `/recaps/${recap.id}/edit`, 'recaps.flash.saved')
}

/** The posted body rendered as readers will see it; nothing is saved and the typed values stay. */
export function previewRecap(formData: FormData) {
  const submission = parseWithZod(formData, { schema: RecapPreviewSchema })
  if (submission.status !== 'success') return invalidForm('recap', submission.reply())
  return data<RecapFormReply>({
    form: 'recap',
    result: submission.reply(),
    preview: renderMarkdown(submission.value.body),
  })
}

/** A fresh draft body from the chosen activities, put into the form; nothing is saved. */
export async function redraftRecap(
  user: SessionUser,
  recap: RecapDetail,
  request: Request,
  formData: FormData,
) {
  const choices = await recapChoices(user, recap, formData)
  const submission = parseWithZod(formData, { schema: recapSchema('redraft', choices) })
  if (submission.status !== 'success') return invalidForm('recap', submission.reply())
  const draft = await draftFor(user, request, submission.value)
  const result = submission.reply()
  return data<RecapFormReply>({
    form: 'recap',
    result: { ...result, initialValue: { ...result.initialValue, body: draft.body } },
    // A new key for the form, so a browser that kept the old text shows the new draft.
    redrafted: Date.now(),
  })
}

export async function addPhoto(
  user: SessionUser,
  recap: RecapDetail,
  { formData, upload, uploadError }: PhotoUpload,
) {
  const { schoolId } = user
  const pupils = await pupilChoicesOf(user, recap)
  const submission = parseWithZod(formData, { schema: photoSchema(pupils.map((p) => p.id)) })
  const full = (await countPhotos(db, { schoolId, recapId: recap.id })) >= MAX_PHOTOS_PER_RECAP
  const fileError = full
    ? `recaps.photos.tooMany|${MAX_PHOTOS_PER_RECAP}`
    : (uploadError ?? (upload ? null : 'recaps.photos.chooseFile'))
  if (submission.status !== 'success' || fileError || !upload) {
    const fieldErrors = fileError ? { photo: [fileError] } : undefined
    return invalidForm('add-photo', submission.reply(fieldErrors ? { fieldErrors } : undefined))
  }
  const stored = await storePhoto(upload.bytes)
  if (!stored.ok)
    return invalidForm('add-photo', submission.reply({ fieldErrors: { photo: [stored.error] } }))
  const value = submission.value
  const pupilIds = photoPupilsOf(value)
  let outcome: 'added' | 'full' | null
  try {
    outcome = await whileEditable(user, recap, async (trx) => {
      // Counted again inside the transaction: two uploads at once cannot make a thirteenth photo.
      if ((await countPhotos(trx, { schoolId, recapId: recap.id })) >= MAX_PHOTOS_PER_RECAP) return 'full'
      const photoId = await insertPhoto(trx, {
        schoolId,
        recapId: recap.id,
        fileKey: stored.fileKey,
        width: stored.width,
        height: stored.height,
        bytes: stored.bytes,
        caption: value.caption,
        showsPupils: value.showsPupils,
        pupilIds,
        createdBy: user.id,
      })
      await touchRecap(trx, { schoolId, id: recap.id })
      await recordAudit(trx, {
        schoolId,
        userId: user.id,
        action: 'photo-added',
        entity: 'recap',
        entityId: recap.id,
        detail: { photoId, caption: value.caption, pupils: pupilIds.length },
      })
      return 'added'
    })
  } catch (error) {
    await deletePhotoFiles(stored.fileKey)
    throw error
  }
  if (outcome !== 'added') await deletePhotoFiles(stored.fileKey)
  if (outcome === 'full') {
    return invalidForm(
      'add-photo',
      submission.reply({ fieldErrors: { photo: [`recaps.photos.tooMany|${MAX_PHOTOS_PER_RECAP}`] } }),
    )
  }
  if (outcome === null) return alreadyChanged(user, recap)
  return redirectWithFlash(user, `/recaps/${recap.id}/edit#photos`, 'recaps.flash.photoAdded')
}

async function requirePhoto(user: SessionUser, recap: RecapDetail, formData: FormData) {
  const id = parseId(formData.get('photoId'))
  const photo = id ? await getPhoto(db, { schoolId: user.schoolId, recapId: recap.id, id }) : undefined
  return photo ?? notFound()
}

export async function editPhoto(user: SessionUser, recap: RecapDetail, formData: FormData) {
  const { schoolId } = user
  const photo = await requirePhoto(user, recap, formData)
  const pupils = await pupilChoicesOf(user, recap)
  const submission = parseWithZod(formData, { schema: photoSchema(pupils.map((p) => p.id)) })
  if (submission.status !== 'success') return invalidForm(`photo-${photo.id}`, submission.reply())
  const value = submission.value
  const pupilIds = photoPupilsOf(value)
  const edited = await whileEditable(user, recap, async (trx) => {
    await updatePhoto(trx, {
      schoolId,
      recapId: recap.id,
      id: photo.id,
      caption: value.caption,
      showsPupils: value.showsPupils,
      pupilIds,
    })
    await touchRecap(trx, { schoolId, id: recap.id })
    await recordAudit(trx, {
      schoolId,
      userId: user.id,
      action: 'photo-updated',
      entity: 'recap',
      entityId: recap.id,
      detail: { photoId: photo.id, caption: value.caption, pupils: pupilIds.length },
    })
    return true
  })
  if (!edited) return alreadyChanged(user, recap)
  return redirectWithFlash(user, `/recaps/${recap.id}/edit#photo-${photo.id}`, 'recaps.flash.photoSaved')
}

export async function removePhoto(user: SessionUser, recap: RecapDetail, formData: FormData) {
  const { schoolId } = user
  const photo = await requirePhoto(user, recap, formData)
  const removed = await whileEditable(user, recap, async (trx) => {
    await deletePhoto(trx, { schoolId, recapId: recap.id, id: photo.id })
    await touchRecap(trx, { schoolId, id: recap.id })
    await recordAudit(trx, {
      schoolId,
      userId: user.id,
      action: 'photo-deleted',
      entity: 'recap',
      entityId: recap.id,
      detail: { photoId: photo.id, caption: photo.caption },
    })
    return true
  })
  if (!removed) return alreadyChanged(user, recap)
  // Only once the row is gone for good: a rolled-back delete must still find its files.
  await deletePhotoFiles(photo.fileKey)
  return redirectWithFlash(user, `/recaps/${recap.id}/edit#photos`, 'recaps.flash.photoDeleted')
}

export async function arrangePhoto(user: SessionUser, recap: RecapDetail, formData: FormData) {
  const { schoolId } = user
  const photo = await requirePhoto(user, recap, formData)
  const intent = formData.get('intent')
  const direction = formData.get('direction')
  if (intent === 'move-photo' && direction !== 'up' && direction !== 'down') {
    throw new Response('Unknown direction', { status: 400 })
  }
  const changed = await whileEditable(user, recap, async (trx) => {
    if (intent === 'set-cover') {
      await setCover(trx, { schoolId, recapId: recap.id, photoId: photo.id })
    } else {
      const moved = await movePhoto(trx, {
        schoolId,
        recapId: recap.id,
        id: photo.id,
        direction: direction === 'up' ? 'up' : 'down',
      })
      // Already first or last: nothing to move, nothing to record.
      if (!moved) return true
      await touchRecap(trx, { schoolId, id: recap.id })
    }
    await recordAudit(trx, {
      schoolId,
      userId: user.id,
      action: 'photo-updated',
      entity: 'recap',
      entityId: recap.id,
      detail:
        intent === 'set-cover' ? { photoId: photo.id, cover: true } : { photoId: photo.id, moved: direction },
    })
    return true
  })
  if (!changed) return alreadyChanged(user, recap)
  const flash = intent === 'set-cover' ? 'recaps.flash.coverSet' : 'recaps.flash.photoMoved'
  return redirectWithFlash(user, `/recaps/${recap.id}/edit#photo-${photo.id}`, flash)
}
