type YamlLib = typeof import('yaml');
/**
 * The `yaml` package, loaded on first use. Plans in YAML's plain subset are read by js-yaml
 * and located from its events (see parse-yaml.ts), so most runs never need `yaml`, which
 * takes about 10 ms to load. Its node checks (`isMap`…) work across copies of the package.
 */
export declare function yamlLib(): YamlLib;
export {};
