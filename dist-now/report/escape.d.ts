/** Text for XML attributes and elements; XML 1.0 cannot carry most control characters even escaped, so they are dropped. */
export declare const xml: (s: string) => string;
export declare const ghData: (s: string) => string;
export declare const ghProp: (s: string) => string;
