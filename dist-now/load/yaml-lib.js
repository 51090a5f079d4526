import { createRequire } from 'node:module';
let lib;
/**
 * The `yaml` package, loaded on first use. Plans in YAML's plain subset are read by js-yaml
 * and located from its events (see parse-yaml.ts), so most runs never need `yaml`, which
 * takes about 10 ms to load. Its node checks (`isMap`…) work across copies of the package.
 */
export function yamlLib() {
    return (lib ??= createRequire(import.meta.url)('yaml'));
}
//# sourceMappingURL=yaml-lib.js.map