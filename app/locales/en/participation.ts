import type { Catalogue } from '../catalogue'
import type { participation as zh } from '../zh/participation'

export const participation: Catalogue<typeof zh> = {
  roles: {
    participant: 'Participant',
    volunteer: 'Volunteer',
    speaker: 'Speaker',
    docent: 'Docent',
    host: 'Host',
    flag_raiser: 'Flag-raiser',
    flag_guard: 'Flag guard',
    performer: 'Performer',
    class_representative: 'Class representative',
  },
  statuses: {
    attended: 'Attended',
    absent: 'Absent',
    excused: 'Excused',
    unmarked: 'Not marked',
  },
}
