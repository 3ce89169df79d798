import type { Translation } from '../catalogue-types.ts';
import type { statusEn } from '../en/status.ts';

export const statusKo: Translation<typeof statusEn> = {
  'status.confirmed': '확정',
  'status.seated': '착석',
  'status.completed': '완료',
  'status.cancelled': '취소됨',
  'status.no_show': '노쇼',
  'weekday.1': '월요일',
  'weekday.2': '화요일',
  'weekday.3': '수요일',
  'weekday.4': '목요일',
  'weekday.5': '금요일',
  'weekday.6': '토요일',
  'weekday.7': '일요일',
};
