import type { Translation } from '../catalogue-types.ts';
import type { emailEn } from '../en/email.ts';

export const emailKo: Translation<typeof emailEn> = {
  'email.subject.confirmation': '예약이 확정되었습니다: {restaurant}, {date} {time}',
  'email.subject.change': '예약이 변경되었습니다: {restaurant}, {date} {time}',
  'email.subject.cancellation': '예약이 취소되었습니다: {restaurant}, {date} {time}',
  'email.hello': '{name}님, 안녕하세요.',
  'email.intro.confirmation': '{restaurant} 테이블 예약이 확정되었습니다.',
  'email.intro.change': '{restaurant} 예약이 변경되었습니다.',
  'email.intro.cancellation': '{restaurant} 예약이 취소되었습니다.',
  'email.reference': '예약 번호',
  'email.when': '일시',
  'email.whenValue': '{date} {time} ({zone})',
  'email.party': '인원',
  'email.status': '상태',
  'email.manage': '예약 확인, 변경, 취소:',
  'email.manageLink': '내 예약 열기',
  'email.calendarNote': '첨부된 캘린더 파일로 일정을 캘린더에 추가할 수 있습니다.',
  'calendar.summary': '{restaurant} {party}명 예약',
  'calendar.description': '예약 {reference}: {date} {time} ({zone}), {party}명, 테이블 {table}.',
};
