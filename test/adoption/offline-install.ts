import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * Installing without the internet. `npm ci` in this repository leaves every package of its
 * lockfile in npm's cache, stored by integrity; a project whose own lockfile names those same
 * packages (version, integrity and tarball URL) is installed from the cache with `--offline`.
 * A project without such a lockfile is not: resolving `ajv@^8.20.0` needs the registry's list of
 * versions (its packument), which `npm ci` does not cache when the lockfile records URLs, so
 * `npm install --offline <tarball>` fails with ENOTCACHED on a clean machine. Hence
 * `lockfileFor`: the temporary project starts with the lockfile an existing project would have.
 */

interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  link?: boolean;
  dev?: boolean;
  devOptional?: boolean;
  optional?: boolean;
  peer?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

interface Lockfile {
  lockfileVersion: number;
  packages: Record<string, LockEntry>;
}

/** Where Node would find `name` from the package at `location` (`''` is the project root). */
function locate(packages: Record<string, LockEntry>, location: string, name: string): string | undefined {
  let base = location;
  for (;;) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!base) return undefined;
    const up = base.lastIndexOf('/node_modules/');
    base = up < 0 ? '' : base.slice(0, up);
  }
}

/** The registry's tarball URL; lockfiles written with `omit-lockfile-registry-resolved` leave it out. */
function tarballUrl(location: string, version: string): string {
  const name = location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length);
  return `https://registry.npmjs.org/${name}/-/${name.split('/').pop()!}-${version}.tgz`;
}

/**
 * A lockfile for a project with `pkg` as its package.json, whose packages are `roots` and all
 * they depend on, exactly as this repository's lockfile pins them (same places in the tree).
 */
export function lockfileFor(repoLockPath: string, pkg: { name: string; version: string; dependencies?: Record<string, string>; devDependencies?: Record<string, string> }, roots: readonly string[]): string {
  const lock = JSON.parse(readFileSync(repoLockPath, 'utf8')) as Lockfile;
  if (lock.lockfileVersion < 2) throw new Error(`${repoLockPath}: lockfileVersion ${lock.lockfileVersion} has no "packages" map`);
  const chosen: Record<string, LockEntry> = {};
  const todo: string[] = [];
  const add = (from: string, name: string, required: boolean): void => {
    const at = locate(lock.packages, from, name);
    if (!at) {
      if (required) throw new Error(`${repoLockPath} has no ${name} (needed by ${from || 'the project'})`);
      return;
    }
    if (chosen[at]) return;
    const entry = lock.packages[at]!;
    if (entry.link) throw new Error(`${repoLockPath}: ${at} is a link, which the cache cannot provide`);
    // Flags are the repository's view (dev, optional…); npm works them out again for the project.
    const { dev: _dev, devOptional: _devOptional, peer: _peer, ...kept } = entry;
    chosen[at] = { ...kept, ...(kept.resolved || !kept.version ? {} : { resolved: tarballUrl(at, kept.version) }) };
    todo.push(at);
  };
  for (const root of roots) add('', root, true);
  while (todo.length > 0) {
    const at = todo.pop()!;
    const entry = lock.packages[at]!;
    for (const name of Object.keys(entry.dependencies ?? {})) add(at, name, true);
    // Platform packages (TypeScript's native compiler) and peers: only those the repository has.
    for (const name of Object.keys(entry.optionalDependencies ?? {})) add(at, name, false);
    for (const name of Object.keys(entry.peerDependencies ?? {})) add(at, name, false);
  }
  const root = { name: pkg.name, version: pkg.version, ...(pkg.dependencies ? { dependencies: pkg.dependencies } : {}), ...(pkg.devDependencies ? { devDependencies: pkg.devDependencies } : {}) };
  const sorted = Object.fromEntries(Object.entries(chosen).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return `${JSON.stringify({ name: pkg.name, version: pkg.version, lockfileVersion: 3, requires: true, packages: { '': root, ...sorted } }, null, 2)}\n`;
}

/** npm's cache folder as this repository's npm sees it (where `npm ci` put the packages). */
export function npmCacheDir(repo: string): string {
  const r = spawnSync('npm', ['config', 'get', 'cache'], { cwd: repo, encoding: 'utf8' });
  if (r.status !== 0 || !r.stdout.trim()) throw new Error(`npm config get cache failed: ${r.stderr}`);
  return r.stdout.trim();
}

/**
 * The environment of every command the guide's steps run: this process's, without what npm and
 * vitest put there (npm_* settings of the repository's own `npm test`, NODE_ENV=test, the
 * repository's node_modules/.bin on PATH), and with npm held offline. The registry is a closed
 * port on 127.0.0.1, so a package missing from the cache fails the install instead of being
 * downloaded.
 */
export function offlineEnv(cache: string, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || /^(npm_|vitest|node_env$|node_options$|init_cwd$|test$)/i.test(key)) continue;
    env[key] = value;
  }
  env['PATH'] = (process.env['PATH'] ?? '').split(':').filter((p) => !p.endsWith('node_modules/.bin')).join(':');
  return {
    ...env,
    npm_config_cache: cache,
    npm_config_offline: 'true',
    npm_config_registry: 'http://127.0.0.1:9/',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    // Keep tarball URLs in the lockfile npm rewrites, so that `npm ci` later finds them in the
    // cache too (a user's ~/.npmrc here may say omit-lockfile-registry-resolved).
    npm_config_omit_lockfile_registry_resolved: 'false',
    NO_COLOR: '1',
    ...extra,
  };
}
