import type { RestaurantRules, ServicePeriod, TableInfo } from '../../src/domain/types.ts';
import { DEFAULT_SETTINGS } from '../../src/domain/restaurant-rules.ts';

/** Epoch ms of an ISO instant written with an explicit offset (fixed clock values). */
export function at(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad instant ${iso}`);
  return ms;
}

export function everyDay(opens: string, closes: string): ServicePeriod[] {
  return [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens, closes }));
}

export function rules(overrides: Partial<RestaurantRules> = {}): RestaurantRules {
  return {
    ...DEFAULT_SETTINGS,
    durations: DEFAULT_SETTINGS.durations.map((d) => ({ ...d })),
    timezone: 'Asia/Seoul',
    hours: [...everyDay('12:00', '15:00'), ...everyDay('18:00', '22:00')],
    closures: [],
    ...overrides,
  };
}

export function table(id: string, minSeats: number, maxSeats: number, active = true): TableInfo {
  return { id, label: id, minSeats, maxSeats, active };
}
