import type { Translation } from '../catalogue-types.ts';
import type { capacityEn } from '../en/capacity.ts';

export const capacityKo: Translation<typeof capacityEn> = {
  'capacity.reason.closed': '그날은 휴무입니다.',
  'capacity.reason.past': '지난 날짜입니다. 이후 날짜를 선택해 주세요.',
  'capacity.reason.beyond_window': '아직 그 날짜의 예약을 받지 않습니다.',
  'capacity.reason.full': '그날은 예약이 모두 찼습니다.',
  'capacity.nearestDays': '다른 날의 가장 가까운 빈 시간:',
  'capacity.area': '구역',
  'capacity.anyArea': '모든 구역',
  'capacity.held': { other: '{table} 테이블을 {count}분 동안({time}까지) 잡아 두었습니다.' },
};
