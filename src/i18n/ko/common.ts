import type { Translation } from '../catalogue-types.ts';
import type { commonEn } from '../en/common.ts';

export const commonKo: Translation<typeof commonEn> = {
  'common.brand': 'tablebookings',
  'common.skipToContent': '본문으로 건너뛰기',
  'common.staff': '직원',
  'common.signOut': '로그아웃',
  'common.staffSignIn': '직원 로그인',
  'common.api': 'API',
  'common.staffHome': '직원 홈',
  'common.allRestaurants': '모든 레스토랑',
  'common.restaurantNav': '레스토랑',
  'common.titleSuffix': '{title} · tablebookings',
  'common.language': '언어',
  'common.languageSwitch': '언어 선택',
  'common.languageName.en': 'English',
  'common.languageName.ko': '한국어',
  'common.save': '저장',
  'common.cancel': '취소',
  'common.back': '뒤로',
  'common.optional': '선택 사항',
  'common.timeZoneNote': '시간은 {zone} 기준입니다.',
  'common.zonedTime': '{time} ({zone})',
  'common.guests': '{count}명',
  'common.minutes': '{count}분',
  'common.dateFormatHint': 'YYYY-MM-DD 형식, 예: {example}',
  'common.timeFormatHint': '24시간제 HH:MM 형식, 예: {example}',
};
