import jsYaml from 'js-yaml';
export declare const CORE_SCHEMA_LIKE_YAML: jsYaml.Schema;
