import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dropCreatedDatabases, testBackends } from '../helpers/backends.ts';
import { testApp, type TestApp } from '../helpers/test-app.ts';
import { findStaffUserByEmail } from '../../src/db/queries/staff-users.ts';
import crypto from 'node:crypto';
import { passwordProblem, verifyPassword } from '../../src/staff/passwords.ts';
import { call, login, PASSWORD, seedRestaurant, seedUser } from './staff-helpers.ts';

after(dropCreatedDatabases);

const NEW_PASSWORD = 'a brand new long passphrase';

const loginStatus = async (t: TestApp, email: string, password: string) =>
  (await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } })).statusCode;

describe('password rules', () => {
  it('at least 10 characters, not the email, not a common password', () => {
    assert.match(passwordProblem('short pw', 'a@example.com')!, /at least 10/);
    assert.match(passwordProblem('someone@example.com', 'someone@example.com')!, /email/);
    assert.match(passwordProblem('Someone@Example.com ', 'someone@example.com')!, /email/);
    for (const common of ['password123', 'qwertyuiop', '1234567890', 'Basketball'])
      assert.match(passwordProblem(common, 'a@example.com')!, /common/, common);
    assert.equal(passwordProblem('correct horse battery', 'a@example.com'), null);
  });
});

for (const backend of await testBackends()) {
  describe(`POST /api/v1/auth/password on ${backend.name}`, { skip: backend.skip }, () => {
    let t: TestApp;
    before(async () => {
      t = await testApp(backend);
      await seedRestaurant(t.database.db, 'alpha');
      await seedUser(t.database.db, 'host@example.com', { restaurant: 'alpha', role: 'host' });
    });
    after(async () => t?.close());

    it('204; this session stays, every other session of the user ends; the new password signs in', async () => {
      const here = await login(t.app, 'host@example.com');
      const elsewhere = await login(t.app, 'host@example.com');
      const res = await call(t.app, here, 'POST', '/api/v1/auth/password', {
        currentPassword: PASSWORD,
        newPassword: NEW_PASSWORD,
      });
      assert.equal(res.statusCode, 204, res.body);
      assert.equal((await call(t.app, here, 'GET', '/api/v1/auth/me')).statusCode, 200);
      assert.equal((await call(t.app, elsewhere, 'GET', '/api/v1/auth/me')).statusCode, 401);
      assert.equal(await loginStatus(t, 'host@example.com', PASSWORD), 401);
      assert.equal(await loginStatus(t, 'host@example.com', NEW_PASSWORD), 200);
      const back = await call(t.app, here, 'POST', '/api/v1/auth/password', {
        currentPassword: NEW_PASSWORD,
        newPassword: PASSWORD,
      });
      assert.equal(back.statusCode, 204);
    });

    it('422 with field errors for a weak new password or a wrong current one; nothing changes', async () => {
      const s = await login(t.app, 'host@example.com');
      const cases: [Record<string, string>, string][] = [
        [{ currentPassword: PASSWORD, newPassword: 'short' }, 'newPassword'],
        [{ currentPassword: PASSWORD, newPassword: 'host@example.com' }, 'newPassword'],
        [{ currentPassword: PASSWORD, newPassword: 'password123' }, 'newPassword'],
        [{ currentPassword: 'not the password', newPassword: NEW_PASSWORD }, 'currentPassword'],
      ];
      for (const [body, field] of cases) {
        const res = await call(t.app, s, 'POST', '/api/v1/auth/password', body);
        assert.equal(res.statusCode, 422, res.body);
        assert.match(String(res.headers['content-type']), /problem\+json/);
        assert.equal(res.json().errors[0].field, field);
      }
      assert.equal(await loginStatus(t, 'host@example.com', PASSWORD), 200);
    });

    it('a hash made with the old scrypt cost (p=1) is upgraded to p=5 at the next sign-in', async () => {
      const salt = crypto.randomBytes(16);
      const old = [
        'scrypt',
        16384,
        8,
        1,
        salt.toString('base64url'),
        crypto.scryptSync(PASSWORD, salt, 32, { N: 16384, r: 8, p: 1 }).toString('base64url'),
      ].join('$');
      await seedUser(t.database.db, 'old@example.com');
      await t.database.db
        .updateTable('staff_users')
        .set({ password_hash: old })
        .where('email', '=', 'old@example.com')
        .execute();
      assert.equal(await loginStatus(t, 'old@example.com', PASSWORD), 200);
      const upgraded = (await findStaffUserByEmail(t.database.db, 'old@example.com'))!.password_hash;
      assert.match(upgraded, /^scrypt\$16384\$8\$5\$/);
      assert.ok(await verifyPassword(PASSWORD, upgraded));
      assert.equal(await loginStatus(t, 'old@example.com', PASSWORD), 200);
    });

    it('signed out 401; without the CSRF token 403', async () => {
      const body = { currentPassword: PASSWORD, newPassword: NEW_PASSWORD };
      assert.equal((await call(t.app, null, 'POST', '/api/v1/auth/password', body)).statusCode, 401);
      const s = await login(t.app, 'host@example.com');
      assert.equal(
        (await call(t.app, { ...s, csrfToken: 'nope' }, 'POST', '/api/v1/auth/password', body)).statusCode,
        403,
      );
      assert.equal(await loginStatus(t, 'host@example.com', PASSWORD), 200);
    });
  });

  describe(`admin staff API on ${backend.name}`, { skip: backend.skip }, () => {
    let t: TestApp;
    before(async () => {
      t = await testApp(backend);
      await seedRestaurant(t.database.db, 'alpha');
      await seedUser(t.database.db, 'root@example.com', { admin: true });
      await seedUser(t.database.db, 'host@example.com', { restaurant: 'alpha', role: 'host' });
    });
    after(async () => t?.close());

    it('lists users with memberships, never a hash', async () => {
      const admin = await login(t.app, 'root@example.com');
      const res = await call(t.app, admin, 'GET', '/api/v1/staff');
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['cache-control'], 'no-store');
      const users = res.json().users;
      assert.deepEqual(
        users.find((u: { email: string }) => u.email === 'host@example.com'),
        {
          email: 'host@example.com',
          name: 'host',
          admin: false,
          disabled: false,
          memberships: [{ restaurant: 'alpha', role: 'host' }],
        },
      );
      assert.doesNotMatch(res.body, /scrypt/);
    });

    it('creates a user (201), refuses a duplicate (409) and a weak password (422)', async () => {
      const admin = await login(t.app, 'root@example.com');
      const created = await call(t.app, admin, 'POST', '/api/v1/staff', {
        email: 'New@Example.com',
        name: 'Newbie',
        password: NEW_PASSWORD,
      });
      assert.equal(created.statusCode, 201, created.body);
      assert.deepEqual(created.json(), {
        email: 'new@example.com',
        name: 'Newbie',
        admin: false,
        disabled: false,
        memberships: [],
      });
      assert.equal(await loginStatus(t, 'new@example.com', NEW_PASSWORD), 200);
      assert.equal(
        (await call(t.app, admin, 'POST', '/api/v1/staff', { email: 'new@example.com', password: NEW_PASSWORD }))
          .statusCode,
        409,
      );
      const weak = await call(t.app, admin, 'POST', '/api/v1/staff', {
        email: 'weak@example.com',
        password: 'password123',
      });
      assert.equal(weak.statusCode, 422);
      assert.equal(weak.json().errors[0].field, 'password');
      assert.equal(await findStaffUserByEmail(t.database.db, 'weak@example.com'), undefined);
    });

    it('disabling ends the sessions at once and refuses sign-in; enabling allows it again', async () => {
      const admin = await login(t.app, 'root@example.com');
      const host = await login(t.app, 'host@example.com');
      const off = await call(t.app, admin, 'PATCH', '/api/v1/staff/host%40example.com', { disabled: true });
      assert.equal(off.statusCode, 200, off.body);
      assert.equal(off.json().disabled, true);
      assert.equal((await call(t.app, host, 'GET', '/api/v1/auth/me')).statusCode, 401);
      assert.equal(
        (await call(t.app, host, 'GET', '/api/v1/restaurants/alpha/bookings?date=2026-06-02')).statusCode,
        401,
      );
      assert.equal(await loginStatus(t, 'host@example.com', PASSWORD), 401);
      assert.equal(
        (await call(t.app, admin, 'PATCH', '/api/v1/staff/host%40example.com', { disabled: false })).statusCode,
        200,
      );
      assert.equal(await loginStatus(t, 'host@example.com', PASSWORD), 200);
    });

    it("a new password set by an admin ends the user's sessions; renames; 404 for an unknown email", async () => {
      const admin = await login(t.app, 'root@example.com');
      const host = await login(t.app, 'host@example.com');
      const res = await call(t.app, admin, 'PATCH', '/api/v1/staff/host%40example.com', {
        password: NEW_PASSWORD,
        name: 'Hanna Host',
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().name, 'Hanna Host');
      assert.equal((await call(t.app, host, 'GET', '/api/v1/auth/me')).statusCode, 401);
      assert.equal(await loginStatus(t, 'host@example.com', NEW_PASSWORD), 200);
      assert.equal(
        (await call(t.app, admin, 'PATCH', '/api/v1/staff/host%40example.com', { password: 'short' })).statusCode,
        422,
      );
      assert.equal(
        (await call(t.app, admin, 'PATCH', '/api/v1/staff/nobody%40example.com', { name: 'x' })).statusCode,
        404,
      );
      assert.equal((await call(t.app, admin, 'PATCH', '/api/v1/staff/host%40example.com', {})).statusCode, 422);
    });

    it('the last enabled admin cannot be disabled or demoted (409), even by two admins at once', async () => {
      const admin = await login(t.app, 'root@example.com');
      for (const body of [{ disabled: true }, { admin: false }]) {
        const res = await call(t.app, admin, 'PATCH', '/api/v1/staff/root%40example.com', body);
        assert.equal(res.statusCode, 409, res.body);
      }
      await call(t.app, admin, 'POST', '/api/v1/staff', {
        email: 'second@example.com',
        password: NEW_PASSWORD,
        admin: true,
      });
      const second = await login(t.app, 'second@example.com', NEW_PASSWORD);
      for (let round = 0; round < 3; round++) {
        const [a, b] = await Promise.all([
          call(t.app, admin, 'PATCH', '/api/v1/staff/second%40example.com', { admin: false }),
          call(t.app, second, 'PATCH', '/api/v1/staff/root%40example.com', { admin: false }),
        ]);
        // One demotion wins. The other is refused: 409 (it would leave no admin), or 403 when that
        // request is authorized only after the winner's commit, because its sender is no admin by then.
        const codes = [a.statusCode, b.statusCode].sort();
        assert.equal(codes[0], 200, `${a.body} ${b.body}`);
        assert.ok(codes[1] === 409 || codes[1] === 403, `${a.body} ${b.body}`);
        const admins = await t.database.db
          .selectFrom('staff_users')
          .select('email')
          .where('is_admin', '=', 1)
          .where('disabled', '=', 0)
          .execute();
        assert.equal(admins.length, 1);
        // restore: whoever is left makes the other admin again
        const left = admins[0].email === 'root@example.com' ? admin : second;
        const other = admins[0].email === 'root@example.com' ? 'second' : 'root';
        assert.equal(
          (await call(t.app, left, 'PATCH', `/api/v1/staff/${other}%40example.com`, { admin: true })).statusCode,
          200,
        );
      }
    });

    it('hosts and managers may not use it (403)', async () => {
      const host = await login(t.app, 'host@example.com', NEW_PASSWORD).catch(() => login(t.app, 'host@example.com'));
      assert.equal((await call(t.app, host, 'GET', '/api/v1/staff')).statusCode, 403);
    });
  });
}
