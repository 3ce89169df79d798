import type { Translation } from '../catalogue-types.ts';
import type { guestEn } from '../en/guest.ts';

export const guestKo: Translation<typeof guestEn> = {
  'guest.partySize': '{count}명',
  'guest.bookTable': '테이블 예약',
};
