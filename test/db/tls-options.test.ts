import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DatabaseUrlError, parseDatabaseUrl } from '../../src/config/database-url.ts';
import { tlsSettingsOf } from '../../src/config/tls-options.ts';
import { mysqlTlsOptions, postgresTlsOptions } from '../../src/db/tls-options.ts';
import { loadConfig, ConfigError } from '../../src/config.ts';

const tls = (url: string) => {
  const parsed = parseDatabaseUrl(url);
  return tlsSettingsOf(parsed.backend, parsed.url!.searchParams);
};

describe('TLS options in DATABASE_URL (issue 11)', () => {
  it('MySQL: ssl=true and a CA file verify fully; ssl-mode follows MySQL', () => {
    assert.deepEqual(tls('mysql://u@h/db'), { mode: 'off', caFile: undefined });
    assert.equal(tls('mysql://u@h/db?ssl=true').mode, 'verify-full');
    assert.deepEqual(tls('mysql://u@h/db?ssl-ca=/etc/rds.pem'), { mode: 'verify-full', caFile: '/etc/rds.pem' });
    assert.equal(tls('mysql://u@h/db?ssl-mode=REQUIRED').mode, 'require');
    assert.equal(tls('mysql://u@h/db?ssl-mode=verify_ca&ssl-ca=/ca.pem').mode, 'verify-ca');
    assert.equal(tls('mysql://u@h1:3306,h2:3306/db?ssl-mode=VERIFY_IDENTITY').mode, 'verify-full');
    assert.equal(tls('mysql://u@h/db?ssl-mode=DISABLED').mode, 'off');
  });

  it('PostgreSQL: sslmode follows libpq', () => {
    assert.equal(tls('postgres://u@h/db?sslmode=require').mode, 'require');
    assert.equal(tls('postgres://u@h/db?sslmode=verify-ca&sslrootcert=/ca.pem').mode, 'verify-ca');
    assert.equal(tls('postgresql://u@h/db?sslmode=verify-full').mode, 'verify-full');
    assert.equal(tls('postgres://u@h/db?ssl=true').mode, 'verify-full');
  });

  it('refuses unknown, misspelled, silent-fallback, repeated and contradictory options', () => {
    const bad = [
      'mysql://u@h/db?sslmode=require', // the PostgreSQL spelling on MySQL
      'mysql://u@h/db?ssl_mode=REQUIRED',
      'mysql://u@h/db?ssl=yes-please',
      'mysql://u@h/db?ssl-mode=PREFERRED',
      'mysql://u@h/db?ssl-mode=REQUIRE',
      'mysql://u@h/db?ssl=true&ssl=false',
      'mysql://u@h/db?ssl=false&ssl-mode=REQUIRED',
      'mysql://u@h/db?ssl-mode=DISABLED&ssl-ca=/ca.pem',
      'mysql://u@h/db?ssl-ca=',
      'postgres://u@h/db?sslmode=prefer',
      'postgres://u@h/db?sslmode=allow',
      'postgres://u@h/db?ssl-mode=require',
      'postgres://u@h/db?sslmdoe=require',
    ];
    for (const url of bad) {
      assert.throws(() => parseDatabaseUrl(url), DatabaseUrlError, url);
      assert.throws(
        () => loadConfig({ DATABASE_URL: url, SECRET_KEY: 'x'.repeat(32) }),
        (e: unknown) => e instanceof ConfigError && /^DATABASE_URL /.test((e as Error).message),
        url,
      );
    }
  });

  it('turns the modes into driver options that check what was asked', () => {
    assert.equal(mysqlTlsOptions({ mode: 'off' }), undefined);
    assert.deepEqual(mysqlTlsOptions({ mode: 'require' }), {
      ca: undefined,
      rejectUnauthorized: false,
      verifyIdentity: false,
    });
    assert.deepEqual(mysqlTlsOptions({ mode: 'verify-ca' }), {
      ca: undefined,
      rejectUnauthorized: true,
      verifyIdentity: false,
    });
    assert.deepEqual(mysqlTlsOptions({ mode: 'verify-full' }), {
      ca: undefined,
      rejectUnauthorized: true,
      verifyIdentity: true,
    });
    assert.equal(postgresTlsOptions({ mode: 'require' })?.rejectUnauthorized, false);
    assert.equal(postgresTlsOptions({ mode: 'verify-full' })?.rejectUnauthorized, true);
    assert.equal(postgresTlsOptions({ mode: 'verify-full' })?.checkServerIdentity, undefined);
    assert.equal(typeof postgresTlsOptions({ mode: 'verify-ca' })?.checkServerIdentity, 'function');
  });
});
