/** How the loader reads files: the real file system by default, anything in tests or editors. */
export interface FileHost {
    /** The bytes of a file; rejects with a Node-style `code` (ENOENT, EISDIR, EACCES) on failure. */
    readFile(path: string): Promise<Uint8Array>;
    /** Whether the path is a regular file, and its size; lets the loader refuse devices and pipes before reading. */
    stat?(path: string): Promise<{
        kind: 'file' | 'directory' | 'other';
        size: number;
    }>;
}
export declare const nodeHost: FileHost;
/** Larger than any real plan; a file this big is a mistake (or a device), not a plan. */
export declare const MAX_PLAN_BYTES: number;
/** The display path of an import, relative like the importing file's, and a key that identifies the file. */
export declare function resolveImport(fromFile: string, spec: string): {
    file: string;
    key: string;
};
