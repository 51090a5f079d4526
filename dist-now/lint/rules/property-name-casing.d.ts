import { type CasingStyle } from '../casing.js';
declare const _default: import("../rule.js").Rule<{
    style: CasingStyle;
}>;
export default _default;
