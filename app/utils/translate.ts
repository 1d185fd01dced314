import type { TFunction } from 'i18next'

function translateWithParam(t: TFunction, message: string, param: 'max' | 'count'): string {
  const [key = message, value] = message.split('|')
  return value === undefined ? t(key) : t(key, { [param]: Number(value) })
}

/**
 * Validation messages are catalogue keys, optionally with one parameter after a bar:
 * `validation.tooLong|64` → t('validation.tooLong', { max: 64 }).
 */
export function translateMessage(t: TFunction, message: string): string {
  return translateWithParam(t, message, 'max')
}

/**
 * Flash messages are catalogue keys, optionally with a count after a bar (see redirectWithFlash):
 * `activities.flash.createdWithWarnings|3` → t('activities.flash.createdWithWarnings', { count: 3 }).
 */
export function translateFlash(t: TFunction, flash: string): string {
  return translateWithParam(t, flash, 'count')
}
