// opencc-js ships its dictionaries as modules exporting "from to|from to|…" (package.json "./*").
declare module "opencc-js/dict/*" {
  const entries: string;
  export default entries;
}
