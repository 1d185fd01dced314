/**
 * Who may read a guardian's phone in full (PIPL, least data). The rule:
 * - admins: always;
 * - the head teacher of the pupil's class: always;
 * - an activity's organiser and staff: on that activity's own pages, for the pupils it concerns
 *   (they may need to call a family about that trip), nowhere else;
 * - everyone else, and every printed or exported page meant to leave the school: masked.
 * Loaders apply it before the data leaves the server; a page never hides a full number in CSS.
 */
export type PhoneReader = { id: number; role: 'admin' | 'teacher' | 'parent' }

export type PhoneSetting = {
  /** The head teacher of the pupil's class. */
  headTeacherId: number | null
  /** Set only on an activity's own pages: its organiser and staff. */
  activity?: { organiserId: number | null; staffIds: readonly number[] }
}

export function mayReadFullPhone(reader: PhoneReader, setting: PhoneSetting): boolean {
  if (reader.role === 'admin') return true
  if (reader.role !== 'teacher') return false
  if (setting.headTeacherId === reader.id) return true
  const { activity } = setting
  return !!activity && (activity.organiserId === reader.id || activity.staffIds.includes(reader.id))
}

/** 13900000001 → 139****0001: enough for a family to recognise its number. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '')
  return digits.length === 11 ? `${digits.slice(0, 3)}****${digits.slice(7)}` : ''
}

/** The phone as `reader` may see it in `setting`: in full, or masked. */
export function guardianPhoneFor(reader: PhoneReader, setting: PhoneSetting, phone: string): string {
  return mayReadFullPhone(reader, setting) ? phone : maskPhone(phone)
}
