/** The one function of svgdom (0.1.25, untyped) that diagrad uses. */
declare module "svgdom" {
  export function createSVGWindow(): { document: Document };
}
