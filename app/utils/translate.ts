import type { TFunction } from 'i18next'

/**
 * Validation messages are catalogue keys, optionally with one parameter after a bar:
 * `validation.tooLong|64` → t('validation.tooLong', { max: 64 }).
 */
export function translateMessage(t: TFunction, message: string): string {
  const [key = message, param] = message.split('|')
  return param === undefined ? t(key) : t(key, { max: Number(param) })
}
