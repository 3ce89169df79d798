import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { testBackends } from '../helpers/backends.ts';
import { ROOT } from './run-cli.ts';

/** docs/deploy-aws-rds.md's marked commands, run as written against the local MariaDB. */
const mysql = (await testBackends()).find((b) => b.name === 'mysql')!;
const server = new URL(process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test');
server.pathname = '';

describe('the RDS guide', { skip: mysql.skip }, () => {
  it('its db create / migrate / status / copy commands run against a local MariaDB', () => {
    const result = spawnSync(
      'bash',
      [path.join(ROOT, 'scripts/rds-guide-check.sh'), server.toString().replace(/\/$/, '')],
      {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, GUIDE_CHECK_BOOKINGS: '1000' },
      },
    );
    assert.equal(result.status, 0, `${result.stdout}\n${result.stderr}`);
    assert.match(result.stdout, /\$ tablebookings db copy --from sqlite:\.\/data\/tablebookings\.db$/m);
    assert.match(result.stdout, /verified: counts and checksums match/);
    assert.match(result.stdout, /guide-check: 4 commands .* ok/);
  });
});
