export const photos = {
  title: '照片',
  limits: 'JPG、PNG 或 WebP，最大 8 MB',
  errors: {
    empty: '这个文件是空的，请重新选择照片。',
    tooLarge: '照片太大了，请选择不超过 8 MB 的照片，或先压缩后再上传。',
    notImage: '这个文件不是照片。请上传 JPG、PNG 或 WebP 格式的图片。',
    damaged: '照片文件已损坏或不完整，无法打开，请重新导出后再上传。',
    tooManyPixels: '照片的尺寸太大（超过 4000 万像素），请缩小后再上传。',
  },
  withheld: {
    consent_one: '照片中的{{names}}尚未同意公开使用照片，公开页面将不显示这张照片。',
    consent_other: '照片中的{{names}}尚未同意公开使用照片，公开页面将不显示这张照片。',
    parentConsent_one: '照片中的{{names}}的家长未同意校内使用照片，家长页面将不显示这张照片。',
    parentConsent_other: '照片中的{{names}}的家长未同意校内使用照片，家长页面将不显示这张照片。',
    noPupilsNamed: '这张照片标记为拍到了学生，但没有注明是哪些学生，因此只有老师能看到。',
    where: {
      public: '公开页面',
      parent: '家长页面',
    },
  },
}
