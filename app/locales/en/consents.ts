import type { Catalogue } from '../catalogue'
import type { consents as zh } from '../zh/consents'

export const consents: Catalogue<typeof zh> = {
  statuses: {
    requested: 'Awaiting answer',
    given: 'Given',
    refused: 'Refused',
  },
  photo: {
    none: 'No photos of my child',
    school: 'Within the school only (parents and staff)',
    public: 'May be published publicly',
  },
}
