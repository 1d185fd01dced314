import type { Catalogue } from '../catalogue'
import type { identity as zh } from '../zh/identity'

export const identity: Catalogue<typeof zh> = {
  emblem: {
    title: 'School emblem',
    alt: 'Emblem of {{school}}',
    lead: 'The emblem appears on the school’s public news page, the family home page and printouts. Until one is uploaded, Siji draws a seal from the school’s name.',
    generated: 'The school uses the emblem Siji drew from its name.',
    uploaded: 'The school uses the emblem it uploaded.',
    file: 'Emblem image',
    fileHint:
      'JPG, PNG or WebP, up to 8 MB; a square PNG with a transparent background works best. SVG is not accepted, for safety.',
    upload: 'Upload emblem',
    uploading: 'Uploading…',
    remove: 'Use the drawn emblem instead',
    saved: 'The emblem has been updated.',
    removed: 'The school now uses the emblem drawn from its name.',
    pageTitle: 'School emblem',
    back: 'Back to school settings',
    errors: {
      chooseFile: 'Please choose an image of the emblem.',
      empty: 'This file is empty. Please choose the emblem again.',
      tooLarge: 'This image is too large. Please choose one of 8 MB or less.',
      notImage:
        'This file is not a JPG, PNG or WebP image. Vector files such as SVG can carry scripts: please export a PNG first.',
      damaged: 'This image is damaged or incomplete and cannot be opened. Please export it again.',
      tooManyPixels: 'This image has too many pixels (over 40 megapixels). Please make it smaller first.',
    },
  },
  news: {
    currentSeason: 'This season',
    feedSecondary: 'Follow with an RSS reader',
    strand: 'Strand: {{strand}}',
  },
}
