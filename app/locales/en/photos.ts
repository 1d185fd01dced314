import type { Catalogue } from '../catalogue'
import type { photos as zh } from '../zh/photos'

export const photos: Catalogue<typeof zh> = {
  title: 'Photos',
  limits: 'JPG, PNG or WebP, up to 8 MB',
  errors: {
    empty: 'This file is empty. Please choose the photo again.',
    tooLarge: 'This photo is too large. Please choose one of 8 MB or less, or make it smaller first.',
    notImage: 'This file is not a photo. Please upload a JPG, PNG or WebP image.',
    damaged: 'This photo file is damaged or incomplete and cannot be opened. Please export it again.',
    tooManyPixels: 'This photo has too many pixels (over 40 megapixels). Please make it smaller first.',
  },
  withheld: {
    consent_one:
      'The guardian of {{names}}, who is in this photo, has not agreed to public use of photos: public pages will leave this photo out.',
    consent_other:
      'The guardians of {{names}}, who are in this photo, have not all agreed to public use of photos: public pages will leave this photo out.',
    parentConsent_one:
      'The guardian of {{names}}, who is in this photo, has not agreed to photos being used in school: parents will not see this photo.',
    parentConsent_other:
      'The guardians of {{names}}, who are in this photo, have not all agreed to photos being used in school: parents will not see this photo.',
    noPupilsNamed: 'This photo is marked as showing pupils but does not say which, so only staff can see it.',
    where: {
      public: 'Public pages',
      parent: 'Parents’ pages',
    },
  },
}
