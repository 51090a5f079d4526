import { type Config } from '../config/config.js';
/** The project's configuration from the first config file in `dir`, or none. */
export declare function readConfig(dir?: string): Promise<{
    file: string;
    config: Config;
} | undefined>;
