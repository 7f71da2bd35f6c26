/**
 * A throw-away schema for tests: each test run gets `bc_test_<random>` and a URL whose connections
 * use it (`search_path`), so test files can run in parallel and twice against one database.
 */
import crypto from 'node:crypto';
import pg from 'pg';

export const TEST_PG_URL = process.env.BACKCHANNEL_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestSchema {
  /** The database URL with `search_path` set to the schema. */
  url: string;
  schema: string;
  drop(): Promise<void>;
}

export function withSearchPath(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

export async function createTestSchema(baseUrl = TEST_PG_URL): Promise<TestSchema> {
  const schema = `bc_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await admin.end();
  }
  return {
    url: withSearchPath(baseUrl, schema),
    schema,
    drop: async () => {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      try {
        await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await c.end();
      }
    },
  };
}
