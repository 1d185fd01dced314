import type { Catalogue } from '../catalogue'
import type { zh } from '../zh/index'
import { activities } from './activities'
import { awards } from './awards'
import { calendar } from './calendar'
import { common } from './common'
import { consents } from './consents'
import { family } from './family'
import { familyData } from './family-data'
import { identity } from './identity'
import { inbox } from './inbox'
import { news } from './news'
import { notices } from './notices'
import { observances } from './observances'
import { participation } from './participation'
import { partners } from './partners'
import { photos } from './photos'
import { privacy } from './privacy'
import { reach } from './reach'
import { recapDraft } from './recap-draft'
import { recaps } from './recaps'
import { records } from './records'
import { reports } from './reports'
import { retention } from './retention'
import { roster } from './roster'
import { school } from './school'
import { seasons } from './seasons'

export const en: Catalogue<typeof zh> = {
  ...common,
  school,
  seasons,
  activities,
  calendar,
  partners,
  inbox,
  observances,
  roster,
  participation,
  consents,
  records,
  notices,
  reports,
  awards,
  recaps,
  photos,
  recapDraft,
  reach,
  family,
  familyData,
  news,
  identity,
  retention,
  privacy,
}
