/**
 * A/B in one process, one run: availability through app.inject with the one-round-trip
 * path (version stamp inside the claims query) against the old two-round-trip path
 * (RestaurantCache.peek disabled, so every request reads the version first). Alternates
 * blocks of requests so machine load hits both alike; prints the ratio. Usage:
 *   tsx bench/availability-ab.ts [sqlite|mysql|postgres] [requests per block] [blocks]
 */
import { performance } from 'node:perf_hooks';
import { RestaurantCache } from '../src/services/restaurant-context.ts';
import { dropCreatedDatabases, testBackends } from '../test/helpers/backends.ts';
import { insertRestaurant } from '../test/helpers/fixtures.ts';
import { testApp } from '../test/helpers/test-app.ts';

const [name = 'sqlite', perBlock = '400', blocks = '6'] = process.argv.slice(2);
const backend = (await testBackends()).find((b) => b.name === name);
if (!backend || backend.skip) throw new Error(`backend ${name} is not available`);
const t = await testApp(backend);
const r = await insertRestaurant(t.database.db);
const url = `/api/v1/restaurants/${r.slug}/availability?date=2026-06-02&party=2`;
const peek = Object.getOwnPropertyDescriptor(RestaurantCache.prototype, 'peek')?.value as RestaurantCache['peek'];
const timeBlock = async (oneTrip: boolean): Promise<number> => {
  RestaurantCache.prototype.peek = oneTrip ? peek : () => undefined;
  const started = performance.now();
  for (let i = 0; i < Number(perBlock); i += 8) {
    const answers = await Promise.all(Array.from({ length: 8 }, () => t.app.inject(url)));
    if (answers.some((a) => a.statusCode !== 200)) throw new Error('non-200 answer');
  }
  return Number(perBlock) / ((performance.now() - started) / 1000);
};
await timeBlock(true);
const rates = { one: [] as number[], two: [] as number[] };
for (let b = 0; b < Number(blocks); b++) {
  rates.two.push(await timeBlock(false));
  rates.one.push(await timeBlock(true));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(
  JSON.stringify({
    backend: name,
    twoRoundTrips: Math.round(median(rates.two)),
    oneRoundTrip: Math.round(median(rates.one)),
    ratio: +(median(rates.one) / median(rates.two)).toFixed(2),
  }),
);
await t.close();
await dropCreatedDatabases();
