import { createRequire } from 'node:module';

type YamlLib = typeof import('yaml');
let lib: YamlLib | undefined;

/**
 * The `yaml` package, loaded on first use. Plans in YAML's plain subset are read by js-yaml
 * and located from its events (see parse-yaml.ts), so most runs never need `yaml`, which
 * takes about 10 ms to load. Its node checks (`isMap`…) work across copies of the package.
 */
export function yamlLib(): YamlLib {
  return (lib ??= createRequire(import.meta.url)('yaml') as YamlLib);
}
