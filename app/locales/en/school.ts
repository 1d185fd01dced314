import type { Catalogue } from '../catalogue'
import type { school as zh } from '../zh/school'

export const school: Catalogue<typeof zh> = {
  title: 'School settings',
}
