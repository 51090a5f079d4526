/** What the line splitter hands on for each line. */
export interface LineSink {
    line(text: string, lineNo: number): void;
    /** A line longer than the limit: skipped, reported, and reading carries on after it. */
    tooLong(lineNo: number, bytes: number): void;
}
/**
 * Splits a byte stream into lines without `readline` (which is several times slower): it
 * scans each chunk for `\n` with `Buffer.indexOf` and decodes each line once. CRLF and a
 * leading BOM are handled; a line past `maxLine` bytes is skipped rather than buffered.
 * Returns the number of lines seen.
 */
export declare class LineSplitter {
    #private;
    private readonly sink;
    private readonly maxLine;
    constructor(sink: LineSink, maxLine?: number, firstLine?: number, options?: {
        startOfFile?: boolean;
        maxFirstLine?: number;
    });
    get lines(): number;
    push(chunk: Buffer): void;
    /** The last line, when the input does not end with a newline. */
    end(): void;
}
