import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { serveStatic, type StaticServer } from '../../src/build/serve.ts';

/** One build of the sample site, shared by every browser test (CX_E2E_OUT: another folder, so two runs can overlap). */
export const E2E_OUT = path.resolve(process.env.CX_E2E_OUT ?? '.cache/e2e/site');

declare module 'vitest' {
  export interface ProvidedContext {
    siteUrl: string;
  }
}

let server: StaticServer | undefined;

export async function setup(project: TestProject): Promise<void> {
  // CX_E2E_DATA and CX_E2E_PAGES point the browser tests at other data or pages; CI uses data/ and pages/.
  const data = process.env.CX_E2E_DATA ?? 'data';
  const pages = process.env.CX_E2E_PAGES ?? 'pages';
  const build = spawnSync(process.execPath, ['scripts/build.ts', '--data', data, '--pages', pages, '--out', E2E_OUT], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`the e2e build failed:\n${build.stdout}\n${build.stderr}`);
  server = await serveStatic(E2E_OUT);
  project.provide('siteUrl', `http://127.0.0.1:${server.port}/`);
}

export async function teardown(): Promise<void> {
  await server?.close();
}
