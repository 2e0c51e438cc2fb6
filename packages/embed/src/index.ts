/**
 * @diagrad/embed: diagrad where people write mathematics. In Node, a remark plugin and a Markdown
 * transform that replace ```diagrad fences with diagrams and formulas, and the docs site build;
 * in a browser, the `<tensor-diagram>` element (the bundle `@diagrad/embed/tensor-diagram.js`).
 *
 * @example
 * import { transformMarkdown } from "@diagrad/embed";
 * const { markdown } = await transformMarkdown("```diagrad\nx * y * z\nwrt: x\n```\n");
 */
export { type Bundle, copyElementBundle } from "./bundle.js";
export { escapeHtml } from "./escape.js";
export { type Fence, FenceError, type FenceRange, locate, readFence } from "./fence.js";
export { type Figure, type FigureStep, renderFigure } from "./figure.js";
export { formulaOf } from "./formula.js";
export { asFile, errorBox, figureNodes, inline, type Show } from "./nodes.js";
export { type Position, placeInDocument } from "./place.js";
export {
  type DiagradImage,
  default as remarkDiagrad,
  type RemarkDiagradOptions,
} from "./plugin.js";
export { formatMessage, isError, type VFileMessage } from "./report.js";
export {
  type DiagramSettings,
  defaultSettings,
  parseSetting,
  SettingError,
  type StepsMode,
  settingNames,
} from "./settings.js";
export { type BuiltSite, buildSite, type SiteOptions } from "./site/build.js";
export { type Transformed, transformMarkdown } from "./transform.js";
