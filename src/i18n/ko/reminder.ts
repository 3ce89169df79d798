import type { Translation } from '../catalogue-types.ts';
import type { reminderEn } from '../en/reminder.ts';

export const reminderKo: Translation<typeof reminderEn> = {
  'reminder.subject': '예약 알림: {restaurant}, {when}',
  'reminder.greeting': '{name}님, 안녕하세요.',
  'reminder.intro': '{restaurant} 예약을 알려 드립니다.',
  'reminder.reference': '예약 번호: {reference}',
  'reminder.when': '일시: {when} ({zone})',
  'reminder.party': { other: '인원: {count}명' },
  'reminder.confirmPrompt': '방문하시나요? 예약을 확인해 주세요:',
  'reminder.cancelPrompt': '방문이 어려우신가요? 다른 손님이 이용할 수 있도록 예약을 취소해 주세요:',
  'reminder.confirmLink': '예약 확인하기',
  'reminder.cancelLink': '예약 취소하기',
  'reminder.thanks': '곧 뵙기를 기대합니다.',
};
