/**
 * One racing client process: POSTs a booking for every (time, round) of its plan to
 * its app server, all for the same date and party, and prints one JSON line:
 * `{ statuses, created: [{reference, name}], failures }`. No client retry: a 5xx is a failure.
 * Usage: node --import tsx test/cluster/race-client.ts '{"baseUrl":…,"slug":…,"date":…,"times":[…],"rounds":N,"tag":…}'
 */
interface Plan {
  baseUrl: string;
  slug: string;
  date: string;
  times: string[];
  rounds: number;
  tag: string;
}

const plan = JSON.parse(process.argv[2]) as Plan;
const statuses: Record<string, number> = {};
const created: { reference: string; name: string }[] = [];
const failures: string[] = [];

for (let round = 0; round < plan.rounds; round++) {
  for (const time of plan.times) {
    const name = `Race ${plan.tag} ${round} ${time}`;
    const body = { date: plan.date, time, party: 2, name, email: `race-${plan.tag}@example.com` };
    try {
      const res = await fetch(`${plan.baseUrl}/api/v1/restaurants/${plan.slug}/bookings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `${plan.tag}-${round}-${time}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await res.text();
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      if (res.status === 201) created.push({ reference: (JSON.parse(text) as { reference: string }).reference, name });
      else if (res.status !== 409) failures.push(`${res.status} ${text.slice(0, 200)}`);
    } catch (error) {
      statuses.error = (statuses.error ?? 0) + 1;
      failures.push(String(error));
    }
  }
}
process.stdout.write(JSON.stringify({ statuses, created, failures }) + '\n');
