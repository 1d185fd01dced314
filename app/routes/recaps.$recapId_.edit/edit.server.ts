import { parseWithZod } from '@conform-to/zod/v4'
import { data } from '@remix-run/node'
import { audienceTargets, canEditRecap, MAX_PHOTOS_PER_RECAP } from '~/domain/recap-lifecycle'
import { photoPupilsOf, photoSchema, RecapPreviewSchema, recapSchema } from '~/domain/recap-schemas'
import { parseId } from '~/domain/schemas'
import {
  countPhotos,
  getPhoto,
  getRecap,
  listNamedPupilIds,
  listPupilChoices,
  type RecapDetail,
} from '~/models/recaps.server'
import {
  addRecapPhoto,
  arrangeRecapPhoto,
  editRecapPhoto,
  removeRecapPhoto,
  saveRecapEdit,
} from '~/services/recap-workflow.server'
import { redirectWithFlash, type SessionUser } from '~/utils/auth.server'
import { db } from '~/utils/db.server'
import { renderMarkdown } from '~/utils/markdown.server'
import { deletePhotoFiles, storePhoto } from '~/utils/photo-files.server'
import type { PhotoUpload } from '~/utils/photo-upload.server'
import { draftFor, recapChoicesFor } from '~/utils/recap-form.server'
import { type FormReply, invalidForm, notFound } from '~/utils/responses'

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
  const saved = await saveRecapEdit(db, user, { recapId: recap.id, input })
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
  let outcome: Awaited<ReturnType<typeof addRecapPhoto>>
  try {
    outcome = await addRecapPhoto(db, user, {
      recapId: recap.id,
      file: stored,
      photo: { caption: value.caption, showsPupils: value.showsPupils, pupilIds },
    })
  } catch (error) {
    await deletePhotoFiles(stored.fileKey)
    throw error
  }
  const added = outcome !== null && outcome !== 'full'
  if (!added) await deletePhotoFiles(stored.fileKey)
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
  const photo = await requirePhoto(user, recap, formData)
  const pupils = await pupilChoicesOf(user, recap)
  const submission = parseWithZod(formData, { schema: photoSchema(pupils.map((p) => p.id)) })
  if (submission.status !== 'success') return invalidForm(`photo-${photo.id}`, submission.reply())
  const value = submission.value
  const pupilIds = photoPupilsOf(value)
  const edited = await editRecapPhoto(db, user, {
    recapId: recap.id,
    photoId: photo.id,
    photo: { caption: value.caption, showsPupils: value.showsPupils, pupilIds },
  })
  if (!edited) return alreadyChanged(user, recap)
  return redirectWithFlash(user, `/recaps/${recap.id}/edit#photo-${photo.id}`, 'recaps.flash.photoSaved')
}

export async function removePhoto(user: SessionUser, recap: RecapDetail, formData: FormData) {
  const photo = await requirePhoto(user, recap, formData)
  const removed = await removeRecapPhoto(db, user, { recapId: recap.id, photo })
  if (!removed) return alreadyChanged(user, recap)
  // Only once the row is gone for good: a rolled-back delete must still find its files.
  await deletePhotoFiles(photo.fileKey)
  return redirectWithFlash(user, `/recaps/${recap.id}/edit#photos`, 'recaps.flash.photoDeleted')
}

export async function arrangePhoto(user: SessionUser, recap: RecapDetail, formData: FormData) {
  const photo = await requirePhoto(user, recap, formData)
  const intent = formData.get('intent')
  const direction = formData.get('direction')
  if (intent === 'move-photo' && direction !== 'up' && direction !== 'down') {
    throw new Response('Unknown direction', { status: 400 })
  }
  const changed = await arrangeRecapPhoto(db, user, {
    recapId: recap.id,
    photoId: photo.id,
    how: intent === 'set-cover' ? 'cover' : direction === 'up' ? 'up' : 'down',
  })
  if (!changed) return alreadyChanged(user, recap)
  const flash = intent === 'set-cover' ? 'recaps.flash.coverSet' : 'recaps.flash.photoMoved'
  return redirectWithFlash(user, `/recaps/${recap.id}/edit#photo-${photo.id}`, flash)
}
