import { activities } from './activities'
import { calendar } from './calendar'
import { common } from './common'
import { inbox } from './inbox'
import { observances } from './observances'
import { partners } from './partners'
import { school } from './school'
import { seasons } from './seasons'

export const zh = { ...common, school, seasons, activities, calendar, partners, inbox, observances }
