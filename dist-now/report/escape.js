/** Text for XML attributes and elements; XML 1.0 cannot carry most control characters even escaped, so they are dropped. */
export const xml = (s) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]);
// GitHub workflow commands: data is percent-encoded for %, CR and LF; properties also for `:` and `,`.
// https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts
export const ghData = (s) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
export const ghProp = (s) => ghData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
//# sourceMappingURL=escape.js.map