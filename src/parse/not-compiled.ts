/** The manifest fields every node has before compile fills them in (seeds and hooks keep them so). */
export function notCompiled(): {
  relation_name: null;
  build_path: null;
  compiled_path: null;
  compiled: false;
  extra_ctes_injected: false;
  extra_ctes: { id: string; sql: string }[];
} {
  return { relation_name: null, build_path: null, compiled_path: null, compiled: false, extra_ctes_injected: false, extra_ctes: [] };
}
