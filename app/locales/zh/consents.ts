export const consents = {
  statuses: {
    requested: '待回复',
    given: '同意',
    refused: '不同意',
  },
  photo: {
    none: '不使用孩子的照片',
    school: '仅限校内（家长和老师可见）',
    public: '可以公开发布',
  },
}
