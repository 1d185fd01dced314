/** The school's look: its emblem, the public news hero and cards, strand colours. */
export const identity = {
  emblem: {
    title: '校徽',
    alt: '{{school}}校徽',
    lead: '校徽显示在学校的公开新闻页、家长首页和打印页上。没有上传时，系统用校名生成一枚印章式校徽。',
    generated: '目前使用系统生成的校徽。',
    uploaded: '目前使用学校上传的校徽。',
    file: '上传校徽图片',
    fileHint: 'JPG、PNG 或 WebP，最大 8 MB；建议正方形、透明背景的 PNG。为安全起见不接受 SVG。',
    upload: '上传校徽',
    uploading: '正在上传…',
    remove: '改用生成的校徽',
    saved: '校徽已更新。',
    removed: '已改用系统生成的校徽。',
    pageTitle: '校徽',
    back: '返回学校设置',
    errors: {
      chooseFile: '请选择一张校徽图片。',
      empty: '这个文件是空的，请重新选择校徽图片。',
      tooLarge: '图片太大了，请选择不超过 8 MB 的图片。',
      notImage: '这个文件不是 JPG、PNG 或 WebP 图片。SVG 等矢量文件可能含有脚本，请先导出为 PNG 再上传。',
      damaged: '图片文件已损坏或不完整，无法打开，请重新导出后再上传。',
      tooManyPixels: '图片的尺寸太大（超过 4000 万像素），请缩小后再上传。',
    },
  },
  news: {
    currentSeason: '本季主题',
    feedSecondary: '用 RSS 阅读器订阅',
    strand: '主线：{{strand}}',
  },
}
