/** The worker's bundled code, which site/playground.ts builds into the page's script as a string. */
declare module "playground:worker" {
  const source: string;
  export default source;
}
